// npm run bench: our widget against its open-source peers, in one run, on this machine.
// A benchmark, not a test. Installs nothing: the peers are pinned devDependencies.
//   node bench/compare.mjs [--rounds N]   (default 10; after npm run build)
// Each round loads the same French page once per library, interleaved, in a fresh context of
// Debian's headless Chromium; then once more with the CPU throttled 4×. Then, ours only, the
// activation of gated scripts (activate.mjs) and "Personnaliser" → panel open (panel.mjs). Medians
// with min–max, each figure as a ratio to ours, and issue #15's targets met or missed, go to the
// console, to bench/results/latest.md and to the contributors' guide's bench block (docs/contributors.md).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { bytesProfile } from './first-layer.mjs';
import { timeProfile } from './first-layer-time.mjs';
import { VISIBLE_MARK, scriptUntilVisible } from './script-time.mjs';
import { measureActivation } from './activate.mjs';
import { measurePanel } from './panel.mjs';
import { LIBRARIES, SITE_CONFIG, page, useSiteBuild } from './peers.mjs';
import { buildSite } from '../scripts/build-site.mjs';
import { targets } from './targets.mjs';

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 10;

// Issue #23: the tailored build for this page, built from dist/ (npm run bench builds dist/ first).
const siteDir = new URL('./results/site/', import.meta.url);
await buildSite(SITE_CONFIG, fileURLToPath(siteDir));
useSiteBuild(siteDir);

