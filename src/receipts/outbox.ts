import { TAG, type Logger } from '../core/logger.js';

/** The `localStorage` key of receipts not yet acknowledged (CONTRACT §10). */
export const OUTBOX_KEY = 'cid_consent_outbox';
/** At most this many are kept; the oldest go first. */
export const OUTBOX_SIZE = 20;

/** What the outbox needs of `localStorage`; a plain object in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * How the receiver answered: `kept` (2xx), `refused` (400 or 413: the receipt
 * itself is wrong or too large, and sending it again cannot change that), or
 * `retry` (anything else: a network error, a 5xx, and any other 4xx, such as
 * a 404 while the receiver is being deployed or a 403 of an origin not yet
 * allowed, may go through later; CONTRACT §10).
 */
export type Delivery = 'kept' | 'refused' | 'retry';
/**
 * `keepalive`: the request may outlive the page (a decision taken just before leaving). `cookie`: the
 * answer may set the consent cookie (credentials `same-origin`, CONTRACT §10).
 */
type Send = (url: string, body: string, keepalive: boolean, cookie: boolean) => Promise<Delivery>;

/**
 * Sends receipts, keeping each one in `localStorage` until the receiver
 * acknowledges it with a 2xx: a receipt outlives a closed page, a network
 * error or a receiver that is down, and goes again on a later page load,
 * only ever to the configured URL. The receiver stores a repeat of the same
 * receipt once, so sending one twice is harmless; losing one is not.
 */
export function createOutbox(
  url: string,
  storage: OutboxStorage | undefined,
  log?: Logger,
  send: Send = post,
  /** Whether the answer to this receipt may set the consent cookie: on the page's own origin, for the decision in force only. */
  withCookie: (body: string) => boolean = () => false,
) {
  const read = (): string[] => {
    try {
      const kept: unknown = JSON.parse(storage?.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(kept) ? kept.filter((entry): entry is string => typeof entry === 'string') : [];
    } catch {
      // Unreadable (corrupted, or storage denied): nothing can be recovered from it.
      return [];
    }
  };
  const write = (entries: string[]) => {
    try {
      storage?.setItem(OUTBOX_KEY, JSON.stringify(entries.slice(-OUTBOX_SIZE)));
    } catch {
      // Storage full or denied: the receipt is still sent now, only not kept for later.
    }
  };
  /** Receipts on their way in this page: a flush at start-up must not send one a second time. */
  const sending = new Set<string>();
  const deliver = async (body: string, keepalive: boolean): Promise<Delivery | undefined> => {
    if (sending.has(body)) return;
    sending.add(body);
    const delivery = await send(url, body, keepalive, withCookie(body));
    sending.delete(body);
    if (delivery === 'retry') return delivery;
    if (delivery === 'refused') log?.warn(`${TAG} the receiver at ${url} refused a receipt; it is dropped, not sent again.`);
    write(read().filter((entry) => entry !== body));
    return delivery;
  };

  return {
    /** Keeps the receipt first (the page may close before the answer), then sends it, able to outlive the page. */
    async send(body: string): Promise<void> {
      write([...read().filter((entry) => entry !== body), body]);
      await deliver(body, true);
    },
    /**
     * Sends again what earlier pages could not, oldest first, one at a time and without
     * `keepalive` (the 20 a full outbox holds can weigh more than the 64 KiB of keepalive bodies a
     * page may have in flight); the first one the receiver cannot take now (down, or a 404 during a
     * deploy) ends the round until the next page: a visitor does not upload all 20 again on every
     * page. One cut short by the page closing stays kept for the next page.
     */
    async flush(): Promise<void> {
      for (const body of read()) {
        if ((await deliver(body, false)) === 'retry') return;
      }
    },
    read,
  };
}

/** What an answer's status means for the receipt (see `Delivery`). */
const delivery = (status: number): Delivery =>
  status >= 200 && status < 300 ? 'kept' : status === 400 || status === 413 ? 'refused' : 'retry';

/**
 * A CORS "simple" request (text/plain, no preflight), with credentials only where the answer may set
 * the consent cookie (on the page's own origin; a browser keeps no cookie from an answer to a request
 * sent without them, Fetch Standard, "credentials mode"), and
 * `keepalive` lets it finish after the page is closed. `strict-origin`: the
 * `Referer` is the page's origin, never its path or query string, which may
 * hold personal data (CONTRACT §10). Not `no-referrer`: for a POST to the
 * site's own origin, the Fetch Standard ("append a request `Origin` header")
 * then sends `Origin: null`, and the receiver refuses receipts without their origin.
 */
async function post(url: string, body: string, keepalive: boolean, cookie: boolean): Promise<Delivery> {
  try {
    const { status } = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: cookie ? 'same-origin' : 'omit',
      keepalive,
      mode: 'cors',
      referrerPolicy: 'strict-origin',
    });
    return delivery(status);
  } catch {
    // A browser refuses a keepalive request past 64 KiB of keepalive bodies in flight, shared with
    // the page's beacons (Fetch Standard, HTTP-network-or-cache fetch): the same request without it.
    return keepalive ? post(url, body, false, cookie) : 'retry';
  }
}
