/**
 * The script-tag build's `loadPanel` (in place of `panel.ts`): the panel and Lit live in
 * `cid-consent-panel.js`, beside `cid-consent.js`, so that what loads before the banner shows is
 * only the first layer (issue #15).
 */
import { loadSibling } from './sibling.js';

/** Replaced by the build with the sibling's `sha384-…` (rollup.config.mjs). */
const INTEGRITY = '__CID_CONSENT_PANEL_INTEGRITY__';

let loading: Promise<void> | undefined;

/**
 * Resolves once `<cid-consent-preferences>` is defined; loads the
 * sibling once (again after a failure, at the next call). Elements created before then are
 * upgraded when it arrives, with the properties already set on them. Rejects with an Error that
 * names the file.
 */
export function loadPanel(): Promise<void> {
  if (customElements.get('cid-consent-preferences')) return Promise.resolve();
  if (!loading) {
    loading = loadSibling('cid-consent-panel.js', INTEGRITY).catch((error: Error) => {
      loading = undefined;
      throw error;
    });
  }
  return loading;
}
