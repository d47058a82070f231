/**
 * The elements that are not the first layer: the preferences panel and the placeholder. In the
 * ES module they are imported here and bundled by the site's own bundler, so there is nothing to
 * load. The script-tag build replaces this module with `panel-loader.ts` (rollup.config.mjs),
 * which fetches them from a sibling file after the banner's first paint (issue #15).
 */
import '../components/cid-consent-placeholder.js';
import '../components/cid-consent-preferences.js';

/** Resolves once `<cid-consent-preferences>` and `<cid-consent-placeholder>` are defined. */
export const loadPanel = (): Promise<void> => Promise.resolve();
