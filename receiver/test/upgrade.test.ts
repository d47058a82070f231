// Issue #25 (migration 005): a store that 0.2 filled, with its rollups counted without the GPC split
// and in UTC days, opened by 0.3: the statistics are recounted from the receipts once, split by GPC,
// in TIME_ZONE, and new receipts add to them.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite.js';
import { openPostgres } from '../src/store/postgres.js';
import { openStore } from '../src/store/index.js';
import type { Sql } from '../src/store/sql.js';
import { KINDS, ORIGIN, get, post, receipt, scratchDatabase, testApp } from './helpers.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** The migrations 0.2 had (001 to 004), in a folder of their own. */
function migrationsOf02(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cid-migrations-02-'));
  for (const file of readdirSync(MIGRATIONS).filter((name) => /^00[1-4]_/.test(name))) copyFileSync(join(MIGRATIONS, file), join(dir, file));
  return `${dir}/`;
}

/** Two decisions as 0.2 stored them: one with GPC refusing analytics, one without granting it; rollups without the split. */
async function fillAs02(sql: Sql): Promise<void> {
  const hash = 'a'.repeat(64);
  await sql.query(`INSERT INTO notices (hash, body) VALUES ($1, '{}')`, [hash]);
  for (const [id, gpc, analytics] of [['upgradegpc01', true, false], ['upgradeplain1', false, true]] as const) {
    await sql.query(
      `INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
       VALUES ($1, '2026-11-30T23:30:00Z', 3, $2::jsonb, '{}'::jsonb, 'banner-accept-all', $3, 'fr', $4, '/', $5)`,
      [id, JSON.stringify({ necessary: true, analytics }), gpc, ORIGIN, hash]);
  }
  await sql.query(`INSERT INTO stats_daily (day, site, revision, method, gpc, decisions) VALUES ('2026-11-30', $1, 3, 'banner-accept-all', false, 2)`, [ORIGIN]);
  await sql.query(`INSERT INTO stats_daily_grants (day, site, revision, kind, item, granted, decisions) VALUES ('2026-11-30', $1, 3, 'purpose', 'analytics', 1, 2)`, [ORIGIN]);
}

for (const kind of KINDS) {
  describe(`upgrading a 0.2 store to 0.3 (${kind} store)`, () => {
    it('should recount the statistics from the receipts once, split by GPC and in Paris days, and keep counting new receipts', async () => {
      const migrations = migrationsOf02();
      const dataDir = kind === 'embedded' ? mkdtempSync(join(tmpdir(), 'cid-receiver-02-')) : '';
      const database = kind === 'postgres' ? await scratchDatabase() : undefined;
      try {
        const old = database ? await openPostgres(database.url) : await openPglite(dataDir);
        assert.deepEqual((await migrate(old, migrations)).length, 4);
        await fillAs02(old);
        await old.close();

        const rebuilt: string[] = [];
        const store = await openStore({ dataDir, databaseUrl: database?.url, timeZone: 'Europe/Paris', onRebuilt: (zone) => rebuilt.push(zone) });
        const app = await testApp(store);
        try {
          assert.deepEqual(rebuilt, ['Europe/Paris']);
          // 23:30 UTC on 30 November is 1 December in Paris.
          const stats = (await get(app, `/stats?site=${encodeURIComponent(ORIGIN)}&from=2026-11-30&to=2026-12-01`)).json();
          assert.deepEqual(stats.days.map((d: { day: string; decisions: number }) => [d.day, d.decisions]), [['2026-12-01', 2]]);
          assert.deepEqual(stats.days[0].purposes.analytics, {
            granted: 1, decisions: 2, rate: 0.5,
            withGpc: { granted: 0, decisions: 1, rate: 0 },
            withoutGpc: { granted: 1, decisions: 1, rate: 1 },
          });
          assert.equal((await post(app, receipt({ decidedAt: '2026-12-01T10:00:00.000Z', choices: { necessary: true, analytics: true }, services: {} }))).statusCode, 202);
          const after = (await get(app, `/stats?site=${encodeURIComponent(ORIGIN)}&from=2026-12-01&to=2026-12-01`)).json();
          assert.deepEqual(after.days[0].purposes.analytics.withoutGpc, { granted: 2, decisions: 2, rate: 1 });
        } finally {
          await app.close();
          await store.close();
        }
      } finally {
        rmSync(migrations, { recursive: true, force: true });
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        await database?.drop();
      }
    });
  });
}
