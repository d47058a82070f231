import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

/**
 * End-to-end tests open real pages (`/e2e/page`) that load the built
 * `dist/cid-consent.js`, and fake trackers (`/e2e/tracker`: no file extension, so wtr's cache middleware leaves it uncached). Every tracker
 * request is logged here, on the server, so a test can prove what the browser
 * fetched, not only what ran.
 */
const requests = [];
/** Receipts posted by test pages (CONTRACT §10), and the status the receiver answers instead, per run ("down": 503). */
const receipts = [];
const receiverStatus = new Map();
/** How many receipts each run's receiver turned away while down: a test waits for them before bringing it up. */
const turnedAway = new Map();
/** Panel files held back until their test lets them go: key → its release, or 'released'. */
const held = new Map();

const readBody = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

/** Sends a page in two network chunks, split at the first `@@chunk@@`, as a slow network would. */
function sendInChunks(ctx, body) {
  const [first, rest] = body.split('@@chunk@@');
  const stream = new PassThrough();
  ctx.body = stream;
  stream.write(first);
  setTimeout(() => stream.end(rest ?? ''), 300);
}

async function e2eServer(ctx, next) {
  const { path, query } = ctx;
  if (path === '/e2e/page') {
    // The strict policy of the hostile-input issue: scripts by origin or nonce only, no inline styles.
    // `nonceOnly`: scripts by nonce alone, so a script the widget adds itself must carry the tag's nonce.
    // `hashes`: scripts by nonce (the test's own) and by these hashes alone, as the README's policy by hash.
    const scripts = query.hashes ? `'nonce-${query.csp}' ${query.hashes}` : query.nonceOnly ? `'nonce-${query.csp}'` : `'self' 'nonce-${query.csp}'`;
    if (query.csp) ctx.set('Content-Security-Policy', `default-src 'self'; script-src ${scripts}; style-src 'self'`);
    ctx.type = 'html';
    const body = `<!doctype html><html lang="${query.lang ?? 'fr'}"><head><meta charset="utf-8"><title>e2e</title>${query.head ?? ''}</head><body>${query.html ?? ''}</body></html>`;
    if (query.chunked) sendInChunks(ctx, body);
    else ctx.body = body;
  } else if (/^\/dist\/cid-consent(-[a-z]+)?\.js$/.test(path)) {
    // The built bundle byte for byte, as a site serves it: wtr's own plugins would rewrite it, and
    // the sibling files are checked against a hash of their bytes (CONTRACT §1).
    ctx.type = 'js';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await readFile(new URL(`.${path}`, import.meta.url));
  } else if (path === '/e2e/release' && ctx.method === 'POST') {
    // Lets a `held` panel file go (see below), or lets it through at once if it has not been asked for yet.
    const release = held.get(query.key);
    held.set(query.key, 'released');
    if (typeof release === 'function') release();
    ctx.body = 'ok';
  } else if (/^\/e2e\/sibling\/\w+\/(cid-consent(-[a-z]+)?|app)\.js$/.test(path)) {
    // The bundle served from another folder whose panel file is `tampered` (one byte more than the
    // build hashed), `slow` (held back), `missing` (404, a deploy that forgot it) or `held_<key>`
    // (held until the test posts /e2e/release?key=<key>), to test the loader's integrity check, a
    // click that comes before the file, and the widget without it; `renamed/app.js` is the bundle
    // renamed (bundled), with no panel file beside it.
    const [mode, file] = path.slice('/e2e/sibling/'.length).split('/');
    if ((mode === 'renamed' || mode === 'missing') && file === 'cid-consent-panel.js') {
      ctx.status = 404;
      return;
    }
    const key = mode.startsWith('held_') ? mode.slice('held_'.length) : undefined;
    if (key && file === 'cid-consent-panel.js' && held.get(key) !== 'released') {
      // Let go after 20 s whatever happens: a test that failed before its release must not hang the run.
      await new Promise((resolve) => {
        held.set(key, resolve);
        setTimeout(resolve, 20_000);
      });
    }
    // `app.js`: the bundle under another name, as a site's asset pipeline or bundler would serve it.
    let body = await readFile(new URL(`./dist/${file === 'app.js' ? 'cid-consent.js' : file}`, import.meta.url));
    if (file === 'cid-consent-panel.js' && mode === 'tampered') body = Buffer.concat([body, Buffer.from(';window.tampered=true')]);
    if (file === 'cid-consent-panel.js' && mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 800));
    ctx.type = 'js';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  } else if (path === '/e2e/tracker') {
    // `delay` makes a slow tracker, to test what waits behind it.
    if (query.delay) await new Promise((resolve) => setTimeout(resolve, Number(query.delay)));
    requests.push({ run: query.run, name: query.name });
    ctx.type = 'js';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = `(window.ran = window.ran || []).push(${JSON.stringify(String(query.name))});`;
  } else if (path === '/e2e/receipts' && ctx.method === 'POST') {
    if (receiverStatus.has(query.run)) {
      turnedAway.set(query.run, (turnedAway.get(query.run) ?? 0) + 1);
      ctx.status = receiverStatus.get(query.run);
      return;
    }
    const body = await readBody(ctx.req);
    receipts.push({ run: query.run, body, type: ctx.get('content-type'), cookie: ctx.get('cookie'), referer: ctx.get('referer'), origin: ctx.get('origin') });
    ctx.status = 202;
    ctx.body = '{"ok":true}';
  } else if (path === '/e2e/receipts') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(receipts.filter((r) => r.run === query.run));
  } else if (path === '/e2e/turned-away') {
    ctx.type = 'json';
    ctx.body = String(turnedAway.get(query.run) ?? 0);
  } else if (path === '/e2e/receiver') {
    // `down=1`: a receiver that is down (503); `status=404`: one that answers that status; neither: up again.
    const status = query.down === '1' ? 503 : Number(query.status);
    if (status >= 100 && status < 600) receiverStatus.set(query.run, status);
    else receiverStatus.delete(query.run);
    ctx.body = 'ok';
  } else if (path === '/e2e/requests') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(requests.filter((r) => r.run === query.run).map((r) => r.name));
  } else return next();
}

export default {
  files: ['test/**/*.test.ts'],
  // The production build of Lit, as the bundle ships: dev mode only adds console noise here.
  nodeResolve: { exportConditions: ['production'] },
  // Standard decorators would need es2022; we use `static properties`, but keep the target in line with Lit's.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  middleware: [e2eServer],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS } }),
  ],
  // One file at a time: pages of parallel files can sit in background tabs, whose timers
  // Chromium throttles, and the end-to-end tests measure time-bound behaviour (multi-tab sync).
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
