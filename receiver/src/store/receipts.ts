import type { Sql } from './sql.js';

/** A validated receipt, ready to store (the notice already canonicalised and hashed). */
export interface ReceiptRow {
  consentId: string;
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
  method: string;
  gpc: boolean;
  lang: string;
  site: string;
  page: string;
  noticeHash: string;
  noticeText: string;
}

/** A receipt as stored: the row, its id and when it arrived (its notice is read apart, by hash). */
export interface StoredReceipt extends Omit<ReceiptRow, 'noticeText'> {
  id: number;
  receivedAt: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The zone the rollups count days in (TIME_ZONE, kept by store/rollups.ts in stats_settings): read
 * by the statement itself, so that every row agrees with the rollups already there.
 */
export const ROLLUP_ZONE = `coalesce((SELECT nullif(time_zone, '') FROM stats_settings), 'UTC')`;
const COLUMNS = `id::float8 AS "id", consent_id AS "consentId",
  to_char(decided_at AT TIME ZONE 'UTC', ${ISO}) AS "decidedAt",
  to_char(received_at AT TIME ZONE 'UTC', ${ISO}) AS "receivedAt",
  revision, choices, services, method, gpc, lang, site, page, notice_hash AS "noticeHash"`;

/**
 * Stores a batch in ONE statement: the new notices, the receipts (an identical repeat is skipped;
 * a different body under the same (consentId, decidedAt) is stored, the proof marks the conflict)
 * and the daily rollups. One statement is one atomic commit, so a 202 means all of it is on disk.
 * Rows are sorted so that concurrent batches take row locks in the same order.
 *
 * The rollups count decisions: one per (consentId, decidedAt), the first receipt stored under it
 * (`counted`). The receipts a sub-statement reads are those committed before this statement began,
 * so a key already stored is seen there; a second receipt of a key in the same batch is left out by
 * DISTINCT ON. (Only two different bodies of one key committed at the same instant by two
 * connections can both be counted.)
 */
const INSERT = `
WITH new_notices AS (
  INSERT INTO notices (hash, body)
  SELECT n.hash, n.body FROM jsonb_to_recordset($2::jsonb) AS n(hash text, body text)
  ORDER BY n.hash
  ON CONFLICT (hash) DO NOTHING
), inserted AS (
  INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
  SELECT r.consent_id, r.decided_at, r.revision, r.choices, r.services, r.method, r.gpc, r.lang, r.site, r.page, r.notice_hash
  FROM jsonb_to_recordset($1::jsonb) AS r(consent_id text, decided_at timestamptz, revision integer, choices jsonb,
    services jsonb, method text, gpc boolean, lang text, site text, page text, notice_hash text)
  ORDER BY r.consent_id, r.decided_at
  ON CONFLICT ON CONSTRAINT receipts_once DO NOTHING
  RETURNING id, consent_id, decided_at, (decided_at AT TIME ZONE ${ROLLUP_ZONE})::date AS day, site, revision, method, gpc, lang,
    notice_hash, choices, services
), counted AS (
  -- LATERAL … LIMIT 1: one index probe per receipt, never a scan of the receipts.
  SELECT DISTINCT ON (i.consent_id, i.decided_at) i.* FROM inserted i
  LEFT JOIN LATERAL (SELECT true AS stored FROM receipts r
                     WHERE r.consent_id = i.consent_id AND r.decided_at = i.decided_at LIMIT 1) e ON true
  WHERE e.stored IS NULL
  ORDER BY i.consent_id, i.decided_at, i.id
), daily AS (
  INSERT INTO stats_daily AS s (day, site, revision, method, gpc, decisions)
  SELECT day, site, revision, method, gpc, count(*) FROM counted
  GROUP BY day, site, revision, method, gpc ORDER BY day, site, revision, method, gpc
  ON CONFLICT (day, site, revision, method, gpc) DO UPDATE SET decisions = s.decisions + excluded.decisions
), shown AS (
  INSERT INTO stats_daily_notices AS d (day, site, revision, lang, notice_hash, decisions)
  SELECT day, site, revision, lang, notice_hash, count(*) FROM counted
  GROUP BY day, site, revision, lang, notice_hash ORDER BY day, site, revision, lang, notice_hash
  ON CONFLICT (day, site, revision, lang, notice_hash) DO UPDATE SET decisions = d.decisions + excluded.decisions
)
INSERT INTO stats_daily_grants AS g (day, site, revision, kind, item, gpc, granted, decisions)
SELECT day, site, revision, kind, item, gpc, count(*) FILTER (WHERE granted), count(*)
FROM (
  SELECT i.day, i.site, i.revision, 'purpose' AS kind, c.key AS item, i.gpc, c.value = 'true'::jsonb AS granted
  FROM counted i, jsonb_each(i.choices) c
  UNION ALL
  SELECT i.day, i.site, i.revision, 'service', c.key, i.gpc, c.value = 'true'::jsonb
  FROM counted i, jsonb_each(i.services) c
) x
GROUP BY day, site, revision, kind, item, gpc ORDER BY day, site, revision, kind, item, gpc
ON CONFLICT (day, site, revision, kind, item, gpc) DO UPDATE
  SET granted = g.granted + excluded.granted, decisions = g.decisions + excluded.decisions`;

export async function insertReceipts(sql: Sql, rows: ReceiptRow[]): Promise<void> {
  if (rows.length === 0) return;
  const notices = new Map<string, string>();
  for (const row of rows) notices.set(row.noticeHash, row.noticeText);
  const receipts = rows.map((row) => ({
    consent_id: row.consentId, decided_at: row.decidedAt, revision: row.revision, choices: row.choices,
    services: row.services, method: row.method, gpc: row.gpc, lang: row.lang, site: row.site, page: row.page,
    notice_hash: row.noticeHash,
  }));
  const noticeRows = [...notices].map(([hash, body]) => ({ hash, body }));
  await sql.query(INSERT, [JSON.stringify(receipts), JSON.stringify(noticeRows)], 'cid_insert_receipts');
}

export interface Proof extends StoredReceipt {
  notice: unknown;
  /**
   * True when another receipt of this consent id has the same decidedAt and a different content:
   * at most one of them is the visitor's own (README, "What a proof shows").
   */
  conflict: boolean;
}

/** Every receipt of one consent id, oldest first, each with the exact notice it saw. */
export async function proofOf(sql: Sql, consentId: string): Promise<Proof[]> {
  const rows = await sql.query<StoredReceipt & { noticeText: string; conflict: boolean }>(
    `SELECT ${COLUMNS}, n.body AS "noticeText",
       method <> 'handoff' AND count(*) FILTER (WHERE method <> 'handoff') OVER (PARTITION BY decided_at) > 1 AS "conflict"
     FROM receipts JOIN notices n ON n.hash = receipts.notice_hash
     WHERE consent_id = $1 ORDER BY decided_at, id`,
    [consentId],
  );
  return rows.map(({ noticeText, ...row }) => ({ ...row, notice: JSON.parse(noticeText) }));
}

/** A decision as a sister site adopts it (CONTRACT §13): the fields of its receipt that say what was chosen. */
export interface Decision {
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
}

/**
 * The decision in force for a consent id: its latest receipt's. None after a reset, and none when
 * that instant holds two different decisions (a conflict: which one is the visitor's is for the
 * proof to show, not for a hand-off to pick). A hand-off receipt repeats the decision it adopted.
 */
export async function decisionInForce(sql: Sql, consentId: string): Promise<Decision | undefined> {
  const rows = await sql.query<Decision & { method: string }>(
    `SELECT to_char(decided_at AT TIME ZONE 'UTC', ${ISO}) AS "decidedAt", revision, choices, services, method
     FROM receipts WHERE consent_id = $1
       AND decided_at = (SELECT max(decided_at) FROM receipts WHERE consent_id = $1)`,
    [consentId],
  );
  if (rows.length === 0 || rows.some((row) => row.method === 'reset')) return undefined;
  // A sister site's hand-off receipt carries the same decision in that site's terms (it may know other
  // services): it is not a second decision. The site that took the decision speaks for it; a hand-off
  // receipt only when the original was never stored.
  const own = rows.filter((row) => row.method !== 'handoff');
  const speaking = own.length > 0 ? own : rows;
  const decisions = new Set(speaking.map(({ revision, choices, services }) => JSON.stringify([revision, choices, services])));
  if (decisions.size > 1) return undefined;
  const { decidedAt, revision, choices, services } = speaking[0];
  return { decidedAt, revision, choices, services };
}

/** The latest decision time stored for a consent id (a reset included), or undefined. */
export async function latestDecidedAt(sql: Sql, consentId: string): Promise<string | undefined> {
  const [row] = await sql.query<{ latest: string | null }>(
    `SELECT to_char(max(decided_at) AT TIME ZONE 'UTC', ${ISO}) AS latest FROM receipts WHERE consent_id = $1`,
    [consentId],
  );
  return row?.latest ?? undefined;
}

export interface Range {
  from?: string;
  to?: string;
  site?: string;
}

/** One page of receipts for the export, in insertion order, after a given id (keyset paging). */
export async function exportPage(sql: Sql, range: Range, afterId: number, limit: number): Promise<StoredReceipt[]> {
  return sql.query<StoredReceipt>(
    `SELECT ${COLUMNS} FROM receipts
     WHERE id > $1 AND ($2::date IS NULL OR decided_at >= ($2::date)::timestamp AT TIME ZONE ${ROLLUP_ZONE})
       AND ($3::date IS NULL OR decided_at < ($3::date + 1)::timestamp AT TIME ZONE ${ROLLUP_ZONE})
       AND ($4::text IS NULL OR site = $4)
     ORDER BY id LIMIT $5`,
    [afterId, range.from ?? null, range.to ?? null, range.site ?? null, limit],
  );
}

export interface DailyRow {
  day: string;
  method: string;
  gpc: boolean;
  decisions: number;
}

export interface GrantRow {
  day: string;
  kind: 'purpose' | 'service';
  item: string;
  /** Decisions taken while the browser sent Global Privacy Control (issue #25: rates split by it). */
  gpc: boolean;
  granted: number;
  decisions: number;
}

/** Reads the daily rollups only (never the receipts): fast whatever the number of receipts. */
export async function dailyRollups(sql: Sql, range: Range): Promise<{ daily: DailyRow[]; grants: GrantRow[] }> {
  const where = `($1::date IS NULL OR day >= $1::date) AND ($2::date IS NULL OR day <= $2::date) AND ($3::text IS NULL OR site = $3)`;
  const params = [range.from ?? null, range.to ?? null, range.site ?? null];
  const daily = await sql.query<DailyRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, method, gpc, sum(decisions)::float8 AS decisions
     FROM stats_daily WHERE ${where} GROUP BY day, method, gpc ORDER BY day`,
    params,
  );
  const grants = await sql.query<GrantRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, item, gpc, sum(granted)::float8 AS granted, sum(decisions)::float8 AS decisions
     FROM stats_daily_grants WHERE ${where} GROUP BY day, kind, item, gpc ORDER BY day, kind, item, gpc`,
    params,
  );
  return { daily, grants };
}

