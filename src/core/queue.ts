import { TAG, describe, type Logger } from './logger.js';
import type { CidConsentApi } from './api.js';

/** A call waiting for the API: `api => { … }`. */
export type QueuedCall = (api: CidConsentApi) => void;

/**
 * `window.cidConsentQueue`: an array of calls before the widget loads, an
 * object whose `push` calls at once after. Typed so that the README's snippet,
 * `(window.cidConsentQueue = window.cidConsentQueue || []).push(api => { … })`,
 * compiles in a strict project with `api` typed.
 */
export type CidConsentQueue = QueuedCall[] | { push(...calls: QueuedCall[]): number };

/**
 * Runs the calls a page queued before the script loaded, then swaps the array
 * for an object whose `push` calls at once (CONTRACT §2). One failing
 * callback is reported and does not stop the others.
 */
export function drainQueue(host: { cidConsentQueue?: unknown }, api: CidConsentApi, log: Logger): void {
  const run = (fn: unknown) => {
    if (typeof fn !== 'function') {
      log.error(`${TAG} cidConsentQueue: expected functions, got ${typeof fn}.`);
      return;
    }
    try {
      (fn as QueuedCall)(api);
    } catch (error) {
      log.error(`${TAG} a cidConsentQueue callback threw: ${describe(error)}`);
    }
  };
  const pending = host.cidConsentQueue;
  host.cidConsentQueue = {
    push(...fns: unknown[]) {
      fns.forEach(run);
      return fns.length;
    },
  };
  if (Array.isArray(pending)) pending.forEach(run);
}
