// Where the main-thread time of the first layer goes, until the banner is visible: V8's sampling
// profiler over our page of `npm run bench`, each sample in dist/cid-consent.js mapped back to its
// source module through the source map; time in the browser's own functions (document.cookie,
// createElement, BroadcastChannel…) is counted under the module of ours that called them.
// A profile, not a test. The profiler slows the page; compare the shares, not the totals.
//   node bench/first-layer-time.mjs [--rounds N]   (after npm run build; default 10). npm run bench
//   adds it to its report when the script-time target of issue #15 is missed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { LIBRARIES, page } from './peers.mjs';

const ours = LIBRARIES.find((library) => library.id === 'ours');

/** The profile as Markdown lines, over `rounds` page loads in the `given` browser (one is launched if none is given). */
export async function timeProfile(rounds = 10, given = undefined) {
  const map = new TraceMap(readFileSync(new URL('../dist/cid-consent.js.map', import.meta.url), 'utf8'));
  const moduleOf = ({ lineNumber, columnNumber }) => {
    const source = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }).source ?? '?';
    return source === '?' ? '(bundle top level, unmapped)' : source.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/');
  };
  const html = page(ours);
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const body = path === '/' ? html : ours.files[path];
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': path === '/' ? 'text/html' : 'text/javascript', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  const browser = given ?? (await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS }));
  // Summed over the rounds, then divided: a mean, so that the shares add up.
  const totals = new Map();
  const add = (key, ms) => totals.set(key, (totals.get(key) ?? 0) + ms / rounds);
  for (let round = 0; round < rounds; round++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    // The page itself starts the profile and ends it in the first animation frame that shows the
    // banner (as bench/compare.mjs times it): what runs after that frame is left out.
    const finished = new Promise((resolve) => cdp.once('Profiler.consoleProfileFinished', ({ profile }) => resolve(profile)));
    await tab.addInitScript(
      `console.profile('first-layer'); const spy = () => { if (${ours.banner}) console.profileEnd('first-layer'); else requestAnimationFrame(spy); }; requestAnimationFrame(spy);`,
    );
    await tab.goto(`http://localhost:${server.address().port}/`);
    const profile = await finished;
    await context.close();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node])));
    profile.samples.forEach((id, index) => {
      const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
      // The nearest frame of our file, from the sampled one up: a browser function is ours to pay.
      let node = nodes.get(id);
      const own = node;
      while (node && !node.callFrame.url.endsWith('/cid-consent.js')) node = parent.get(node.id);
      if (!node) return;
      const native = own === node ? '' : ` → ${own.callFrame.functionName || '(native)'}`;
      add(`${moduleOf(node.callFrame)}${native}`, ms);
    });
  }
  if (!given) await browser.close();
  server.close();

  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  return [
    `Where the script time before the banner goes: V8's sampling profiler over ${rounds} loads of our page, each sample in dist/cid-consent.js mapped to its source module (the browser's own functions counted under the module that called them); ${total.toFixed(1)} ms a page under the profiler, which slows it: read the shares.`,
    ``,
    '| module (→ browser function it called) | ms | share |',
    '|---|--:|--:|',
    ...[...totals]
      .sort((a, b) => b[1] - a[1])
      .filter(([, ms]) => ms >= 0.1)
      .map(([key, ms]) => `| ${key} | ${ms.toFixed(2)} | ${((ms / total) * 100).toFixed(0)} % |`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roundsFlag = process.argv.indexOf('--rounds');
  console.log((await timeProfile(roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 10)).join('\n'));
}
