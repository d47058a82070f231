import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a sign-in lasts: a working day, then the token is asked again. */
export const SESSION_SECONDS = 8 * 60 * 60;
export const SESSION_COOKIE = 'cid_dashboard_session';
/** Signed-out sessions remembered at most (each only until it would have expired anyway). */
const MAX_REVOKED = 10_000;

/**
 * Sessions are stateless: the cookie holds `<expiry>.<random id>`, signed (HMAC-SHA256, by
 * @fastify/cookie) with a key derived from RECEIVER_TOKEN. So a session survives a restart
 * and is valid on every receiver sharing the token (two receivers on one PostgreSQL), and
 * changing the token ends every session at once. Sign-out clears the cookie and, in this
 * process, remembers the id until its expiry.
 */
export function sessionSecret(token: string): string {
  return createHmac('sha256', token).update('cid-consent-dashboard-session-v1').digest('hex');
}

export class Sessions {
  private readonly revoked = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session value, to be signed by the cookie plugin. */
  create(): string {
    const expires = Math.floor(this.now() / 1000) + SESSION_SECONDS;
    return `${expires}.${randomBytes(18).toString('base64url')}`;
  }

  /** Whether an (already signature-checked) value is a live session. */
  isLive(value: string): boolean {
    const [expires, id] = value.split('.');
    const until = Number(expires);
    if (!Number.isInteger(until) || !id) return false;
    return until > this.now() / 1000 && !this.revoked.has(id);
  }

  revoke(value: string): void {
    const [expires, id] = value.split('.');
    const until = Number(expires);
    if (!Number.isInteger(until) || !id) return;
    const now = this.now() / 1000;
    for (const [known, end] of this.revoked) {
      if (end <= now) this.revoked.delete(known);
    }
    // Bounded memory whatever a client sends: the oldest entries go first.
    while (this.revoked.size >= MAX_REVOKED) {
      const oldest = this.revoked.keys().next().value as string;
      this.revoked.delete(oldest);
    }
    this.revoked.set(id, until);
  }
}

/** Constant-time comparison of a given secret with the expected one. */
export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the time taken tells nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
