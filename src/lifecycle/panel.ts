/**
 * The element that is not the first layer: the preferences panel. In the ES module it is imported
 * here and bundled by the site's own bundler, so there is nothing to load. The script-tag build
 * replaces this module with `panel-loader.ts` (rollup.config.mjs), which fetches it from a sibling
 * file after the banner's first paint (issue #15).
 */
import '../components/cid-consent-preferences.js';

/** Resolves once `<cid-consent-preferences>` is defined. */
export const loadPanel = (): Promise<void> => Promise.resolve();
