// In real Chromium: a page posts receipts the way the widget does (CONTRACT §10), and,
// once the widget sends receipts, a decision on a page produces exactly one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { TOKEN, receipt, scratchDataDir } from './helpers.js';
import { startReceiver, type Receiver } from './process.js';

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

  // The built widget itself, deciding in a page: widget.test.ts.
});
