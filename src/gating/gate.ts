import { isSafeUrl } from '../core/config.js';
import { createScriptRunner } from './scripts.js';

/** Gated markup (CONTRACT §8): scripts kept inert by their type, iframes by a `data-src` instead of `src`. */
export const GATED = 'script[type="text/plain"][data-cid-consent],iframe[data-cid-consent][data-src]';

/** Space-separated purposes of a gated element; all of them must be granted. */
export const purposesOf = (element: Element) => (element.getAttribute('data-cid-consent') ?? '').split(/\s+/).filter(Boolean);

export interface GateOptions {
  has: (purpose: string) => boolean;
  nonce?: string;
  /** Shows what a blocked iframe needs; returns a function that removes it. */
  placeholder: (frame: HTMLIFrameElement, purposes: string[]) => () => void;
}

/**
 * Activates every gated element whose purposes are all granted, once each,
 * and puts a placeholder in the box of each iframe still blocked. Call it at
 * start-up, after each change, and when gated markup is added.
 */
export function createGate({ has, nonce, placeholder }: GateOptions) {
  const runScript = createScriptRunner(nonce);
  const activated = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, () => void>();

  return function gate(): void {
    for (const element of document.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>(GATED)) {
      if (activated.has(element)) continue;
      const purposes = purposesOf(element);
      if (purposes.length && purposes.every(has)) {
        activated.add(element);
        if (element instanceof HTMLScriptElement) runScript(element);
        else {
          placeholders.get(element)?.();
          const src = element.getAttribute('data-src');
          if (isSafeUrl(src)) element.src = src;
        }
      } else if (element instanceof HTMLIFrameElement && !placeholders.has(element)) {
        placeholders.set(element, placeholder(element, purposes));
      }
    }
  };
}

/**
 * One MutationObserver for gated markup added after start-up (single-page
 * apps, tag managers): no polling. It wakes the gate only when an added node
 * is, or holds, gated markup.
 */
export function watchForGatedMarkup(gate: () => void): MutationObserver {
  const observer = new MutationObserver((records) => {
    for (const { addedNodes } of records) {
      for (const node of addedNodes) {
        if (node instanceof Element && (node.matches(GATED) || node.querySelector(GATED))) return gate();
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  return observer;
}
