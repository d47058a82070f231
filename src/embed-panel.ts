/**
 * `dist/cid-consent-panel.js`: what the script-tag build loads after the banner's first paint
 * (src/lifecycle/panel-loader.ts): the preferences panel and the placeholder, with Lit.
 */
import './components/cid-consent-placeholder.js';
import './components/cid-consent-preferences.js';
