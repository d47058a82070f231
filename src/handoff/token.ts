/**
 * Checking a sister site's token on arrival (CONTRACT §13). The token is a JWS in compact form
 * (RFC 7515) signed with Ed25519 (`alg: EdDSA`, RFC 8037) by the receiver's `POST /handoff`; the
 * page checks it with WebCrypto and the site's `handoffKey` (https://w3c.github.io/webcrypto/#ed25519).
 */
import type { HandoffClaims } from './claims.js';

export type { HandoffClaims };

export interface CheckOptions {
  /** The site's `handoffKey`: the raw public key, base64url. */
  key: string;
  /** This page's origin: the only audience it accepts. */
  origin: string;
  /** The sites that share the decision: the only issuers it accepts. */
  sites: string[];
  revision: number;
  /** `document.referrer`: the page whose link brought the visitor here. */
  referrer: string;
  now: () => number;
  /**
   * This site's receipts not delivered yet (the outbox): a reset among them is a withdrawal the
   * receiver has not heard of, which would otherwise have refused the token.
   */
  outbox?: string[];
  subtle?: SubtleCrypto;
}

/** Whether `outbox` holds a reset of this consent id as late as the decision or later. */
function withdrawnHere(outbox: string[], { consentId, decidedAt }: HandoffClaims): boolean {
  return outbox.some((body) => {
    try {
      const receipt = JSON.parse(body) as { consentId?: unknown; method?: unknown; decidedAt?: unknown };
      return receipt.consentId === consentId && receipt.method === 'reset' && Date.parse(String(receipt.decidedAt)) >= Date.parse(decidedAt);
    } catch {
      // Not ours to judge: the outbox keeps what it could not parse for the receiver to refuse.
      return false;
    }
  });
}

/** The JOSE header the receiver writes, `{"alg":"EdDSA","typ":"JWT"}`: anything else is not its token. */
const HEADER = 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9';

const bytes = (base64url: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

const isFlags = (value: unknown): value is Record<string, boolean> =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'boolean');

/**
 * The claims of a token this page may adopt; rejects with an Error that says why not (the widget
 * warns with it): not ours, not signed by the key, for another site, expired, or another revision.
 * A browser without Ed25519 in WebCrypto rejects too: its visitor simply gets the banner.
 */
export async function checkToken(token: string, options: CheckOptions): Promise<HandoffClaims> {
  const [header, payload, signature, extra] = token.split('.');
  if (header !== HEADER || !payload || !signature || extra !== undefined) throw new Error('not a hand-off token');
  const subtle = options.subtle ?? crypto.subtle;
  const key = await subtle.importKey('raw', bytes(options.key), { name: 'Ed25519' }, false, ['verify']);
  const signed = new TextEncoder().encode(`${header}.${payload}`);
  if (!(await subtle.verify({ name: 'Ed25519' }, key, bytes(signature), signed))) throw new Error('its signature does not match handoffKey');
  const claims = JSON.parse(new TextDecoder().decode(bytes(payload))) as HandoffClaims;
  if (claims.aud !== options.origin) throw new Error(`it is for ${claims.aud}, not this site`);
  if (!options.sites.includes(claims.iss)) throw new Error(`it comes from ${claims.iss}, not one of the sites`);
  // A token is a bearer: one mailed or posted by someone else (their own decision, to be imposed on
  // whoever opens the link within two minutes) arrives from elsewhere. Only a link on the site that
  // asked for it brings it (the Referer's origin survives every browser's default trimming).
  if (originOf(options.referrer) !== claims.iss) throw new Error(`it did not come from a link on ${claims.iss}`);
  // Issued at most two minutes before; a device clock off by more than that gets the banner.
  // A token issued well after this device's now (its clock behind) would stay good for as long as the gap.
  const now = options.now() / 1000;
  if (!(now <= claims.exp) || claims.exp - claims.iat > 120) throw new Error('it has expired');
  if (now < claims.iat - 120) throw new Error('it was issued more than two minutes ahead of this device\'s clock');
  if (claims.revision !== options.revision) throw new Error(`it holds a decision for revision ${claims.revision}, this site asks for ${options.revision}`);
  const time = Date.parse(claims.decidedAt);
  if (!/^[a-z0-9]{8,32}$/.test(claims.consentId) || !(time > 0) || !isFlags(claims.choices) || !isFlags(claims.services)) {
    throw new Error('its decision is malformed');
  }
  if (withdrawnHere(options.outbox ?? [], claims)) throw new Error('it holds a decision withdrawn on this site since (its receipt is not delivered yet)');
  return claims;
}


