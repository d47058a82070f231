// The daily rollups (stats_daily*) as a whole: rebuilt from the receipts, and the time zone their days
// are counted in (TIME_ZONE, issue #25 item 5). The insert of each batch keeps them up to date
// (receipts.ts); this file is for start-up and repairs, never the request path.
import { ROLLUP_ZONE } from './receipts.js';
import type { Sql } from './sql.js';

/** Any fixed number, other than the migrations' one: the key that serialises rebuilds. */
const LOCK_KEY = 727_113_025;

/**
 * Recounts every rollup from the receipts, as the insert counts: the first receipt stored under
 * each (consentId, decidedAt), its day in the zone stats_settings names. Inside the caller's
 * transaction; receivers inserting meanwhile wait on the rollups' lock, then add to the new counts.
 */
async function recount(tx: Sql): Promise<void> {
  await tx.exec(`
    LOCK TABLE stats_daily, stats_daily_grants, stats_daily_notices IN EXCLUSIVE MODE;
    CREATE TEMPORARY TABLE counted ON COMMIT DROP AS
      SELECT DISTINCT ON (consent_id, decided_at)
        (decided_at AT TIME ZONE ${ROLLUP_ZONE})::date AS day,
        site, revision, method, gpc, lang, notice_hash, choices, services
      FROM receipts ORDER BY consent_id, decided_at, id;
    DELETE FROM stats_daily;
    DELETE FROM stats_daily_grants;
    DELETE FROM stats_daily_notices;
    INSERT INTO stats_daily (day, site, revision, method, gpc, decisions)
    SELECT day, site, revision, method, gpc, count(*) FROM counted GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO stats_daily_notices (day, site, revision, lang, notice_hash, decisions)
    SELECT day, site, revision, lang, notice_hash, count(*) FROM counted GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO stats_daily_grants (day, site, revision, kind, item, gpc, granted, decisions)
    SELECT day, site, revision, kind, item, gpc, count(*) FILTER (WHERE granted), count(*) FROM (
      SELECT r.day, r.site, r.revision, 'purpose' AS kind, c.key AS item, r.gpc, c.value = 'true'::jsonb AS granted
      FROM counted r, jsonb_each(r.choices) c
      UNION ALL
      SELECT r.day, r.site, r.revision, 'service', c.key, r.gpc, c.value = 'true'::jsonb
      FROM counted r, jsonb_each(r.services) c
    ) x GROUP BY 1, 2, 3, 4, 5, 6;`);
}

const DEADLOCK = '40P01';

/**
 * Runs `fn` in a transaction holding the rebuilds' lock, again if PostgreSQL broke a deadlock with an
 * insert (a cached insert plan takes the rollups' locks in another order than the recount's LOCK).
 */
async function locked<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        return fn(tx);
      });
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== DEADLOCK) throw error;
    }
  }
}

/** Rebuilds the rollups from the receipts (after a bulk load or a repair), in the zone they use. */
export async function rebuildRollups(sql: Sql): Promise<void> {
  await locked(sql, recount);
}

/**
 * Makes the rollups count days in `zone` (an IANA name PostgreSQL knows, checked here): when they
 * were counted in another one, or never with the gpc split (migration 005), they are rebuilt, once,
 * by whichever receiver gets the lock first. Resolves with whether it rebuilt.
 */
export async function countDaysIn(sql: Sql, zone: string): Promise<boolean> {
  return locked(sql, async (tx) => {
    // Intl knows some names the database's time zone data does not: say which setting to change.
    await tx.query(`SELECT now() AT TIME ZONE $1`, [zone]).catch((error: Error) => {
      throw new Error(`TIME_ZONE "${zone}" is not known to the database (${error.message}): choose another IANA name`);
    });
    const [row] = await tx.query<{ zone: string }>('SELECT time_zone AS zone FROM stats_settings');
    if (row?.zone === zone) return false;
    await tx.query('UPDATE stats_settings SET time_zone = $1', [zone]);
    await recount(tx);
    return true;
  });
}
