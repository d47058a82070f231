import { cookieName, entryDays } from './declared-cookies.js';
import { emit } from './events.js';
import { changesConsent, type ConsentManager, type TabMessage } from './manager.js';
import { NECESSARY } from './purposes.js';
import type { ConsentChange, ConsentState, CookieEntry, PurposeInventory } from './types.js';

/** `window.CidConsent`, also exported as `consent` from the ES module (CONTRACT §5). */
export interface CidConsentApi {
  get(): ConsentState;
  has(purpose: string): boolean;
  acceptAll(): void;
  rejectAll(): void;
  set(choices: Record<string, boolean>): void;
  reset(): void;
  show(): void;
  hide(): void;
  on(type: 'change', listener: (detail: ConsentChange) => void): () => void;
  on(type: 'ready', listener: (detail: ConsentState) => void): () => void;
  whenGranted(purpose: string): Promise<void>;
  /**
   * What each configured purpose and service declares (ids, cookie patterns):
   * lets an audit (`cid-consent-audit`) classify what a page stores. Empty before `start()`.
   */
  inventory(): PurposeInventory[];
}

/** How a decision was taken in the page, as proof-of-consent receipts record it (CONTRACT §10). */
export type DecisionMethod =
  | 'banner-accept-all'
  | 'banner-reject-all'
  | 'panel-accept-all'
  | 'panel-reject-all'
  | 'panel-save'
  | 'placeholder'
  | 'api'
  | 'reset'
  | 'handoff';

/** Where a change comes from: a decision taken in this page, or one received from another tab. */
export type ChangeOrigin = { remote: false; method: DecisionMethod } | { remote: true };

/** What the page around the manager does: the elements, the gating, the signals. */
export interface ConsentView {
  show(): void;
  hide(): void;
  changed(change: ConsentChange, origin: ChangeOrigin): void;
}

/** A decision: for every optional purpose, or for the ones listed. */
export type Decision = 'accept-all' | 'reject-all' | 'reset' | Record<string, boolean>;

export interface ConsentRuntime {
  api: CidConsentApi;
  /**
   * Connects the manager once the configuration is known: the API is live from then on.
   * `notByAcceptAll` lists purposes that "accept all" leaves refused (Global Privacy Control).
   */
  attach(manager: ConsentManager, view: ConsentView, notByAcceptAll?: string[]): void;
  /** Fires `cid-consent-ready` with the state at that moment; late `on('ready')` listeners get it too. */
  ready(): void;
  readonly attached: boolean;
  /** A decision taken in the page, recorded with how it was taken (the API's own calls are `api`). */
  decide(decision: Decision, method: DecisionMethod): void;
  /** Takes a sister site's decision (CONTRACT §13), recorded with the method `handoff`. */
  adopt(...decision: Parameters<ConsentManager['adopt']>): void;
  /** Takes a decision another tab sent, or, with no message, reads storage again; tells the page as for a local one. */
  receive(message?: TabMessage): void;
}

/** A `cookies` list as `inventory()` gives it: the names, and the lifetime in days of those that declare one. */
function inventoryOf(entries: CookieEntry[] = []): Pick<PurposeInventory, 'cookies' | 'lifetimes'> {
  const lifetimes: Record<string, number> = {};
  for (const entry of entries) {
    const days = entryDays(entry);
    if (days !== undefined) lifetimes[cookieName(entry)] = days;
  }
  return { cookies: entries.map(cookieName), lifetimes };
}

/** Shared by every copy of the bundle on a page (Symbol.for), unlike a module-level flag. */
export const RUNNING = Symbol.for('cid-consent.running');

/** Whether `value` is the API of a widget that has started, from this copy of the code or another. */
export const isRunning = (value: unknown): value is CidConsentApi =>
  typeof (value as Record<symbol, unknown> | undefined)?.[RUNNING] === 'function' &&
  (value as Record<symbol, () => boolean>)[RUNNING]();

/**
 * Builds the API before any configuration exists, so that `consent` can be
 * imported and listened to before `start()` runs. Events go to `target`
 * (`document` in a page, a bare `EventTarget` in unit tests and on a server).
 */
