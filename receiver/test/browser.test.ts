// In real Chromium: a page posts receipts the way the widget does (CONTRACT §10), and,
// once the widget sends receipts, a decision on a page produces exactly one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { TOKEN, receipt, scratchDataDir } from './helpers.js';
import { startReceiver, sleep, type Receiver } from './process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WIDGET = `${ROOT}dist/cid-consent.js`;
const { findChromium, CHROMIUM_ARGS } = (await import(`${ROOT}scripts/chromium.mjs`)) as { findChromium(): string | undefined; CHROMIUM_ARGS: string[] };
const PAGE_PORT = 18710 + (process.pid % 10);
const RECEIVER_PORT = 18700 + (process.pid % 10);
const PAGE_ORIGIN = `http://127.0.0.1:${PAGE_PORT}`;
const RECEIPT_URL = `http://127.0.0.1:${RECEIVER_PORT}/receipts`;

function page(): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boutique</title></head><body>
<h1>Produits</h1>
<script src="/assets/cid-consent.js" defer data-policy-url="/politique" data-lang="fr" data-revision="2" data-receipt-url="${RECEIPT_URL}"></script>
</body></html>`;
}

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/assets/cid-consent.js' && existsSync(WIDGET)) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(WIDGET));
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    }
  });
  return new Promise((resolve) => server.listen(PAGE_PORT, '127.0.0.1', () => resolve(server)));
}

async function proofs(url: string, consentId: string): Promise<{ receipts: Record<string, unknown>[] } | undefined> {
  const response = await fetch(`${url}/receipts/${consentId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return response.status === 200 ? ((await response.json()) as { receipts: Record<string, unknown>[] }) : undefined;
}

describe('receipts from a real browser (Chromium, embedded store)', () => {
  let browser: Browser;
  let server: Server;
  let receiver: Receiver;
  let data: { dir: string; drop(): void };
  before(async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('no Chromium found: run node scripts/chromium.mjs (or set CHROME_PATH)');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    server = await serve();
    data = await scratchDataDir();
    receiver = await startReceiver({ dataDir: data.dir }, { PORT: String(RECEIVER_PORT), ALLOWED_ORIGINS: PAGE_ORIGIN });
  });
  after(async () => {
    receiver?.child.kill('SIGTERM');
    await receiver?.exited;
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    data?.drop();
  });

  it('should take a receipt posted as the widget posts it (text/plain, no preflight, keepalive) and let the page read the 202', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    let preflights = 0;
    tab.on('request', (request) => { if (request.method() === 'OPTIONS') preflights += 1; });
    await tab.goto(`${PAGE_ORIGIN}/`);
    const body = receipt({ site: PAGE_ORIGIN, page: '/' });
    const status = await tab.evaluate(async ([url, text]) => {
      const response = await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'text/plain;charset=UTF-8' }, credentials: 'omit', keepalive: true });
      return `${response.status} ${await response.text()}`;
    }, [RECEIPT_URL, JSON.stringify(body)]);
    await context.close();
    assert.equal(status, '202 {"ok":true}');
    assert.equal(preflights, 0);
    assert.equal((await proofs(receiver.url, body.consentId as string))?.receipts.length, 1);
  });

  it('should refuse a page of another origin: the browser sees a CORS failure and nothing is stored', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    // localhost and 127.0.0.1 are two origins.
    await tab.goto(`http://localhost:${PAGE_PORT}/`);
    const body = receipt({ site: `http://localhost:${PAGE_PORT}`, page: '/' });
    const outcome = await tab.evaluate(async ([url, text]) => {
      try {
        await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
        return 'read';
      } catch {
        return 'blocked';
      }
    }, [RECEIPT_URL, JSON.stringify(body)]);
    await context.close();
    assert.equal(outcome, 'blocked');
    assert.equal(await proofs(receiver.url, body.consentId as string), undefined);
  });

  // Needs the widget half of issue #12 (receiptUrl, outbox) in dist/cid-consent.js: until the
  // built bundle has it, this runs as a TODO (reported, not counted as a failure).
  const widgetSends = existsSync(WIDGET) && readFileSync(WIDGET, 'utf8').includes('cid_consent_outbox');
  it('should store exactly one receipt with every §10 field per decision, and one sent late through the outbox', { todo: widgetSends ? false : 'the built widget does not send receipts yet (npm run build after the widget half of #12)' }, async () => {
    if (!widgetSends) return;
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${PAGE_ORIGIN}/produits?ref=mail#top`);
    await tab.locator('cid-consent-banner [data-action="accept-all"]').click();
    const consentId = await tab.evaluate(() => (globalThis as unknown as { CidConsent: { get(): { id: string } } }).CidConsent.get().id);
    let proof;
    for (let i = 0; i < 50 && !proof; i += 1) {
      await sleep(100);
      proof = await proofs(receiver.url, consentId);
    }
    assert.equal(proof?.receipts.length, 1);
    const [stored] = proof.receipts;
    assert.equal(stored.method, 'banner-accept-all');
    assert.equal(stored.site, PAGE_ORIGIN);
    assert.equal(stored.page, '/produits');
    assert.equal(stored.lang, 'fr');
    assert.equal(stored.revision, 2);
    for (const field of ['decidedAt', 'choices', 'services', 'gpc', 'notice']) assert.ok(field in stored, field);

    // Receiver down while the visitor decides again: the receipt waits in the outbox.
    receiver.child.kill('SIGTERM');
    await receiver.exited;
    await tab.evaluate(() => (globalThis as unknown as { CidConsent: { rejectAll(): void } }).CidConsent.rejectAll());
    await sleep(500);
    receiver = await startReceiver({ dataDir: data.dir }, { PORT: String(RECEIVER_PORT), ALLOWED_ORIGINS: PAGE_ORIGIN });
    await tab.reload();
    let later;
    for (let i = 0; i < 50 && (later?.receipts.length ?? 0) < 2; i += 1) {
      await sleep(100);
      later = await proofs(receiver.url, consentId);
    }
    await tab.reload();
    await sleep(500);
    const final = await proofs(receiver.url, consentId);
    await context.close();
    assert.deepEqual(final?.receipts.map((r) => r.method), ['banner-accept-all', 'api']);
  });
});
