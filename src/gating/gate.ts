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

/** Whether any added node is, or holds, gated markup. */
const addsGatedMarkup = (records: MutationRecord[]) =>
  records.some(({ addedNodes }) =>
    Array.prototype.some.call(addedNodes, (node: Node) => node instanceof Element && (node.matches(GATED) || !!node.querySelector(GATED))),
  );

/**
 * Activates every gated element whose purposes are all granted, once each,
 * and puts a placeholder in the box of each iframe still blocked. Call it at
 * start-up and after each change; gated markup added later (single-page apps,
 * tag managers) wakes it through one MutationObserver, with no polling.
 */
export function createGate({ has, nonce, placeholder }: GateOptions) {
  const runScript = createScriptRunner(nonce);
  const activated = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, () => void>();

  const scan = () => {
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

  // The records of a scan are taken right away: our own insertions need no second look, and
  // gated markup that an activated script inserted in the meantime gets one more scan.
  const gate = () => {
    do scan();
    while (addsGatedMarkup(observer.takeRecords()));
  };
  const observer = new MutationObserver((records) => addsGatedMarkup(records) && gate());
  observer.observe(document, { childList: true, subtree: true });
  return gate;
}
