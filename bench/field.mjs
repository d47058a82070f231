// The first layer with CID-IT's own configuration (demo/cid-it.fr/consent-config.js: services, cookie
// declarations, Consent Mode, two sister sites, receipts), where npm run bench's page has a bare one:
// script time until the banner is visible and when it is, on the same French page. With `--against DIR`,
// another build of the script-tag files (say, main's dist/ copied before a change) is measured in the
// same run, interleaved: this machine varies ±30 % between runs, so compare within one. `--site` adds
// the same configuration built by npm run build:site (in French, for this run's origin).
//   node bench/field.mjs [--rounds N] [--against DIR] [--site]   (after npm run build; default 10 rounds)
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildSite } from '../scripts/build-site.mjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { LIBRARIES, page } from './peers.mjs';
import { scriptUntilVisible, VISIBLE_MARK } from './script-time.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, against: { type: 'string' }, site: { type: 'boolean' } } });
const rounds = Number(values.rounds);
const ours = LIBRARIES.find((library) => library.id === 'ours');

/** The demo's configuration, as its page would have it; `origin` stands in for the French site's. */
function fieldConfig(origin) {
  const window = {};
  new Function('window', readFileSync(new URL('../demo/cid-it.fr/consent-config.js', import.meta.url), 'utf8'))(window);
  return {
    ...window.cidConsentConfig,
    sites: [origin, 'https://www.cid-it.boutique'],
    // Any well-formed key: no token arrives on this page, so none is checked.
    handoffKey: 'A'.repeat(43),
    receiptUrl: '/receipts',
  };
}

const builds = [{ name: 'this build (dist/)', dir: new URL('../dist/', import.meta.url) }];
if (values.against) builds.push({ name: `--against ${values.against}`, dir: new URL(`file://${resolve(values.against)}/`) });
const filesIn = (dir) =>
  Object.fromEntries(readdirSync(dir).filter((name) => /^cid-consent(-[a-z]+)?\.js$/.test(name)).map((name) => [name, readFileSync(new URL(name, dir))]));
const files = builds.map(({ dir }) => filesIn(dir));

let html = '';
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (req.method === 'POST') return res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
  const [, build, name] = /^\/b(\d+)\/(?:lib\/)?(.*)$/.exec(path) ?? [];
  if (build === undefined) return res.writeHead(404).end();
  if (name === '') {
    const own = html.replace(/\/lib\//g, `/b${build}/lib/`);
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(builds[build]?.site ? own.replace('<script>if', '<script data-site="1">if') : own);
  }
  const body = files[build]?.[name];
  if (!body) return res.writeHead(name === 'tracker.js' ? 200 : 404).end();
  res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(body);
});
await new Promise((done) => server.listen(0, 'localhost', done));
const origin = `http://localhost:${server.address().port}`;
// The built file reads no window.cidConsentConfig (it would say so): the same page serves both.
const inPage = `<script>if (!document.currentScript.dataset.site) window.cidConsentConfig = ${JSON.stringify(fieldConfig(origin))}</script>`;
html = page({ ...ours, head: `${inPage}<script src="/lib/cid-consent.js" defer></script>` });
if (values.site) {
  const dir = new URL('./results/field-site/', import.meta.url);
  await buildSite({ ...fieldConfig(origin), lang: 'fr' }, fileURLToPath(dir));
  builds.push({ name: 'build:site (fr)', dir, site: true });
  files.push(filesIn(dir));
}

const probe = `window.__bench = { visibleAt: 0 };
  const tick = () => {
    if (${ours.banner}) { __bench.visibleAt = performance.now(); performance.mark('${VISIBLE_MARK}'); }
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);`;

async function visibleAt(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  await tab.addInitScript(probe);
  await tab.goto(url);
  await tab.waitForFunction(() => window.__bench.visibleAt > 0, null, { polling: 'raf', timeout: 10_000 });
  const at = await tab.evaluate(() => window.__bench.visibleAt);
  await context.close();
  return at;
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = builds.map(() => ({ visible: [], script: [] }));
for (let round = 0; round < rounds; round++) {
  for (const [index, result] of results.entries()) {
    const url = `${origin}/b${index}/`;
    result.visible.push(await visibleAt(browser, url));
    const script = await scriptUntilVisible(browser, url, probe);
    if (script !== undefined) result.script.push(script);
  }
  process.stdout.write(`round ${round + 1}/${rounds}\r`);
}
await browser.close();
server.close();

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const cell = (list) => `${median(list).toFixed(1)} (${Math.min(...list).toFixed(1)}–${Math.max(...list).toFixed(1)}) ms`;
console.log(`\nCID-IT's configuration on the bench page, ${rounds} rounds, medians (min–max):\n`);
const gzip = (index) => gzipSync(files[index]['cid-consent.js'], { level: 9 }).length;
console.log('| build | cid-consent.js, gzip -9 | script until visible | banner visible |\n|---|--:|--:|--:|');
for (const [index, { name }] of builds.entries()) console.log(`| ${name} | ${gzip(index)} B | ${cell(results[index].script)} | ${cell(results[index].visible)} |`);
