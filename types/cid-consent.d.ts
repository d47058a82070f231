/**
 * Types of `@cid-it/consent/cid-consent.js`, the script-tag build (an IIFE: it exports nothing).
 * Importing this subpath, even as `import type {} from '@cid-it/consent/cid-consent.js'`, loads the
 * package's global declarations: `window.CidConsent`, `window.cidConsentConfig`,
 * `window.cidConsentQueue` and the `cid-consent-*` events on `document`. The types below are the
 * ones those globals use, for code that names them.
 */
export type { CidConsentApi, ConsentChange, ConsentConfig, ConsentState, PurposeConfig, ServiceInfo, Lang } from '../dist/index.js';
