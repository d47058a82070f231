// Where the main-thread time of the first layer goes, until the banner is visible: V8's sampling
// profiler over our page of `npm run bench`, each sample in dist/cid-consent.js mapped back to its
// source module through the source map; time in the browser's own functions (document.cookie,
// createElement, BroadcastChannel…) is counted under the module of ours that called them.
// A profile, not a test. The profiler slows the page; compare the shares, not the totals.
//   node bench/first-layer-time.mjs [--rounds N]   (after npm run build; default 10)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { LIBRARIES, page } from './peers.mjs';

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 10;
const ours = LIBRARIES.find((library) => library.id === 'ours');
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

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const totals = new Map();
const add = (key, ms) => totals.set(key, (totals.get(key) ?? 0) + ms / rounds);
// Averaged over the rounds, each key alike: a mean, so that the shares add up.
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
await browser.close();
server.close();

const total = [...totals.values()].reduce((a, b) => a + b, 0);
console.log(`Main-thread time in dist/cid-consent.js until the banner is visible, under the profiler: ${total.toFixed(1)} ms (mean of ${rounds} pages)\n`);
console.log('| module (→ browser function it called) | ms | share |\n|---|--:|--:|');
for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 0.1)) {
  console.log(`| ${key} | ${ms.toFixed(2)} | ${((ms / total) * 100).toFixed(0)} % |`);
}
