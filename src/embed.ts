/**
 * The script-tag entry (CONTRACT §2): `dist/cid-consent.js`. Reads
 * `window.cidConsentConfig`, lets the tag's `data-*` attributes override it,
 * and starts the widget.
 */
import { isObject } from './core/config.js';
import { TAG } from './core/logger.js';
import type { ConsentConfig } from './core/types.js';
import { configFromAttributes } from './embed-attributes.js';
import { start } from './start.js';

const script = document.currentScript as HTMLScriptElement | null;

const base = window.cidConsentConfig;
if (base !== undefined && !isObject(base)) console.error(`${TAG} window.cidConsentConfig: expected a plain object.`);
const config: Record<string, unknown> = isObject(base) ? { ...base } : {};
if (script) configFromAttributes(script.dataset, config, console);
// Gated inline scripts need the nonce a strict CSP gave our own tag.
if (config.nonce === undefined && script?.nonce) config.nonce = script.nonce;
start(config as unknown as ConsentConfig);
