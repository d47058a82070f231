/**
 * `dist/cid-consent-declaration.js` (CONTRACT §1, §9): the cookie declaration, with Lit. Loaded by
 * `cid-consent.js` itself (src/lifecycle/declaration-loader.ts) on a page that holds a
 * `<cid-consent-declaration>`, never by a page.
 */
import './components/cid-consent-declaration.js';
