/**
 * What a sister-site token says (CONTRACT §13): the decision as its receipt says it, and for whom, from
 * whom, until when. The receiver signs it (receiver/src/handoff.ts, which compiles this file from here:
 * tsconfig.widget.json) and the page checks it (token.ts).
 */
export interface HandoffClaims {
  /** The site the token is for (its origin): the only one that adopts it. */
  aud: string;
  /** The site whose page asked for it. */
  iss: string;
  /** Issued at and expiry, seconds since the epoch (RFC 7519). */
  iat: number;
  exp: number;
  consentId: string;
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
}
