/**
 * The source side of a hand-off (CONTRACT §13): a visitor who decided follows a link to a sister
 * site, and the link carries a token from the receiver's `POST /handoff` in its fragment. The token
 * is asked for early (pointer down, focus), so that it is usually there by the click; a click in the
 * same tab is taken there by `location.assign` after waiting for it HOLD_MS at most, then goes
 * without. Links opened in another tab (middle click, a modifier key, a target) carry a token that is
 * already there and never wait: a new tab can only be opened from within the click. A token the link
 * was given by someone else never travels, whatever the click.
 */
import type { ConsentState } from '../core/types.js';
import { withToken, withoutToken } from './fragment.js';

/**
 * How long a click waits for its token at most: CONTRACT §13 allows 300 ms until the navigation
 * starts, and a timer fires a few milliseconds late (measured: npm run bench:handoff).
 */
export const HOLD_MS = 280;
/** A token is good for two minutes after issue; one older than this is asked for again. */
const FRESH_MS = 60_000;

export interface FollowOptions {
  /** The sister sites' origins (this page's may be among them: it is left out). */
  sites: string[];
  /** The receiver's `POST /handoff`, absolute. */
  url: string;
  /** The decision in force now (a token is asked for that one only). */
  state: () => ConsentState;
  now: () => number;
}

interface Pending {
  /** The decision it is for: `id time`. */
  decision: string;
  asked: number;
  token?: string;
  answer: Promise<string | undefined>;
}

type Link = HTMLAnchorElement | HTMLAreaElement;

/**
 * Whether following `link` tells the sister site where the visitor comes from: its check refuses a
 * token that arrives without a Referer from this site (`rel="noreferrer"`, `referrerpolicy="no-referrer"`),
 * so none is asked for such a link.
 */
function referred(link: Link): boolean {
  return !/(^|\s)noreferrer(\s|$)/i.test(link.rel) && link.referrerPolicy !== 'no-referrer';
}

/** Whether the browser opens `link` elsewhere than this tab: another tab or window, a frame, a download. */
function elsewhere(event: MouseEvent, link: Link): boolean {
  // A link without a target of its own takes the page's <base target> (HTML, "get an element's target").
  // An explicit target="" still means this tab, whatever <base target> says.
  const frame = (link.hasAttribute('target') ? link.target : document.querySelector('base[target]')?.getAttribute('target')) || '_self';
  return event.type === 'auxclick' || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || frame.toLowerCase() !== '_self' || link.hasAttribute('download');
}

/** Adds the document's listeners; nothing is asked of the receiver until a sister link is pointed at. */
export function followSisterLinks({ sites, url, state, now }: FollowOptions): void {
  const others = sites.filter((site) => site !== location.origin);
  const pending = new Map<string, Pending>();

  /**
   * The sister-site link an event is about, and where it goes, without any token the link carried
   * on its own: a link someone placed on the site with their token would make whoever follows it
   * adopt their decision.
   */
  const target = (event: Event): [Link, URL] | undefined => {
    const link = event.composedPath().find((node): node is Link => node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement);
    if (!link?.href) return undefined;
    const to = withoutToken(new URL(link.href));
    return others.includes(to.origin) ? [link, to] : undefined;
  };

  /** Follows the link to `address` this once; the page's link is put back once the browser has taken it. */
  const swap = (link: Link, address: string) => {
    const href = link.getAttribute('href') ?? '';
    link.href = address;
    setTimeout(() => link.setAttribute('href', href));
  };

  /** The token for `to` and the decision in force: asked for once, again when stale, failed or for an older decision. */
  const ask = (to: string): Pending | undefined => {
    const { decided, id, updatedAt } = state();
    if (!decided || !id || !updatedAt) return undefined;
    const decision = `${id} ${updatedAt}`;
    const known = pending.get(to);
    if (known && known.decision === decision && now() - known.asked < FRESH_MS) return known;
    const entry: Pending = { decision, asked: now(), answer: Promise.resolve(undefined) };
    entry.answer = fetch(url, {
      method: 'POST',
      // A CORS "simple" request, as receipts are (CONTRACT §10): no preflight to wait for.
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ consentId: id, decidedAt: updatedAt, to }),
      credentials: 'omit',
      referrerPolicy: 'strict-origin',
    })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body: { token?: unknown } | undefined) => {
        if (typeof body?.token !== 'string') throw new Error('no token');
        entry.token = body.token;
        return body.token;
      })
      .catch(() => {
        // Not stored yet, receiver down: the next pointer down asks again.
        if (pending.get(to) === entry) pending.delete(to);
        return undefined;
      });
    pending.set(to, entry);
    return entry;
  };

  const early = (event: Event) => {
    const found = target(event);
    if (found && referred(found[0])) ask(found[1].origin);
  };

  const follow = (event: MouseEvent) => {
    // A page's own handler (a router, a confirmation) decided what this click does.
    if (event.defaultPrevented || (event.type === 'auxclick' && event.button !== 1)) return;
    const found = target(event);
    if (!found) return;
    const [link, to] = found;
    const planted = link.href !== to.href;
    const entry = referred(link) ? ask(to.origin) : undefined;
    const token = entry?.token;
    if (elsewhere(event, link)) {
      // Only the browser can open another tab, and only from within this click: the link itself
      // carries the token there is now, and never one it was given by someone else.
      if (token || planted) swap(link, token ? withToken(to, token) : to.href);
      return;
    }
    if (!entry) {
      // Nothing to wait for: the browser follows the link as written (its referrer policy kept),
      // without the token someone else gave it.
      if (planted) swap(link, to.href);
      return;
    }
    // The same tab is taken there by us, the page's link left as it is for every other listener.
    event.preventDefault();
    let gone = false;
    const go = (late?: string) => {
      if (gone) return;
      gone = true;
      location.assign(late ? withToken(to, late) : to.href);
    };
    if (token) {
      go(token);
      return;
    }
    setTimeout(go, HOLD_MS);
    void entry.answer.then(go);
  };

  document.addEventListener('pointerdown', early, true);
  document.addEventListener('focusin', early, true);
  // On the window, after the page's own handlers: a click they prevented is left alone.
  window.addEventListener('click', follow);
  window.addEventListener('auxclick', follow);
}
