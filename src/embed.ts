/**
 * The script-tag entry (CONTRACT §2): `dist/cid-consent.js`. Reads
 * `window.cidConsentConfig`, lets the tag's `data-*` attributes override it,
 * and starts the widget.
 */
import { isObject } from './core/config.js';
import { TAG } from './core/logger.js';
import type { ConsentConfig } from './core/types.js';
import { start } from './start.js';

const script = document.currentScript as HTMLScriptElement | null;

/** `data-cookie-max-age-days="182"` → `{ cookie: { maxAgeDays: 182 } }`; "true"/"false" → booleans. */
function fromAttributes(dataset: DOMStringMap, config: Record<string, unknown>): void {
  for (const [key, raw] of Object.entries(dataset)) {
    const value =
      raw === 'true' ? true : raw === 'false' ? false : /^(revision|cookieMaxAgeDays)$/.test(key) && raw ? +raw : raw;
    const cookieKey = /^cookie(Name|Domain|MaxAgeDays)$/.exec(key)?.[1];
    if (cookieKey) {
      const name = cookieKey[0].toLowerCase() + cookieKey.slice(1);
      config.cookie = { ...(config.cookie as object), [name]: value };
    } else config[key] = value;
  }
}

const base = window.cidConsentConfig;
if (base !== undefined && !isObject(base)) console.error(`${TAG} window.cidConsentConfig: expected a plain object.`);
const config: Record<string, unknown> = isObject(base) ? { ...base } : {};
if (script) fromAttributes(script.dataset, config);
// Gated inline scripts need the nonce a strict CSP gave our own tag.
if (config.nonce === undefined && script?.nonce) config.nonce = script.nonce;
start(config as unknown as ConsentConfig);