/**
 * Retention: deletes receipts decided more than `days` ago, and the rollups of those days, in
 * slices so that a large first run never holds long locks. Each slice sets the cut-off for its
 * own transaction: the database refuses any other delete of a receipt (migration 002).
 * Notices are kept: they describe the site, not a visitor.
 */
export async function deleteExpired(sql: Sql, days: number, slice = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await sql.transaction(async (tx) => {
      await tx.query(
        `SELECT set_config('cid.retention_cutoff', floor(extract(epoch FROM now() - make_interval(days => $1)))::bigint::text, true)`,
        [days]);
      const rows = await tx.query<{ n: number }>(
        `WITH gone AS (
           DELETE FROM receipts WHERE id IN (
             SELECT id FROM receipts WHERE decided_at < to_timestamp(current_setting('cid.retention_cutoff')::bigint) LIMIT $1)
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [slice],
      );
      return rows[0]?.n ?? 0;
    });
    total += deleted;
    if (deleted < slice) break;
  }
  const cutoff = `((now() AT TIME ZONE ${ROLLUP_ZONE}) - make_interval(days => $1))::date`;
  for (const table of ['stats_daily', 'stats_daily_grants', 'stats_daily_notices']) {
    await sql.query(`DELETE FROM ${table} WHERE day < ${cutoff}`, [days]);
  }
  return total;
}