export function createRuntime(target: EventTarget): ConsentRuntime {
  let manager: ConsentManager | undefined;
  let view: ConsentView | undefined;
  let ready: ConsentState | undefined;
  let notByAcceptAll: string[] = [];
  /** One pending promise per purpose, whatever the number of calls: single-page apps ask on every route. */
  const waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  const settleWaiting = () => {
    for (const [purpose, { resolve }] of waiting) {
      if (!api.has(purpose)) continue;
      waiting.delete(purpose);
      resolve();
    }
  };

  // Changes are told one at a time, in the order they happened: a listener (or a gated script)
  // that decides while a change is being told has its own change told right after, so the
  // signals sent last are always those of the current state. The same choices confirmed again
  // reach the page (the receipt, the panel's date) but are no `cid-consent-change` (CONTRACT §7).
  const untold: [ConsentChange, ChangeOrigin][] = [];
  let telling = false;
  const tell = (change: ConsentChange | undefined, origin: ChangeOrigin) => {
    if (!change) return;
    untold.push([change, origin]);
    if (telling) return;
    telling = true;
    try {
      for (let next = untold.shift(); next; next = untold.shift()) {
        view?.changed(...next);
        if (changesConsent(next[0])) emit(target, 'cid-consent-change', next[0]);
        settleWaiting();
      }
    } finally {
      telling = false;
    }
  };

  /** A choice for every optional purpose: only configured ids, so nothing is warned about. */
  const optional = (granted: (id: string) => boolean) =>
    Object.fromEntries((manager?.purposes ?? []).filter((p) => !p.required).map((p) => [p.id, granted(p.id)]));

  const decide = (decision: Decision, method: DecisionMethod) => {
    if (!manager) return;
    let change: ConsentChange | undefined;
    if (decision === 'reset') change = manager.reset();
    else if (decision === 'accept-all') change = manager.decide(optional((id) => !notByAcceptAll.includes(id)));
    else if (decision === 'reject-all') change = manager.decide(optional(() => false));
    // A placeholder's grant before any decision is kept without answering the banner (CONTRACT §8).
    else change = manager.decide(Object(decision), method === 'placeholder');
    tell(change, { remote: false, method });
  };

  const api: CidConsentApi = {
    get: () =>
      manager?.state ?? { decided: false, purposes: { [NECESSARY]: true }, services: {}, id: null, updatedAt: null, revision: 1 },
    has: (purpose) => (manager ? manager.has(purpose) : purpose === NECESSARY),
    acceptAll: () => decide('accept-all', 'api'),
    rejectAll: () => decide('reject-all', 'api'),
    set: (choices) => decide(Object(choices), 'api'),
    reset: () => decide('reset', 'reset'),
    show: () => view?.show(),
    hide: () => view?.hide(),
    on(type: 'change' | 'ready', listener: (detail: never) => void) {
      if (type === 'ready' && ready) listener(ready as never);
      const handler = (event: Event) => listener((event as CustomEvent).detail as never);
      target.addEventListener(`cid-consent-${type}`, handler);
      return () => target.removeEventListener(`cid-consent-${type}`, handler);
    },
    whenGranted(purpose) {
      if (api.has(purpose)) return Promise.resolve();
      let wait = waiting.get(purpose);
      if (!wait) {
        let resolve = () => {};
        const promise = new Promise<void>((settle) => {
          resolve = settle;
        });
        wait = { promise, resolve };
        waiting.set(purpose, wait);
      }
      return wait.promise;
    },
    inventory: () =>
      (manager?.purposes ?? []).map((p) => ({
        id: p.id,
        required: !!p.required,
        ...inventoryOf(p.cookies),
        services: (p.services ?? []).map(({ id, name, provider, cookies }) => ({ id, name, provider, ...inventoryOf(cookies) })),
      })),
  };
  // Lets a second copy of the widget on the page recognise the first one's API.
  Object.defineProperty(api, RUNNING, { value: () => !!manager });

  return {
    api,
    decide,
    adopt(...decision) {
      if (manager) tell(manager.adopt(...decision), { remote: false, method: 'handoff' });
    },
    receive(message) {
      if (manager) tell(message ? manager.receive(message) : manager.reload(), { remote: true });
    },
    get attached() {
      return !!manager;
    },
    attach(next, nextView, refusedByAcceptAll = []) {
      manager = next;
      view = nextView;
      notByAcceptAll = refusedByAcceptAll;
    },
    ready() {
      ready = api.get();
      emit(target, 'cid-consent-ready', ready);
      settleWaiting();
    },
  };
}

/** The key under which the first copy of the code on a page keeps its runtime for every other copy. */
const SHARED = Symbol.for('cid-consent.runtime.v2');

/**
 * The page's one runtime: the ES module and the script-tag build, whichever
 * starts first, observe the same state and the same events (`consent` and
 * `window.CidConsent` are one object). Touches no DOM where there is none
 * (server-side rendering imports modules on the server).
 */
export function sharedRuntime(): ConsentRuntime {
  const host = globalThis as { [SHARED]?: ConsentRuntime };
  host[SHARED] ??= createRuntime(typeof document === 'undefined' ? new EventTarget() : document);
  return host[SHARED];
}
