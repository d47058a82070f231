// An audit must not change the records it audits (issue #20, item 12). To decide, the audit
// calls the widget (or clicks a banner), and the widget sends each decision's proof-of-consent
// receipt to the site's receiver (CONTRACT §10): fake decisions, method "api", counted on the
// dashboard. Every receipt a page of the audit sends is answered here, inside the browser
// context, as a receiver would (202 {"ok":true}), and never reaches the network.
import type { BrowserContext } from 'playwright-core';

/** At most what a receiver takes (16 KB, CONTRACT §11), with room: larger bodies are not receipts. */
const MAX_BODY = 64 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a request body is a consent receipt of format 1 (CONTRACT §10), whatever its URL. */
export function isReceipt(body: string | null): boolean {
  if (!body || body.length > MAX_BODY) return false;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  return isObject(value) && value.v === 1 && typeof value.consentId === 'string' && typeof value.decidedAt === 'string'
    && typeof value.method === 'string' && isObject(value.choices);
}

/** Counts the receipts a context's pages sent, each answered by the audit. */
export interface HeldReceipts {
  count(): number;
}

/**
 * Holds back every receipt the context's pages post, wherever `receiptUrl` points (the page's
 * origin, or a receiver of its own). The answer is a receiver's acknowledgement, so that the
 * widget keeps nothing in its outbox (`cid_consent_outbox`) to send again on the reload.
 * Routing every request costs a round trip to this process per request and disables the HTTP
 * cache (Playwright's rule): each reload fetches everything again, as a first visit does.
 */
export async function holdReceipts(context: BrowserContext): Promise<HeldReceipts> {
  let held = 0;
  await context.route('**/*', async (route) => {
    const request = route.request();
    try {
      if (request.method() !== 'POST' || !isReceipt(request.postData())) {
        await route.fallback();
        return;
      }
      held += 1;
      // A receiver on another origin answers with CORS (the widget sends no credentials there).
      const origin = await request.headerValue('origin');
      await route.fulfill({
        status: 202,
        contentType: 'application/json; charset=utf-8',
        headers: origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {},
        body: '{"ok":true}',
      });
    } catch {
      // The page or its context closed while the request waited: nothing is left to answer.
    }
  });
  return { count: () => held };
}
