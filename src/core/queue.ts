import { TAG, type Logger } from './logger.js';
import type { CidConsentApi } from './api.js';

type QueuedCall = (api: CidConsentApi) => void;

/**
 * Runs the calls a page queued before the script loaded
 * (`(window.cidConsentQueue = window.cidConsentQueue || []).push(fn)`), then
 * swaps the array for an object whose `push` calls at once (CONTRACT §2).
 * One failing callback is reported and does not stop the others.
 */
export function drainQueue(host: { cidConsentQueue?: unknown }, api: CidConsentApi, log: Logger): void {
  const run = (fn: unknown) => {
    if (typeof fn !== 'function') return log.error(`${TAG} cidConsentQueue: expected functions, got ${typeof fn}.`);
    try {
      (fn as QueuedCall)(api);
    } catch (error) {
      log.error(`${TAG} a cidConsentQueue callback threw: ${String(error)}`);
    }
  };
  const pending = host.cidConsentQueue;
  host.cidConsentQueue = { push: (...fns: unknown[]) => (fns.forEach(run), fns.length) };
  if (Array.isArray(pending)) pending.forEach(run);
}
