import type { ConsentChange, ConsentState } from './types.js';

/** What a visitor asked for in one of our elements; the runtime turns it into a decision. */
export interface ConsentActionDetail {
  action: 'accept-all' | 'reject-all' | 'customize' | 'save' | 'close';
  /** With `save`: the state of every toggle in the panel. */
  choices?: Record<string, boolean>;
}

declare global {
  /** Every event the widget dispatches, typed once (CONTRACT §7); `document` and elements inherit the map. */
  interface GlobalEventHandlersEventMap {
    'cid-consent-ready': CustomEvent<ConsentState>;
    'cid-consent-change': CustomEvent<ConsentChange>;
    'cid-consent-action': CustomEvent<ConsentActionDetail>;
  }
}

export type ConsentEventName = 'cid-consent-ready' | 'cid-consent-change' | 'cid-consent-action';
type DetailOf<K extends ConsentEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * The one way the widget dispatches: bubbling and composed, so an action from
 * inside a shadow root reaches `document`, where the runtime listens.
 */
export function emit<K extends ConsentEventName>(target: EventTarget, name: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
