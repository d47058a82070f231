import { isSafeUrl } from '../core/config.js';
import { TAG, type Logger } from '../core/logger.js';
import { createScriptRunner } from './scripts.js';

/** Gated markup (CONTRACT §8): scripts kept inert by their type, iframes by a `data-src` instead of `src`. */
export const GATED = 'script[type="text/plain"][data-cid-consent],iframe[data-cid-consent][data-src]';

/** Space-separated purposes of a gated element; all of them must be granted. */
export const purposesOf = (element: Element) => (element.getAttribute('data-cid-consent') ?? '').split(/\s+/).filter(Boolean);

export interface GateOptions {
  has: (purpose: string) => boolean;
  /** Whether an id is a configured purpose or service: one that is not can never be granted. */
  known: (id: string) => boolean;
  nonce?: string;
  log: Logger;
  /** Shows what a blocked iframe needs; returns a function that removes it. */
  placeholder: (frame: HTMLIFrameElement, purposes: string[]) => () => void;
}

/** Whether any added node is, or holds, gated markup. */
const addsGatedMarkup = (records: MutationRecord[]) =>
  records.some(({ addedNodes }) =>
    Array.prototype.some.call(addedNodes, (node: Node) => node instanceof Element && (node.matches(GATED) || !!node.querySelector(GATED))),
  );

/**
 * Whether the HTML parser is done with an element: the document is parsed, or
 * something already follows the element. A script the parser is still
 * filling (its text arriving in several network chunks) must not be copied
 * and run half-written.
 */
const parsed = (element: Element) => {
  if (document.readyState !== 'loading') return true;
  for (let node: Node | null = element; node; node = node.parentNode) {
    if (node.nextSibling) return true;
  }
  return false;
};

/**
 * Activates every gated element whose purposes are all granted, once each,
 * and puts a placeholder in the box of each iframe still blocked (removed
 * again with its iframe). Call it at start-up and after each change; gated
 * markup added later (single-page apps, tag managers) wakes it through one
 * MutationObserver, with no polling.
 */
export function createGate({ has, known, nonce, log, placeholder }: GateOptions) {
  const runScript = createScriptRunner(nonce);
  const activated = new WeakSet<Element>();
  const checked = new WeakSet<Element>();

  /**
   * A gated element naming an id the site did not configure (a typo: `youtub`) would wait for ever,
   * silently: the site developer is told once, with the element (issue #19).
   */
  const check = (element: Element, purposes: string[]) => {
    if (checked.has(element)) return;
    checked.add(element);
    const unknown = purposes.filter((id) => !known(id));
    if (purposes.length && !unknown.length) return;
    const frame = element instanceof HTMLIFrameElement;
    const source = frame ? 'data-src' : 'src';
    const src = element.getAttribute(source);
    const named = `<${element.localName} data-cid-consent="${purposes.join(' ')}"${src ? ` ${source}="${src.slice(0, 80)}"` : ''}>`;
    const why = unknown.length ? `"${unknown.join('", "')}" is no configured purpose or service` : 'it names no purpose';
    log.warn(`${TAG} ${named}: ${why}, so it will never ${frame ? 'load' : 'run'}.`);
  };
  const placeholders = new Map<HTMLIFrameElement, () => void>();
  /** A granted script the parser has not finished: the next mutation, or the end of parsing, looks again. */
  let waitingForParser = false;

  const scan = () => {
    waitingForParser = false;
    // A frame removed in this task: its removal record may be taken below, before the observer runs.
    dropOrphans();
    for (const element of document.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>(GATED)) {
      const purposes = purposesOf(element);
      check(element, purposes);
      const granted = purposes.length > 0 && purposes.every(has);
      if (element instanceof HTMLIFrameElement) gateFrame(element, purposes, granted);
      else if (granted && !activated.has(element)) {
        if (!parsed(element)) {
          waitingForParser = true;
          continue;
        }
        activated.add(element);
        runScript(element);
      }
    }
  };

  /**
   * An iframe loads when granted; when what it needs is revoked it is unloaded
   * (about:blank: removing `src` would not navigate it) and its placeholder
   * comes back. A script that ran cannot be unloaded.
   */
  const gateFrame = (frame: HTMLIFrameElement, purposes: string[], granted: boolean) => {
    if (granted && !activated.has(frame)) {
      activated.add(frame);
      removePlaceholder(frame);
      const src = frame.getAttribute('data-src');
      if (isSafeUrl(src)) frame.src = src;
    } else if (!granted) {
      if (activated.has(frame)) {
        activated.delete(frame);
        frame.src = 'about:blank';
      }
      if (!placeholders.has(frame)) placeholders.set(frame, placeholder(frame, purposes));
    }
  };

  const removePlaceholder = (frame: HTMLIFrameElement) => {
    placeholders.get(frame)?.();
    placeholders.delete(frame);
  };

  /** A placeholder goes with its iframe (a single-page app replaced the content around it). */
  const dropOrphans = () => {
    for (const frame of placeholders.keys()) {
      if (!frame.isConnected) removePlaceholder(frame);
    }
  };

  // The records of a scan are taken right away: our own insertions need no second look, and
  // gated markup that an activated script inserted in the meantime gets one more scan.
  const gate = () => {
    do scan();
    while (addsGatedMarkup(observer.takeRecords()));
  };
  const observer = new MutationObserver((records) => {
    if (placeholders.size && records.some((record) => record.removedNodes.length)) dropOrphans();
    if (waitingForParser || addsGatedMarkup(records)) gate();
  });
  observer.observe(document, { childList: true, subtree: true });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => {
      if (waitingForParser) gate();
    });
  }
  return gate;
}
