/**
 * Issue #23: `npm run build:site`, the first layer built for one site's configuration, in one
 * language (scripts/build-site.mjs). The configuration is checked at build time and built in; the
 * built file works alone on a page, loads dist/'s sibling files copied beside it, and stays what
 * dist/cid-consent.js is for a visitor. Runs after npm run build.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { ROOT } from './helpers.mjs';

const run = promisify(execFile);
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const SIBLINGS = ['cid-consent-panel.js', 'cid-consent-handoff.js', 'cid-consent-declaration.js'];

/** Runs the build's command line on `config` (written as JSON); resolves with its exit code and output. */
async function buildSite(dir, config, name = 'site') {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const out = join(dir, name);
  try {
    const { stdout, stderr } = await run('node', ['scripts/build-site.mjs', '--config', file, '--out', out], { cwd: ROOT });
    return { code: 0, output: stdout + stderr, out };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}`, out };
  }
}

/** A page with only the built tag (and what a test adds), served beside the built files; receipts go to `receipts`. */
function serve(dir, pages, receipts) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'POST' && path === '/receipts') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        receipts.push(JSON.parse(body));
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      return;
    }
    const page = pages[path];
    if (page) return res.writeHead(200, page.headers ?? { 'content-type': 'text/html; charset=utf-8' }).end(page.body);
    const file = join(dir, path);
    if (!/^\/site(-en|-full)?\/[\w.-]+$/.test(path) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('npm run build:site', { timeout: 120_000 }, () => {
  let dir;
  let fr;
  let en;
  let server;
  let origin;
  let browser;

  const config = {
    policyUrl: '/politique-de-confidentialite.html',
    lang: 'fr',
    purposes: [
      { id: 'necessary', required: true },
      { id: 'analytics', label: { fr: 'Mesure d’audience', en: 'Audience measurement' }, services: [{ id: 'ga4', name: 'Google Analytics 4' }] },
      { id: 'marketing' },
    ],
    texts: { fr: { 'banner.title': 'Vos choix, site construit' }, en: { 'banner.title': 'Built site, English title' } },
  };

  let full;
  const receipts = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cid-site-'));
    fr = await buildSite(dir, config);
    en = await buildSite(dir, { ...config, lang: 'en' }, 'site-en');
    const page = (body, head = '') => ({
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8">${head}</head><body><main><h1>Accueil</h1></main>${body}</body></html>`,
    });
    server = await serve(dir, {
      '/favicon.ico': { body: '', headers: { 'content-type': 'image/x-icon' } },
      '/': page('<script src="/site/cid-consent.js" defer></script><script type="text/plain" data-cid-consent="analytics">window.tracked = true</script>'),
      '/en': page('<script src="/site-en/cid-consent.js" defer></script>'),
      '/own-element': page('<cid-consent-banner lang="en"></cid-consent-banner><script src="/site/cid-consent.js" defer></script>'),
      '/full': page('<script src="/site-full/cid-consent.js" defer></script>'),
      '/configured': page('<script>window.cidConsentConfig = { policyUrl: "/autre", lang: "en" }</script><script src="/site/cid-consent.js" defer></script>'),
      '/csp': {
        ...page('<script src="/site/cid-consent.js" defer nonce="n0nce"></script><script type="text/plain" data-cid-consent="analytics">window.tracked = true</script>'),
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'nonce-n0nce' 'self'" },
      },
    }, receipts);
    origin = `http://127.0.0.1:${server.address().port}`;
    // Receipts and sister sites need this page's origin, known once the server listens.
    const sister = { sites: [origin, 'https://www.cid-it.boutique'], handoffKey: 'A'.repeat(43), receiptUrl: '/receipts' };
    full = await buildSite(dir, { ...config, ...sister }, 'site-full');
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh tab on `path`, its console messages collected, once the banner is open. */
  async function open(path) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const messages = [];
    tab.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    await tab.goto(origin + path);
    await tab.waitForFunction(() => document.querySelector('cid-consent-banner')?.shadowRoot?.querySelector('section'));
    return { tab, messages, context };
  }
  const button = (tab, action) => tab.locator(`cid-consent-banner [data-action="${action}"]`);

  it('should build a first layer smaller than dist/cid-consent.js, with the sibling files beside it byte for byte', () => {
    assert.equal(fr.code, 0, fr.output);
    const built = join(fr.out, 'cid-consent.js');
    assert.ok(gzip(built) < gzip(join(ROOT, 'dist/cid-consent.js')) - 2500, `${gzip(built)} B gzip is not 2.5 KB under the generic file`);
    for (const sibling of SIBLINGS) assert.deepEqual(readFileSync(join(fr.out, sibling)), readFileSync(join(ROOT, 'dist', sibling)), sibling);
    assert.match(fr.output, /cid-consent\.js: \d+ B gzip -9, fr only/);
  });

  it('should leave the other language out: its built-in texts and the site’s own', () => {
    const code = readFileSync(join(fr.out, 'cid-consent.js'), 'utf8');
    assert.ok(code.includes('Tout refuser') && code.includes('Vos choix, site construit') && code.includes('Mesure d’audience'));
    for (const english of ['Reject all', 'Built site, English title', 'Audience measurement']) assert.ok(!code.includes(english), english);
    const english = readFileSync(join(en.out, 'cid-consent.js'), 'utf8');
    assert.equal(en.code, 0, en.output);
    assert.ok(english.includes('Reject all') && english.includes('Audience measurement'));
    for (const french of ['Tout refuser', 'Vos choix, site construit', 'Mesure d’audience']) assert.ok(!english.includes(french), french);
  });

  it('should leave out receipts and the sister-site steps where the configuration has no use for them', () => {
    const code = readFileSync(join(fr.out, 'cid-consent.js'), 'utf8');
    assert.ok(!code.includes('cid_consent_outbox') && !code.includes('cid-consent-handoff.js'));
    const withThem = readFileSync(join(full.out, 'cid-consent.js'), 'utf8');
    assert.equal(full.code, 0, full.output);
    assert.ok(withThem.includes('cid_consent_outbox') && withThem.includes('cid-consent-handoff.js'));
  });

  it('should send the receipt of a decision, in the one language, where the configuration has a receiptUrl', async () => {
    const { tab, context } = await open('/full');
    await button(tab, 'accept-all').click();
    for (let wait = 0; wait < 100 && !receipts.length; wait++) await tab.waitForTimeout(50);
    await context.close();
    assert.equal(receipts.length, 1);
    assert.equal(receipts[0].method, 'banner-accept-all');
    assert.equal(receipts[0].lang, 'fr');
    assert.equal(receipts[0].notice.purposes.find((p) => p.id === 'analytics').label, 'Mesure d’audience');
  });

  it('should stop on an invalid configuration, naming each problem, and write nothing', async () => {
    const bad = await buildSite(dir, { policyUrl: 'javascript:alert(1)', lang: 'fr', colour: 'red', cookie: { maxAgeDays: 'six' } }, 'bad');
    assert.equal(bad.code, 1);
    for (const key of ['config.policyUrl', 'config.colour', 'config.cookie.maxAgeDays']) assert.match(bad.output, new RegExp(key.replace(/\./g, '\\.')));
    assert.equal(existsSync(bad.out), false);
  });

  it('should run from another folder, its paths read from there', async () => {
    writeFileSync(join(dir, 'here.json'), JSON.stringify({ policyUrl: '/p', lang: 'fr' }));
    const script = join(ROOT, 'scripts/build-site.mjs');
    await run('node', [script, '--config', 'here.json', '--out', 'out here'], { cwd: dir });
    assert.ok(existsSync(join(dir, 'out here', 'cid-consent.js')));
    await assert.rejects(run('node', [script, '--config', join(ROOT, 'demo/cid-it.fr/consent-config.js')], { cwd: dir }), /did not load as an ES module whose default export is the configuration/);
  });

  it('should ask for the one language and refuse a nonce written into the build', async () => {
    const noLang = await buildSite(dir, { policyUrl: '/p' }, 'no-lang');
    assert.equal(noLang.code, 1);
    assert.match(noLang.output, /config\.lang: a one-language build needs "fr" or "en"/);
    const nonce = await buildSite(dir, { policyUrl: '/p', lang: 'fr', nonce: 'abc' }, 'nonce');
    assert.equal(nonce.code, 1);
    assert.match(nonce.output, /config\.nonce/);
  });

  it('should show the French banner alone on the page, record a refusal and open the panel from the file beside it', async () => {
    const { tab, messages, context } = await open('/');
    assert.equal(await tab.locator('cid-consent-banner h2').textContent(), 'Vos choix, site construit');
    assert.equal(await tab.locator('cid-consent-banner a[href="/politique-de-confidentialite.html"]').count(), 1);
    await button(tab, 'customize').click();
    await tab.waitForFunction(() => document.querySelector('cid-consent-preferences')?.shadowRoot?.querySelector('dialog[open]'));
    assert.match(await tab.locator('cid-consent-preferences dialog').innerText(), /Mesure d’audience/);
    await tab.keyboard.press('Escape');
    await button(tab, 'reject-all').click();
    const cookies = await context.cookies();
    assert.ok(cookies.some((cookie) => cookie.name === 'cid_consent'), 'the refusal is stored');
    assert.equal(await tab.evaluate(() => window.tracked), undefined);
    assert.deepEqual(messages.filter((m) => !m.startsWith('log')), []);
    await context.close();
  });

  it('should show its one language in a banner the page placed itself in another', async () => {
    const { tab, context } = await open('/own-element');
    assert.equal(await tab.locator('cid-consent-banner h2').textContent(), 'Vos choix, site construit');
    assert.equal(await button(tab, 'reject-all').textContent(), 'Tout refuser');
    await context.close();
  });

  it('should give the tag’s nonce to the gated scripts it runs under a strict CSP', async () => {
    const { tab, context } = await open('/csp');
    await button(tab, 'accept-all').click();
    await tab.waitForFunction(() => window.tracked === true);
    await context.close();
  });

  it('should show the English build in English, and say that a page’s own configuration is not read', async () => {
    const english = await open('/en');
    assert.equal(await english.tab.locator('cid-consent-banner h2').textContent(), 'Built site, English title');
    await english.context.close();
    const { tab, messages, context } = await open('/configured');
    assert.equal(await tab.locator('cid-consent-banner h2').textContent(), 'Vos choix, site construit');
    assert.ok(messages.some((m) => m.startsWith('warning:') && m.includes('window.cidConsentConfig is not read')), messages.join('\n'));
    await context.close();
  });
});
