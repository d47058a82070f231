// The widget and the receiver together, in Chromium: the built dist/cid-consent.js on a page
// whose receipts go to a receiver started as in production (embedded store).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TOKEN, scratchDataDir } from './helpers.js';
import { startReceiver, type Receiver } from './process.js';

const BUNDLE = fileURLToPath(new URL('../../../dist/cid-consent.js', import.meta.url));
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'];
// Fixed, in this package's range: the restarted receiver must answer at the same URL.
const RECEIVER_PORT = '18790';

/** A site page at /produits/portables with the widget sending receipts to `receiptUrl`. */
function serveSite(receiptUrl: string): Promise<Server> {
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>CID-IT</title></head><body>
<main><h1>Portables</h1></main>
<script src="/cid-consent.js" data-policy-url="/politique" data-receipt-url="${receiptUrl}"></script></body></html>`;
  const server = createServer((request, response) => {
    if (request.url === '/cid-consent.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(BUNDLE));
    } else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function proof(receiver: string, consentId: string): Promise<{ method: string; [key: string]: unknown }[]> {
  const response = await fetch(`${receiver}/receipts/${consentId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (response.status === 404) return [];
  return ((await response.json()) as { receipts: { method: string }[] }).receipts;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('widget → receiver, in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let origin: string;
  let receiver: Receiver;
  let data: { dir: string; drop(): void };
  const receiverUrl = `http://127.0.0.1:${RECEIVER_PORT}`;
  const start = () => startReceiver({ dataDir: data.dir }, { PORT: RECEIVER_PORT, ALLOWED_ORIGINS: origin });

  before(async () => {
    assert.ok(existsSync(BUNDLE), 'dist/cid-consent.js is built (npm run build at the root)');
    site = await serveSite(`${receiverUrl}/receipts`);
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    data = await scratchDataDir();
    receiver = await start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    receiver?.child.kill('SIGTERM');
    await receiver?.exited;
    site?.close();
    data?.drop();
  });

  // Expressions evaluated in the page (this package compiles without the DOM's types).
  const consentId = (page: Page) => page.evaluate<string>('window.CidConsent.get().id');
  const outbox = (page: Page) => page.evaluate<string | null>("localStorage.getItem('cid_consent_outbox')");

  // Looked up by its consent id: the lookup's answer names it once, not in each receipt.
  it('should store exactly one receipt for a decision, with every field of format 1', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/produits/portables?utm_source=mail#top`);
    await page.locator('cid-consent-banner [data-action="accept-all"]').click();
    const id = await consentId(page);
    const [receipt] = await until('the receipt', () => proof(receiverUrl, id), (r) => r.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await proof(receiverUrl, id)).length, 1);
    const state = await page.evaluate<{ updatedAt: string }>('window.CidConsent.get()');
    assert.deepEqual(
      { ...receipt, notice: undefined },
      {
        ...receipt,
        notice: undefined,
        v: 1,
        decidedAt: state.updatedAt,
        revision: 1,
        choices: { necessary: true, analytics: true, marketing: true, partners: true },
        services: {},
        method: 'banner-accept-all',
        gpc: false,
        lang: 'fr',
        site: origin,
        page: '/produits/portables',
      },
    );
    const notice = receipt.notice as { policyUrl: string; texts: Record<string, string>; purposes: unknown[] };
    assert.equal(notice.policyUrl, `${origin}/politique`);
    assert.equal(notice.texts['banner.title'], 'Vos choix sur les cookies');
    assert.equal(notice.purposes.length, 4);
    await page.context().close();
  });

  it('should deliver once, on a later page, a decision taken while the receiver was down', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/produits/portables`);
    receiver.child.kill('SIGTERM');
    await receiver.exited;
    await page.locator('cid-consent-banner [data-action="reject-all"]').click();
    const id = await consentId(page);
    await until('the outbox', () => outbox(page), (v) => !!v && v !== '[]');
    receiver = await start();
    await page.reload();
    const receipts = await until('the receipt', () => proof(receiverUrl, id), (r) => r.length > 0);
    assert.equal(receipts[0].method, 'banner-reject-all');
    await until('an empty outbox', () => outbox(page), (v) => v === '[]');
    await page.reload();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await proof(receiverUrl, id)).length, 1);
    await page.context().close();
  });
});
