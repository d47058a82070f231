import { isRunning, sharedRuntime, type CidConsentApi } from './core/api.js';
import { TAG, describe, type Logger } from './core/logger.js';
import type { CidConsentQueue } from './core/queue.js';
import type { ConsentConfig } from './core/types.js';
import { startWidget } from './lifecycle/steps.js';
import { buildWidget, type StartOptions } from './lifecycle/widget.js';

export type { StartOptions };

// Only what is ours: a page's own `dataLayer`/`gtag` declarations must not clash with ours.
declare global {
  interface Window {
    /** The configuration read by the script-tag build (CONTRACT §2, §3). */
    cidConsentConfig?: ConsentConfig;
    /** Calls made before the widget loaded: `(window.cidConsentQueue = window.cidConsentQueue || []).push(api => …)`. */
    cidConsentQueue?: CidConsentQueue;
    CidConsent?: CidConsentApi;
  }
}

/** One runtime per page, shared by every copy of the code (the ES module and the script-tag build). */
const runtime = sharedRuntime();

/** The consent API: usable (and listenable) before `start()`, live after it. Same object as `window.CidConsent`. */
export const consent: CidConsentApi = runtime.api;

let warnedNoDocument = false;

/**
 * Starts the widget with a configuration (CONTRACT §3): shows the banner when
 * no valid decision is stored, runs the gated scripts already granted, and
 * exposes `window.CidConsent`. Never throws into the page; starting twice
 * keeps the first instance. Where there is no document (a server rendering
 * the page), it does nothing and says so once.
 */
export function start(config: ConsentConfig, options: StartOptions = {}): CidConsentApi {
  const log: Logger = options.log ?? console;
  if (typeof document === 'undefined') {
    if (!warnedNoDocument) log.warn(`${TAG} start() needs a browser document; it does nothing here (server-side rendering?).`);
    warnedNoDocument = true;
    return consent;
  }
  try {
    // A second copy of the code shares this runtime; a 0.1 copy has its own API, recognised by a shared symbol.
    const running = runtime.attached ? consent : isRunning(window.CidConsent) ? window.CidConsent : undefined;
    if (running) {
      log.warn(`${TAG} the widget is already running on this page; started once only.`);
      return running;
    }
    startWidget(buildWidget(config, runtime, options, log));
  } catch (error) {
    log.error(`${TAG} could not start: ${describe(error)}`);
  }
  return consent;
}
