// npm run bench: our widget against its open-source peers, in one run, on this machine.
// A benchmark, not a test. Installs nothing: the peers are pinned devDependencies.
//   node bench/compare.mjs [--rounds N]   (default 10; after npm run build)
// Each round loads the same French page once per library, interleaved, in a fresh context of
// Debian's headless Chromium; then once more with the CPU throttled 4×. Medians with min–max,
// and each figure as a ratio to ours, go to the console and to bench/results/latest.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { measureActivation } from './activate.mjs';
import { LIBRARIES, page } from './peers.mjs';

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 10;

// One server, one path prefix per library, so every page is on the same origin and port.
const routes = new Map();
LIBRARIES.forEach((library, index) => {
  library.path = `/l${index}/`;
  routes.set(library.path, { body: page(library), type: 'text/html; charset=utf-8' });
  for (const [file, body] of Object.entries({ ...library.files, ...library.init })) {
    routes.set(file, { body, type: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
  }
});
routes.set('/tracker.js', { body: 'window.tracked = true', type: 'text/javascript' });
const server = createServer((req, res) => {
  const route = routes.get(new URL(req.url, 'http://x').pathname);
  if (!route) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
});
await new Promise((resolve) => server.listen(0, 'localhost', resolve));
const origin = `http://localhost:${server.address().port}`;

/**
 * Installed before any page script: layout shifts, and the first animation frame in which the
 * banner is visible. With `clickAtFirstFrame`, "reject all" is clicked in that very frame, and
 * the click counts as lost unless the banner hides and the choice is stored within 3 s.
 */
const probe = (library, clickAtFirstFrame) => `
  window.__bench = { visibleAt: 0, cls: 0, firstFrameClick: '' };
  const storedChoice = () => document.cookie.split('; ').some((c) => c.startsWith(${JSON.stringify(library.cookie + '=')}));
  window.__visible = () => {
    const el = ${library.banner};
    if (!el) return false;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const clickNow = () => {
    ${library.reject}.click();
    const start = performance.now();
    const wait = () => (!__visible() && storedChoice() ? (__bench.firstFrameClick = 'ok')
      : performance.now() - start > 3000 ? (__bench.firstFrameClick = 'lost') : setTimeout(wait, 10));
    wait();
  };
  const tick = () => {
    if (!__visible()) return requestAnimationFrame(tick);
    __bench.visibleAt = performance.now();
    if (${clickAtFirstFrame}) clickNow();
  };
  requestAnimationFrame(tick);`;

async function measure(browser, library, throttled) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await tab.addInitScript(probe(library, throttled));
  await tab.goto(origin + library.path);
  await tab.waitForFunction(() => window.__bench.visibleAt > 0, null, { polling: 'raf', timeout: 10_000 });
  if (throttled) {
    // The first-frame click: only whether it was kept matters here.
    await tab.waitForFunction(() => window.__bench.firstFrameClick, null, { timeout: 10_000 });
    const kept = (await tab.evaluate(() => window.__bench.firstFrameClick)) === 'ok';
    const visibleAt = await tab.evaluate(() => window.__bench.visibleAt);
    await context.close();
    return { visibleAt, kept };
  }
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const scriptMs = metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
  const visibleAt = await tab.evaluate(() => window.__bench.visibleAt);
  // Reject as soon as the banner is visible, and time until it is hidden and the choice is stored.
  const rejectMs = await tab.evaluate(
    ([rejectExpression, cookie]) =>
      new Promise((resolve) => {
        const button = eval(rejectExpression);
        const channel = new MessageChannel();
        const start = performance.now();
        const done = () => !window.__visible() && document.cookie.split('; ').some((c) => c.startsWith(cookie + '='));
        const loop = () => (done() ? resolve(performance.now() - start) : performance.now() - start > 3000 ? resolve(-1) : channel.port2.postMessage(0));
        channel.port1.onmessage = loop;
        button.click();
        loop();
      }),
    [library.reject, library.cookie],
  );
  await tab.waitForTimeout(200);
  const cls = await tab.evaluate(() => window.__bench.cls);
  await context.close();
  return { visibleAt, scriptMs, rejectMs, cls };
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = new Map(LIBRARIES.map((l) => [l.name, { visible: [], visibleSlow: [], script: [], reject: [], cls: [], lost: 0 }]));
for (let round = 0; round < rounds; round++) {
  for (const library of LIBRARIES) {
    const r = results.get(library.name);
    const fast = await measure(browser, library, false);
    const slow = await measure(browser, library, true);
    r.visible.push(fast.visibleAt);
    r.visibleSlow.push(slow.visibleAt);
    r.script.push(fast.scriptMs);
    r.cls.push(fast.cls);
    if (!slow.kept) r.lost++;
    if (fast.rejectMs >= 0) r.reject.push(fast.rejectMs);
  }
  process.stdout.write(`round ${round + 1}/${rounds}\r`);
}
const activation = await measureActivation(browser, { count: 500, frames: 0, rounds: Math.max(rounds, 5) });
const version = browser.version();
await browser.close();
server.close();

const sizes = (library) => {
  const files = Object.values(library.files);
  const sum = (f) => files.reduce((n, b) => n + f(b), 0);
  return {
    raw: sum((b) => b.length),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
};
const stats = (values) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
};

const ours = LIBRARIES[0].name;
const rows = [
  ['bytes shipped, raw (JS + CSS)', (l) => sizes(l).raw, 'B'],
  ['bytes shipped, gzip -9', (l) => sizes(l).gzip, 'B'],
  ['bytes shipped, brotli', (l) => sizes(l).brotli, 'B'],
  ['banner visible after navigation start', (l) => stats(results.get(l.name).visible), 'ms'],
  ['banner visible, CPU throttled 4×', (l) => stats(results.get(l.name).visibleSlow), 'ms'],
  ['main-thread script time until visible', (l) => stats(results.get(l.name).script), 'ms'],
  ['layout shift (CLS)', (l) => stats(results.get(l.name).cls), ''],
  ['reject all → hidden + cookie written', (l) => stats(results.get(l.name).reject), 'ms'],
  ['clicks lost, clicked in the first visible frame (4×)', (l) => results.get(l.name).lost, 'count'],
];
const format = (value, unit) => {
  if (value === undefined) return 'n/a';
  if (unit === 'count') return `${value} / ${rounds}`;
  if (typeof value === 'number') return `${unit === 'B' ? value : value.toFixed(unit ? 1 : 3)}${unit ? ' ' + unit : ''}`;
  const digits = unit ? 1 : 3;
  return `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})${unit ? ' ' + unit : ''}`;
};
const median = (value) => (typeof value === 'number' ? value : value?.median);
const table = [
  `| measure | ${LIBRARIES.map((l) => l.name).join(' | ')} |`,
  `|---|${LIBRARIES.map(() => '---').join('|')}|`,
  ...rows.map(([label, get, unit]) => {
    const base = median(get(LIBRARIES[0]));
    const cells = LIBRARIES.map((l) => {
      const value = get(l);
      const ratio = base && unit !== 'count' ? ` ×${(median(value) / base).toFixed(2)}` : '';
      return l.name === ours ? format(value, unit) : `${format(value, unit)}${median(value) !== undefined ? ratio : ''}`;
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  }),
];
const act = stats(activation.inside);
const actNext = stats(activation.untilNextTask);
const alone = stats(activation.browserAlone);
const report = [
  `# Benchmark: @cid-it/consent and its peers`,
  ``,
  `${new Date().toISOString().slice(0, 10)}, ${rounds} rounds interleaved, headless Chromium ${version}, Node ${process.version}; medians (min–max); ×N is the ratio to ours.`,
  ``,
  ...table,
  ``,
  `Ours only: activating 500 gated inline scripts after acceptAll(): ${format(act, 'ms')} inside the call, ${format(actNext, 'ms')} until the next task; the browser alone running the same 500 scripts takes ${format(alone, 'ms')}.`,
  ``,
  `Osano's cookieconsent has no per-purpose choice; its tracker stays inert. Rerun: \`npm run bench\` (\`-- --rounds 3\` for a quick look).`,
].join('\n');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), report + '\n');
// The README's Performance section shows the latest table, between its bench markers.
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const body = report.split('\n').slice(2).join('\n');
writeFileSync(readmeUrl, readme.replace(/(<!-- bench:start[^>]*-->\n)[\s\S]*?(\n<!-- bench:end -->)/, `$1${body}$2`));
console.log('\n' + report);
