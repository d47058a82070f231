/**
 * `dist/cid-consent-handoff.js` (CONTRACT §1, §13): what a hand-off between sister sites needs beyond
 * the first layer. Loaded by `cid-consent.js` itself (src/lifecycle/handoff-loader.ts), never by a page.
 */
import { HANDOFF_MODULE } from './handoff/global.js';
import * as handoff from './handoff/index.js';

(window as unknown as Record<symbol, unknown>)[HANDOFF_MODULE] = handoff;
