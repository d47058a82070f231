/**
 * The script-tag build's `loadHandoff` (in place of `handoff.ts`): the token check and the sister
 * links live in `cid-consent-handoff.js`, loaded only on a page that arrives with a token or links
 * to sister sites, so that no other page pays for them (issue #21).
 */
import type { Handoff } from './handoff.js';
import { HANDOFF_MODULE } from '../handoff/global.js';
import { loadSibling } from './sibling.js';

/** Replaced by the build with the sibling's `sha384-…` (rollup.config.mjs). */
const INTEGRITY = '__CID_CONSENT_HANDOFF_INTEGRITY__';

let loading: Promise<Handoff> | undefined;

/** Resolves with the sibling's module, loaded once (again after a failure, at the next call). */
export function loadHandoff(): Promise<Handoff> {
  loading ??= loadSibling('cid-consent-handoff.js', INTEGRITY)
    .then(() => (window as unknown as Record<symbol, Handoff>)[HANDOFF_MODULE])
    .catch((error: Error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
