// The dashboard's reads. Figures come from the daily rollups only (stats_daily*, kept in the
// statement that stores each receipt), never from a scan of the receipts: their cost does not
// grow with the number of receipts. Written once in PostgreSQL's dialect (PGlite and PostgreSQL).
import type { Sql } from '../store/sql.js';
import { ROLLUP_ZONE, type StoredReceipt } from '../store/receipts.js';
import { labelsOf } from './types.js';

export interface Filter {
  from: string;
  to: string;
  site: string | null;
  revision: number | null;
}

export interface MethodRow {
  day: string;
  revision: number;
  method: string;
  gpc: boolean;
  decisions: number;
}

export interface ItemRow {
  day: string;
  revision: number;
  kind: 'purpose' | 'service';
  item: string;
  gpc: boolean;
  granted: number;
  decisions: number;
}

const WHERE = `day >= $1::date AND day <= $2::date AND ($3::text IS NULL OR site = $3)`;

/** The rollups of the period, per day and revision (the site filter applied; revisions all kept). */
export async function periodRollups(sql: Sql, filter: Filter): Promise<{ methods: MethodRow[]; items: ItemRow[] }> {
  const params = [filter.from, filter.to, filter.site];
  const [methods, items] = await Promise.all([
    sql.query<MethodRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, revision, method, gpc, sum(decisions)::float8 AS decisions
       FROM stats_daily WHERE ${WHERE} GROUP BY day, revision, method, gpc ORDER BY day`,
      params,
    ),
    sql.query<ItemRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, revision, kind, item, gpc,
              sum(granted)::float8 AS granted, sum(decisions)::float8 AS decisions
       FROM stats_daily_grants WHERE ${WHERE} GROUP BY day, revision, kind, item, gpc ORDER BY day`,
      params,
    ),
  ]);
  return { methods, items };
}

/**
 * Sites and revisions that have decisions, today in the rollups' time zone (TIME_ZONE), and the last
 * day up to today with any (for the default period): a day after today (a receipt stored dated ahead
 * before 0.3) must not move the period there.
 */
export async function choices(sql: Sql, site: string | null): Promise<{ sites: string[]; revisions: number[]; lastDay: string | null; today: string; latestRevisionFrom: string | null }> {
  const [{ today }] = await sql.query<{ today: string }>(`SELECT to_char((now() AT TIME ZONE ${ROLLUP_ZONE})::date, 'YYYY-MM-DD') AS today`);
  const [sites, revisions, last, latest] = await Promise.all([
    sql.query<{ site: string }>('SELECT DISTINCT site FROM stats_daily ORDER BY site'),
    sql.query<{ revision: number }>('SELECT DISTINCT revision FROM stats_daily WHERE ($1::text IS NULL OR site = $1) ORDER BY revision', [site]),
    sql.query<{ day: string | null }>(
      `SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM stats_daily WHERE ($1::text IS NULL OR site = $1) AND day <= $2::date`,
      [site, today]),
    // The first day of the newest revision: the "since the last revision" period.
    sql.query<{ day: string | null }>(
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM stats_daily
       WHERE ($1::text IS NULL OR site = $1) AND revision = (SELECT max(revision) FROM stats_daily WHERE ($1::text IS NULL OR site = $1))`,
      [site]),
  ]);
  return { sites: sites.map((row) => row.site), revisions: revisions.map((row) => row.revision), lastDay: last[0]?.day ?? null, today, latestRevisionFrom: latest[0]?.day ?? null };
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One page of the filtered receipts for the CSV export, in insertion order after a given id. */
export async function filteredPage(sql: Sql, filter: Filter, afterId: number, limit: number): Promise<StoredReceipt[]> {
  return sql.query<StoredReceipt>(
    `SELECT id::float8 AS "id", consent_id AS "consentId",
       to_char(decided_at AT TIME ZONE 'UTC', ${ISO}) AS "decidedAt",
       to_char(received_at AT TIME ZONE 'UTC', ${ISO}) AS "receivedAt",
       revision, choices, services, method, gpc, lang, site, page, notice_hash AS "noticeHash"
     FROM receipts
     WHERE id > $1 AND decided_at >= ($2::date)::timestamp AT TIME ZONE ${ROLLUP_ZONE}
       AND decided_at < ($3::date + 1)::timestamp AT TIME ZONE ${ROLLUP_ZONE}
       AND ($4::text IS NULL OR site = $4) AND ($5::int IS NULL OR revision = $5)
     ORDER BY id LIMIT $6`,
    [afterId, filter.from, filter.to, filter.site, filter.revision, limit],
  );
}

/**
 * The purpose and service names visitors were shown, per language: from the notice that most
 * decisions of the period carried (of the revision filtered on, if any), never from the newest one:
 * anyone can post a receipt, so recency would let one forged receipt choose the words marketing reads,
 * where a majority needs more forged receipts than the site has visitors. Ties go to the notice seen
 * first. Reads the daily notice rollups only: its cost does not grow with the receipts.
 */
export async function noticeLabels(sql: Sql, filter: Filter): Promise<Partial<Record<'fr' | 'en', Record<string, string>>>> {
  const rows = await sql.query<{ lang: string; body: string }>(
    `SELECT DISTINCT ON (s.lang) s.lang, n.body
     FROM (SELECT lang, notice_hash, sum(decisions) AS decisions FROM stats_daily_notices
           WHERE ${WHERE} AND ($4::int IS NULL OR revision = $4)
           GROUP BY lang, notice_hash) s
     JOIN notices n ON n.hash = s.notice_hash
     ORDER BY s.lang, s.decisions DESC, n.first_seen, n.hash`,
    [filter.from, filter.to, filter.site, filter.revision],
  );
  const labels: Partial<Record<'fr' | 'en', Record<string, string>>> = {};
  for (const { lang, body } of rows) {
    if (lang !== 'fr' && lang !== 'en') continue;
    try {
      labels[lang] = labelsOf(JSON.parse(body));
    } catch {
      // A notice is stored as received JSON; one that does not parse names nothing.
    }
  }
  return labels;
}
