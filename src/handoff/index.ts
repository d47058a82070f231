/**
 * What a hand-off between sister sites needs beyond the first layer (CONTRACT §13). The script-tag
 * build keeps it in a sibling file, `cid-consent-handoff.js`, loaded only on pages that use it: a
 * page without a token, or a site without `sites`, never pays for it (issue #21).
 */
export { checkToken, type CheckOptions, type HandoffClaims } from './token.js';
export { followSisterLinks, type FollowOptions } from './links.js';
