import { TAG, type Logger } from '../core/logger.js';

/** The `localStorage` key of receipts not yet acknowledged (CONTRACT §10). */
export const OUTBOX_KEY = 'cid_consent_outbox';
/** At most this many are kept; the oldest go first. */
export const OUTBOX_SIZE = 20;

/** What the outbox needs of `localStorage`; a plain object in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * How the receiver answered: `kept` (2xx), `refused` (a 4xx that sending again
 * cannot change: the receipt is bad for it, or too large), or `retry` (network
 * error, 5xx, 408, 429: it may go through later).
 */
export type Delivery = 'kept' | 'refused' | 'retry';
type Send = (url: string, body: string) => Promise<Delivery>;

/**
 * Sends receipts, keeping each one in `localStorage` until the receiver
 * acknowledges it with a 2xx: a receipt outlives a closed page, a network
 * error or a receiver that is down, and goes again on a later page load,
 * only ever to the configured URL. The receiver stores a repeat of the same
 * receipt once, so sending one twice is harmless; losing one is not.
 */
export function createOutbox(url: string, storage: OutboxStorage | undefined, log?: Logger, send: Send = post) {
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
  const deliver = async (body: string) => {
    if (sending.has(body)) return;
    sending.add(body);
    const delivery = await send(url, body);
    sending.delete(body);
    if (delivery === 'retry') return;
    if (delivery === 'refused') log?.warn(`${TAG} the receiver at ${url} refused a receipt; it is dropped, not sent again.`);
    write(read().filter((entry) => entry !== body));
  };

  return {
    /** Keeps the receipt first (the page may close before the answer), then sends it. */
    send(body: string): Promise<void> {
      write([...read().filter((entry) => entry !== body), body]);
      return deliver(body);
    },
    /** Sends again what earlier pages could not. */
    flush(): Promise<void> {
      return Promise.all(read().map(deliver)).then(() => undefined);
    },
    read,
  };
}

/**
 * A CORS "simple" request (text/plain, no credentials): no preflight, and
 * `keepalive` lets it finish after the page is closed.
 */
async function post(url: string, body: string): Promise<Delivery> {
  try {
    const { status } = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      keepalive: true,
      mode: 'cors',
    });
    if (status >= 200 && status < 300) return 'kept';
    return status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'refused' : 'retry';
  } catch {
    return 'retry';
  }
}
