/**
 * The cookie declaration (issue #24, CONTRACT §9). In the ES module it is imported here and bundled
 * by the site's own bundler. The script-tag build replaces this module with `declaration-loader.ts`
 * (rollup.config.mjs), which fetches it from a sibling file, only on a page that holds the element.
 */
import '../components/cid-consent-declaration.js';

/** Resolves once `<cid-consent-declaration>` is defined. */
export const loadDeclaration = (): Promise<void> => Promise.resolve();
