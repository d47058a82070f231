import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../store/sql.js';

/** How long a sign-in lasts: a working day, then the token is asked again. */
export const SESSION_SECONDS = 8 * 60 * 60;
export const SESSION_COOKIE = 'cid_dashboard_session';
/**
 * Sessions are stateless at sign-in: the cookie holds `<expiry>.<random id>`, signed (HMAC-SHA256,
 * by @fastify/cookie) with a key derived from RECEIVER_TOKEN. So a session survives a restart and
 * is valid on every receiver sharing the token (two receivers on one PostgreSQL), and changing the
 * token ends every session at once. Sign-out clears the cookie and records the id in the store
 * (migrations/003_session_revocation.sql) until its expiry: a copy of the cookie kept elsewhere is
 * then refused by every receiver, after a restart too (issue #20, item 7).
 */
export function sessionSecret(token: string): string {
  return createHmac('sha256', token).update('cid-consent-dashboard-session-v1').digest('hex');
}

/** A session value, read from a cookie whose signature was already checked. */
export interface Session {
  id: string;
  /** Unix seconds. */
  expires: number;
}

/** A new session value, to be signed by the cookie plugin. */
export function newSession(now = Date.now()): string {
  const expires = Math.floor(now / 1000) + SESSION_SECONDS;
  return `${expires}.${randomBytes(18).toString('base64url')}`;
}

/** The session in a (signature-checked) value, or null when it is malformed or expired. */
export function liveSession(value: string, now = Date.now()): Session | null {
  const [expires, id, extra] = value.split('.');
  const until = Number(expires);
  if (extra !== undefined || !Number.isInteger(until) || !/^[\w-]{1,64}$/.test(id ?? '')) return null;
  return until > now / 1000 ? { id, expires: until } : null;
}

export async function isSignedOut(sql: Sql, session: Session): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM dashboard_signed_out WHERE session_id = $1', [session.id], 'cid_session_signed_out');
  return rows.length > 0;
}

/**
 * Records a sign-out until the session's own expiry, and forgets the sign-outs of sessions
 * expired for an hour (an hour of slack for receivers whose clocks differ from the database's).
 */
export async function signOut(sql: Sql, session: Session): Promise<void> {
  await sql.query(
    `WITH expired AS (DELETE FROM dashboard_signed_out WHERE expires_at < now() - interval '1 hour')
     INSERT INTO dashboard_signed_out (session_id, expires_at) VALUES ($1, to_timestamp($2))
     ON CONFLICT (session_id) DO NOTHING`,
    [session.id, session.expires],
  );
}

/** Constant-time comparison of a given secret with the expected one. */
export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the time taken tells nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
