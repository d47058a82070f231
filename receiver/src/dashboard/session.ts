import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '../roles.js';
import type { Sql } from '../store/sql.js';

/** How long a sign-in lasts: a working day, then the token is asked again. */
export const SESSION_SECONDS = 8 * 60 * 60;
export const SESSION_COOKIE = 'cid_dashboard_session';
/**
 * Sessions are stateless at sign-in: the cookie holds `<expiry>.<random id>`, signed (HMAC-SHA256,
 * by @fastify/cookie) with a key derived from RECEIVER_TOKEN and DASHBOARD_TOKEN. So a session
 * survives a restart and is valid on every receiver sharing the tokens (two receivers on one
 * PostgreSQL), and changing either token ends every session at once. Sign-out clears the cookie and records the id in the store
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
  /** Whose token signed in (issue #25): the DPO's or marketing's. */
  role: Role;
}

/** A new session value, `<expiry>.<id>.<role>`, to be signed by the cookie plugin. */
export function newSession(role: Role, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + SESSION_SECONDS;
  return `${expires}.${randomBytes(18).toString('base64url')}.${role}`;
}

/**
 * The session in a (signature-checked) value, or null when it is malformed or expired. A value of
 * 0.2 has no role: it was signed in with RECEIVER_TOKEN, the DPO's.
 */
export function liveSession(value: string, now = Date.now()): Session | null {
  const [expires, id, role = 'dpo', extra] = value.split('.');
  const until = Number(expires);
  if (extra !== undefined || !Number.isInteger(until) || !/^[\w-]{1,64}$/.test(id ?? '')) return null;
  if (role !== 'dpo' && role !== 'marketing') return null;
  return until > now / 1000 ? { id, expires: until, role } : null;
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

