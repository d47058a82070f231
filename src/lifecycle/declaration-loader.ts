/**
 * The script-tag build's `loadDeclaration` (in place of `declaration.ts`): the cookie declaration,
 * with Lit, lives in `cid-consent-declaration.js`, loaded only on a page that holds a
 * `<cid-consent-declaration>` (a site's cookie-policy page), so that no other page pays for it (issue #24).
 */
import { loadSibling } from './sibling.js';

/** Replaced by the build with the sibling's `sha384-…` (rollup.config.mjs). */
const INTEGRITY = '__CID_CONSENT_DECLARATION_INTEGRITY__';

let loading: Promise<void> | undefined;

/** Resolves once `<cid-consent-declaration>` is defined; loads the sibling once (again after a failure, at the next call). */
export function loadDeclaration(): Promise<void> {
  loading ??= loadSibling('cid-consent-declaration.js', INTEGRITY).catch((error: Error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
