/**
 * The entry of a first layer built for one site (`npm run build:site`, issue #23): the configuration
 * was checked at build time and is built in (scripts/build-site.mjs puts it in place of the check),
 * so the page's `window.cidConsentConfig` and the tag's `data-*` attributes are not read. Only the
 * tag's nonce is: a strict CSP gives a new one with every response.
 */
import { TAG } from './core/logger.js';
import type { ConsentConfig } from './core/types.js';
import { start } from './start.js';

const script = document.currentScript as HTMLScriptElement | null;

if (window.cidConsentConfig !== undefined) {
  console.warn(`${TAG} this file was built for one site's configuration (npm run build:site): window.cidConsentConfig is not read.`);
}
start({ nonce: script?.nonce || undefined } as ConsentConfig);
