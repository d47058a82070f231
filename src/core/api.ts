import { emit } from './events.js';
import type { ConsentManager } from './manager.js';
import { NECESSARY } from './purposes.js';
import type { ConsentChange, ConsentState, PurposeInventory } from './types.js';

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

/** What the page around the manager does: the elements, the gating. */
export interface ConsentView {
  show(): void;
  hide(): void;
  changed(change: ConsentChange): void;
}

export interface ConsentRuntime {
  api: CidConsentApi;
  /**
   * Connects the manager once the configuration is known, and fires `cid-consent-ready`.
   * `notByAcceptAll` lists purposes that "accept all" leaves refused (Global Privacy Control).
   */
  attach(manager: ConsentManager, view: ConsentView, notByAcceptAll?: string[]): void;
  readonly attached: boolean;
  /** Picks up a decision another tab stored (its value, `null` for none, or read from storage), and tells the page as for a local one. */
  sync(value?: string | null): void;
}

const SETTLING = ['cid-consent-ready', 'cid-consent-change'];

/** Shared by every copy of the bundle on a page (Symbol.for), unlike a module-level flag. */
export const RUNNING = Symbol.for('cid-consent.running');

/** Whether `value` is the API of a widget that has started, from this copy of the code or another. */
export const isRunning = (value: unknown): value is CidConsentApi =>
  typeof (value as Record<symbol, unknown> | undefined)?.[RUNNING] === 'function' &&
  (value as Record<symbol, () => boolean>)[RUNNING]();

/**
 * Builds the API before any configuration exists, so that `consent` can be
 * imported and listened to before `start()` runs. Events go to `target`
 * (`document` in a page, a bare `EventTarget` in unit tests).
 */
export function createRuntime(target: EventTarget): ConsentRuntime {
  let manager: ConsentManager | undefined;
  let view: ConsentView | undefined;
  let ready: ConsentState | undefined;

  const decide = (change: ConsentChange | undefined) => {
    if (!change) return;
    view?.changed(change);
    emit(target, 'cid-consent-change', change);
  };
  let notByAcceptAll: string[] = [];
  /** A choice for every optional purpose: only configured ids, so nothing is warned about. */
  const optional = (granted: (id: string) => boolean) =>
    Object.fromEntries((manager?.purposes ?? []).filter((p) => !p.required).map((p) => [p.id, granted(p.id)]));

  const api: CidConsentApi = {
    get: () =>
      manager?.state ?? { decided: false, purposes: { [NECESSARY]: true }, id: null, updatedAt: null, revision: 1 },
    has: (purpose) => (manager ? manager.has(purpose) : purpose === NECESSARY),
    acceptAll: () => decide(manager?.decide(optional((id) => !notByAcceptAll.includes(id)))),
    rejectAll: () => decide(manager?.decide(optional(() => false))),
    set: (choices) => decide(manager?.decide(Object(choices))),
    reset: () => decide(manager?.reset()),
    show: () => view?.show(),
    hide: () => view?.hide(),
    on(type: 'change' | 'ready', listener: (detail: never) => void) {
      if (type === 'ready' && ready) listener(ready as never);
      const handler = (event: Event) => listener((event as CustomEvent).detail as never);
      target.addEventListener(`cid-consent-${type}`, handler);
      return () => target.removeEventListener(`cid-consent-${type}`, handler);
    },
    whenGranted: (purpose) =>
      new Promise<void>((resolve) => {
        // `ready` too: a grant already stored resolves at start-up, without any change.
        const check = () => {
          if (!api.has(purpose)) return;
          for (const type of SETTLING) target.removeEventListener(type, check);
          resolve();
        };
        for (const type of SETTLING) target.addEventListener(type, check);
        check();
      }),
    inventory: () =>
      (manager?.purposes ?? []).map((p) => ({
        id: p.id,
        required: !!p.required,
        cookies: [...(p.cookies ?? [])],
        services: (p.services ?? []).map(({ id, name, provider, cookies }) => ({ id, name, provider, cookies: [...(cookies ?? [])] })),
      })),
  };
  // Lets a second copy of the widget on the page recognise the first one's API.
  Object.defineProperty(api, RUNNING, { value: () => !!manager });

  return {
    api,
    sync: (value) => decide(manager?.reload(value)),
    get attached() {
      return !!manager;
    },
    attach(next, nextView, refusedByAcceptAll = []) {
      manager = next;
      view = nextView;
      notByAcceptAll = refusedByAcceptAll;
      ready = manager.state;
      emit(target, 'cid-consent-ready', ready);
    },
  };
}
