/**
 * Sister sites (CONTRACT §13): `POST /handoff` gives a page a short-lived token that carries the
 * decision in force to another of the controller's sites, in a link's fragment. The token is a JWS
 * (RFC 7515, compact form) signed with Ed25519 (`alg: EdDSA`, RFC 8037): any JOSE library can check
 * it, and the widget checks it with WebCrypto and the public key the site configures.
 *
 * How it fails: without HANDOFF_KEY the route answers 503 and visitors simply get the banner on the
 * other site; a decision whose receipt is not stored (still in a visitor's outbox, receiver down) or
 * no longer in force (a newer decision or a reset arrived) gets 404, and the visitor goes without one.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { HandoffClaims } from '#widget/handoff/claims.js';
import { ConfigError } from './config.js';
import { CONSENT_ID, DECIDED_AT_FORMAT, ORIGIN_PATTERN } from './schema.js';
import type { Store } from './store/index.js';
import { decisionInForce } from './store/receipts.js';

/** How long a token may be used after issue (CONTRACT §13: at most 2 minutes). */
export const TOKEN_LIFETIME_S = 120;

/** JOSE header of every token, as the widget expects it byte for byte. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' })).toString('base64url');

/**
 * HANDOFF_KEY: the Ed25519 private key, as `cid-consent-receiver-keygen` prints it (PKCS #8 DER,
 * base64url). Anything else stops the receiver at start-up with a message, not at the first request.
 */
export function readHandoffKey(value: string | undefined): KeyObject | undefined {
  if (!value) return undefined;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(value, 'base64url'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new ConfigError('HANDOFF_KEY must be an Ed25519 private key as `npm run receiver:keygen` prints it (PKCS #8, base64url)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`HANDOFF_KEY must be an Ed25519 key (got ${key.asymmetricKeyType})`);
  return key;
}

/** The public half as the widget's `handoffKey` takes it: the raw 32 bytes, base64url (RFC 8037's `x`). */
export function publicKeyOf(privateKey: KeyObject): string {
  const jwk = privateKey.export({ format: 'jwk' });
  return jwk.x as string;
}

/** A new key pair: `HANDOFF_KEY` for the receiver, `handoffKey` for the sites' configuration. */
export function makeKeyPair(): { handoffKeyEnv: string; handoffKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    handoffKeyEnv: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    handoffKey: publicKeyOf(privateKey),
  };
}

export function signToken(key: KeyObject, claims: HandoffClaims): string {
  const signed = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${sign(null, Buffer.from(signed), key).toString('base64url')}`;
}

const handoffSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['consentId', 'decidedAt', 'to'],
  properties: {
    consentId: { type: 'string', pattern: CONSENT_ID },
    decidedAt: { type: 'string', maxLength: 24 },
    to: { type: 'string', maxLength: 200, pattern: ORIGIN_PATTERN },
  },
} as const;

interface HandoffSettings {
  allowedOrigins: string[];
  handoffKey?: KeyObject;
  /** The clock, injected so that tests can make a token expire. */
  now?: () => number;
}

class HandoffRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * Registered inside the receipts' scope: the same origin check (another site's page gets 403 and
 * no CORS header), CORS, body parsing and rate limit as `POST /receipts`.
 */
export async function handoffRoute(scope: FastifyInstance, settings: HandoffSettings, store: Store): Promise<void> {
  const allowed = new Set(settings.allowedOrigins);
  const now = settings.now ?? Date.now;
  scope.post('/handoff', { schema: { body: handoffSchema } }, async (request, reply) => {
    const key = settings.handoffKey;
    if (!key) return reply.code(503).send({ error: 'hand-off is disabled: set HANDOFF_KEY' });
    const { consentId, decidedAt, to } = request.body as { consentId: string; decidedAt: string; to: string };
    const from = request.headers.origin as string;
    try {
      if (!allowed.has(to) || to === from) throw new HandoffRefused(400, 'body.to must be another of the allowed origins');
      if (Number.isNaN(Date.parse(decidedAt))) throw new HandoffRefused(400, `body.decidedAt ${DECIDED_AT_FORMAT}`);
      const decision = await store.read((sql) => decisionInForce(sql, consentId));
      // Only the decision in force travels: an old link must not revive a decision since changed or reset.
      if (!decision || decision.decidedAt !== decidedAt) throw new HandoffRefused(404, 'this decision is not the one in force for this consent id (or its receipt is not stored)');
      const iat = Math.floor(now() / 1000);
      const token = signToken(key, { aud: to, iss: from, iat, exp: iat + TOKEN_LIFETIME_S, consentId, ...decision });
      // Never cached, anywhere: it is a bearer of the visitor's decision for two minutes.
      return reply.header('cache-control', 'no-store').send({ token });
    } catch (error) {
      if (error instanceof HandoffRefused) return reply.code(error.status).send({ error: error.message });
      throw error;
    }
  });
}