// One server, one path prefix per library, so every page is on the same origin and port.
const routes = new Map();
LIBRARIES.forEach((library, index) => {
  library.path = `/l${index}/`;
  routes.set(library.path, { body: page(library), type: 'text/html; charset=utf-8' });
  for (const [file, body] of Object.entries({ ...library.files, ...library.init })) {
    routes.set(file, { body, type: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
  }
});
// gzip -9 size of every file a library ships, by path: the "bytes" rows add these up.
const gzipped = new Map();
for (const library of LIBRARIES) {
  for (const [file, body] of Object.entries(library.files)) gzipped.set(file, gzipSync(body, { level: 9 }).length);
  // The files the page's HTML references itself: the banner cannot show before the page has them.
  library.direct = Object.keys(library.files).filter((file) => library.head.includes(`"${file}"`));
}
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
    performance.mark('${VISIBLE_MARK}');
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
  const visibleAt = await tab.evaluate(() => window.__bench.visibleAt);
  // The library's files the page had fetched before the first frame where the banner is visible:
  // read later than that frame, since an entry is added once its response has been handled.
  const fetched = await tab.evaluate(
    (at) => performance.getEntriesByType('resource').filter((e) => e.responseEnd <= at).map((e) => new URL(e.name).pathname),
    visibleAt,
  );
  const before = new Set([...fetched, ...library.direct].filter((path) => path in library.files));
  const bytesBefore = [...before].reduce((n, path) => n + gzipped.get(path), 0);
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
  return { visibleAt, rejectMs, cls, bytesBefore };
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = new Map(LIBRARIES.map((l) => [l.id, { visible: [], visibleSlow: [], script: [], reject: [], cls: [], before: [], lost: 0 }]));
for (let round = 0; round < rounds; round++) {
  for (const library of LIBRARIES) {
    const r = results.get(library.id);
    const fast = await measure(browser, library, false);
    const slow = await measure(browser, library, true);
    r.visible.push(fast.visibleAt);
    r.visibleSlow.push(slow.visibleAt);
    // Its own page load, traced: tracing would slow the loads timed above.
    const scriptMs = await scriptUntilVisible(browser, origin + library.path, probe(library, false));
    if (scriptMs !== undefined) r.script.push(scriptMs);
    r.cls.push(fast.cls);
    r.before.push(fast.bytesBefore);
    if (!slow.kept) r.lost++;
    if (fast.rejectMs >= 0) r.reject.push(fast.rejectMs);
  }
  process.stdout.write(`round ${round + 1}/${rounds}\r`);
}
const activation = await measureActivation(browser, { count: 500, frames: 0, rounds: Math.max(rounds, 5) });
const panel = await measurePanel(browser, { url: origin + LIBRARIES[0].path, library: LIBRARIES[0], rounds });
const version = browser.version();
await browser.close();
server.close();

const sizes = (library) => {
  const files = Object.entries(library.files);
  const sum = (f) => files.reduce((n, entry) => n + f(entry), 0);
  return {
    raw: sum(([, b]) => b.length),
    gzip: sum(([path]) => gzipped.get(path)),
    brotli: sum(([, b]) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
};
const stats = (values) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
};

const measured = (key) => (l) => stats(results.get(l.id)[key]);
// `key` names the rows issue #15 sets a target for (targets.mjs).
const rows = [
  { key: 'before', label: 'bytes before the banner shows (JS + CSS, gzip -9)', get: measured('before'), unit: 'B' },
  { key: 'all', label: 'bytes in all (JS + CSS, gzip -9)', get: (l) => sizes(l).gzip, unit: 'B' },
  { label: 'bytes in all, raw', get: (l) => sizes(l).raw, unit: 'B' },
  { label: 'bytes in all, brotli', get: (l) => sizes(l).brotli, unit: 'B' },
  { key: 'visible', label: 'banner visible after navigation start', get: measured('visible'), unit: 'ms' },
  { key: 'visibleSlow', label: 'banner visible, CPU throttled 4×', get: measured('visibleSlow'), unit: 'ms' },
  { key: 'script', label: 'main-thread script time until visible', get: measured('script'), unit: 'ms' },
  { key: 'cls', label: 'layout shift (CLS)', get: measured('cls'), unit: '' },
  { key: 'reject', label: 'reject all → hidden + cookie written', get: measured('reject'), unit: 'ms' },
  { key: 'lost', label: 'clicks lost, clicked in the first visible frame (4×)', get: (l) => results.get(l.id).lost, unit: 'count' },
];
const format = (value, unit) => {
  if (value === undefined) return 'n/a';
  if (unit === 'count') return `${value} / ${rounds}`;
  const digits = unit === 'B' ? 0 : unit ? 1 : 3;
  if (typeof value === 'number') return `${value.toFixed(digits)}${unit ? ' ' + unit : ''}`;
  return `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})${unit ? ' ' + unit : ''}`;
};
const median = (value) => (typeof value === 'number' ? value : value?.median);

const values = Object.fromEntries(
  rows.filter((row) => row.key).map((row) => [row.key, Object.fromEntries(LIBRARIES.map((l) => [l.id, row.get(l)]))]),
);
const goals = targets(values, panel, stats);
// The same targets for the tailored build (the panel is the same file: its figures are the generic build's).
const siteGoals = targets(values, panel, stats, 'site');
const verdict = (goal) => `${goal.target}: ${goal.met === undefined ? 'not measured' : goal.met ? 'met' : '**missed**'}${goal.figure ? ` (${goal.figure})` : ''}`;
const table = [
  `| measure | ${LIBRARIES.map((l) => l.name).join(' | ')} | target: generic file | target: build:site |`,
  `|---|${LIBRARIES.map(() => '---').join('|')}|---|---|`,
  ...rows.map(({ key, label, get, unit }) => {
    const base = median(get(LIBRARIES[0]));
    const cells = LIBRARIES.map((l, index) => {
      const value = get(l);
      const ratio = index > 0 && base && unit !== 'count' && median(value) !== undefined ? ` ×${(median(value) / base).toFixed(2)}` : '';
      return `${format(value, unit)}${ratio}`;
    });
    return `| ${label} | ${cells.join(' | ')} | ${goals[key] ? verdict(goals[key]) : ''} | ${siteGoals[key] ? verdict(siteGoals[key]) : ''} |`;
  }),
];

const act = stats(activation.inside);
const actNext = stats(activation.untilNextTask);
const alone = stats(activation.browserAlone);
// Which of our files arrived between the click and the open panel, and in how many rounds.
const waitedFor = (perRound) => {
  const counts = new Map();
  for (const paths of perRound) for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1);
  return counts.size ? [...counts].map(([path, n]) => `${path} in ${n} / ${rounds}`).join(', ') : 'none';
};
const siblings = Object.keys(LIBRARIES[0].files).length - 1;
// Issue #15: for each target missed, the profile that says where the bytes or the time go.
const profiles = [
  ...(goals.before.met === false ? ['', ...(await bytesProfile())] : []),
  ...(goals.script.met === false ? ['', ...(await timeProfile(rounds))] : []),
];
const summary = (label, all) => {
  const missed = Object.values(all).filter((goal) => goal.met !== true);
  const count = Object.keys(all).length;
  return `${label}: ${count - missed.length} of ${count} met${missed.length ? `; missed: ${missed.map((goal) => goal.name).join(', ')}` : ''}.`;
};
const report = [
  `# Benchmark: @cid-it/consent and its peers`,
  ``,
  `${new Date().toISOString().slice(0, 10)}, ${rounds} rounds interleaved, headless Chromium ${version}, Node ${process.version}; medians (min–max); ×N is the ratio to ours. Ours ships dist/cid-consent.js${siblings ? ` and ${siblings} sibling file(s)` : ' alone (no sibling file)'}; "build:site" is the same widget built by \`npm run build:site\` for this page's configuration (\`${JSON.stringify(SITE_CONFIG)}\`), with the same sibling files.`,
  ``,
  ...table,
  ``,
  `"Bytes before the banner shows": the library's files whose response had ended (Resource Timing, in the page) before the first animation frame where the banner is visible, median over the 1× rounds; 1 KB = 1,000 B.`,
  ``,
  `Ours only: "Personnaliser" → panel open (click on the banner's customize button until the panel's \`<dialog>\` is open with a non-empty box): warm page (load + 500 ms, panel element defined) ${format(stats(panel.warm.ms), 'ms')}, ${verdict(goals.panelWarm)}; cold page (clicked in the first visible frame) ${format(stats(panel.cold.ms), 'ms')}, ${verdict(goals.panelCold)}. Our files fetched between the click and the open panel: warm ${waitedFor(panel.warm.waitedFor)}; cold ${waitedFor(panel.cold.waitedFor)}.`,
  ``,
  `Ours only: activating 500 gated inline scripts after acceptAll(): ${format(act, 'ms')} inside the call, ${format(actNext, 'ms')} until the next task; the browser alone running the same 500 scripts takes ${format(alone, 'ms')}.`,
  ``,
  `Issue #23 targets (those of #15): ${summary('dist/cid-consent.js', goals)} ${summary('build:site', siteGoals)}`,
  ...profiles,
  ``,
  `Osano's cookieconsent has no per-purpose choice; its tracker stays inert. Rerun: \`npm run bench\` (\`-- --rounds 3\` for a quick look).`,
].join('\n');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), report + '\n');
// The contributors' guide's performance section shows the latest table, between its bench markers.
const guideUrl = new URL('../docs/contributors.md', import.meta.url);
const guide = readFileSync(guideUrl, 'utf8');
const body = report.split('\n').slice(2).join('\n');
// A function, so that a `$` in the report is never read as a replacement pattern.
writeFileSync(guideUrl, guide.replace(/(<!-- bench:start[^>]*-->\n)[\s\S]*?(\n<!-- bench:end -->)/, (_, start, end) => start + body + end));
console.log('\n' + report);
