/**
 * The hand-off between sister sites (CONTRACT §13). In the ES module it is imported here and bundled
 * by the site's own bundler. The script-tag build replaces this module with `handoff-loader.ts`
 * (rollup.config.mjs), which fetches it from a sibling file only on pages that need it (issue #21).
 */
import * as handoff from '../handoff/index.js';

export type Handoff = typeof handoff;

export const loadHandoff = (): Promise<Handoff> => Promise.resolve(handoff);
