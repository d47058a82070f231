/**
 * `dist/cid-consent-panel.js`: what the script-tag build loads after the banner's first paint
 * (src/lifecycle/panel-loader.ts): the preferences panel, with Lit. The placeholder is in the
 * first file: a blocked frame must work without this one (issue #19).
 */
import './components/cid-consent-preferences.js';
