/** The `localStorage` key of receipts not yet acknowledged (CONTRACT §10). */
export const OUTBOX_KEY = 'cid_consent_outbox';
/** At most this many are kept; the oldest go first. */
export const OUTBOX_SIZE = 20;

/** What the outbox needs of `localStorage`; a plain object in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

type Send = (url: string, body: string) => Promise<boolean>;

/**
 * Sends receipts, keeping each one in `localStorage` until the receiver
 * acknowledges it with a 2xx: a receipt outlives a closed page, a network
 * error or a receiver that is down, and goes again on a later page load,
 * only ever to the configured URL. The receiver stores a repeat of the same
 * receipt once, so sending one twice is harmless; losing one is not.
 */
export function createOutbox(url: string, storage: OutboxStorage | undefined, send: Send = post) {
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
  const deliver = async (body: string) => {
    if (await send(url, body)) write(read().filter((entry) => entry !== body));
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
 * `keepalive` lets it finish after the page is closed. `false` for anything
 * but a 2xx, network errors included.
 */
async function post(url: string, body: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      keepalive: true,
      mode: 'cors',
    });
    return response.ok;
  } catch {
    return false;
  }
}
