/**
 * The two roles of the read routes and the dashboard (CONTRACT §11, issue #25, item 7): the DPO
 * (RECEIVER_TOKEN) has every right; marketing (DASHBOARD_TOKEN) the figures and their exports only.
 * A visitor's proof and the raw receipts name consent ids: they are the DPO's to open, and each
 * opening is journaled (migrations/004_access_journal.sql), refusals included.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { StoreUnavailable, type Sql } from './store/sql.js';

export type Role = 'dpo' | 'marketing';

export interface Tokens {
  /** RECEIVER_TOKEN: the DPO's. */
  token?: string;
  /** DASHBOARD_TOKEN: marketing's. */
  dashboardToken?: string;
}

/** Constant-time comparison of a given secret with the expected one. */
export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the time taken tells nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The role a token gives, or undefined. Both compared, whichever matches, in constant time. */
export function roleOf(given: string, { token, dashboardToken }: Tokens): Role | undefined {
  const dpo = token !== undefined && sameSecret(given, token);
  const marketing = dashboardToken !== undefined && sameSecret(given, dashboardToken);
  if (dpo) return 'dpo';
  return marketing ? 'marketing' : undefined;
}

export interface JournalEntry {
  role: Role;
  action: 'proof' | 'export';
  via: 'api' | 'dashboard';
  /** The consent id looked up, or the export's period and site. */
  subject: string;
  allowed: boolean;
}

/**
 * Records an access. Whatever keeps it from being written, the access is not served: the caller gets
 * StoreUnavailable, which the receiver answers with 503 and `Retry-After`.
 */
export async function journal(sql: Sql, entry: JournalEntry): Promise<void> {
  try {
    await sql.query(
      'INSERT INTO access_journal (role, action, via, subject, allowed) VALUES ($1, $2, $3, $4, $5)',
      [entry.role, entry.action, entry.via, entry.subject.slice(0, 300), entry.allowed],
    );
  } catch (error) {
    throw error instanceof StoreUnavailable ? error : new StoreUnavailable(error);
  }
}

export interface JournalRow extends JournalEntry {
  at: string;
}

/** The journal, newest first, at most `limit` rows. */
export function readJournal(sql: Sql, limit = 1000): Promise<JournalRow[]> {
  return sql.query<JournalRow>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, role, action, via, subject, allowed
     FROM access_journal ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

/** What an export covers, as the journal names it. */
export const exportSubject = ({ from, to, site }: { from?: string | null; to?: string | null; site?: string | null }): string =>
  `from=${from ?? '…'} to=${to ?? '…'} site=${site ?? 'all'}`;
