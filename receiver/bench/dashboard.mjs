// Benchmark (issue #13): with 1,000,000 receipts in PostgreSQL, how long from the sign-in
// submit until every chart of the dashboard is drawn? Target: ≤ 1 s.
// Usage: npm run bench:dashboard   (from the repository root; RECEIPTS=… to change the count)
// Needs PostgreSQL: run under scripts/postgres.mjs (`npm run bench:dashboard` does), which starts a throw-away cluster.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { canonicalJson, sha256Hex } from '../dist/src/canonical.js';
import { openStore } from '../dist/src/store/index.js';
import { rebuildRollups } from '../dist/src/store/rollups.js';
import { TOKEN, chartsDrawn, launch, listen, notice } from '../dist/test/dashboard-helpers.js';

const RECEIPTS = Number(process.env.RECEIPTS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 7);
const DATABASE = 'cid_dashboard_bench';
const DAYS = 365;
const FIRST_DAY = '2025-11-27';

const admin = process.env.TEST_DATABASE_URL;
if (!admin) throw new Error('TEST_DATABASE_URL is not set: run `npm run bench:dashboard` from the repository root (scripts/postgres.mjs starts PostgreSQL for it)');
const url = new URL(admin);
url.pathname = `/${DATABASE}`;

async function adminQuery(text) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const exists = (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`)).rowCount === 1;
if (!exists) await adminQuery(`CREATE DATABASE ${DATABASE}`);
const store = await openStore({ dataDir: '', databaseUrl: url.toString() });

/** The seed runs on its own connection: the store's pool stops any query after 15 s. */
async function seedConnection() {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const sql = {
    query: async (text, params = []) => (await client.query(text, params)).rows,
    exec: async (text) => {
      await client.query(text);
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const result = await fn(sql);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
  return sql;
}

// Reused only when complete: the receipts and rollups counting every one of them.
const [{ n: stored, rolled }] = await store.sql.query(
  'SELECT (SELECT count(*) FROM receipts)::int AS n, (SELECT coalesce(sum(decisions), 0) FROM stats_daily)::int AS rolled');
if (stored !== RECEIPTS || rolled !== RECEIPTS) {
  const seed = await seedConnection();
  const started = performance.now();
  const shown = [3, 4].map((revision) => {
    const body = canonicalJson(notice(revision, 'fr'));
    return { hash: sha256Hex(body), body };
  });
  // The bench's own database: lift the guard against TRUNCATE for the reseed, as an operator with
  // the owner's rights can (README, "What a database operator can still do").
  await seed.exec(`ALTER TABLE receipts DISABLE TRIGGER receipts_no_truncate;
    TRUNCATE receipts, stats_daily, stats_daily_grants, stats_daily_notices;
    ALTER TABLE receipts ENABLE TRIGGER receipts_no_truncate`);
  for (const { hash, body } of shown) {
    await seed.query('INSERT INTO notices (hash, body) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hash, body]);
  }
  // One statement: a year of decisions on two sites, revision 4 for the last 65 days;
  // r and q are two spread-out buckets (0-99) of the row number.
  await seed.query(`
    WITH s AS (
      SELECT g, (g * 2654435761) % 100 AS r, (g * 40503) % 100 AS q, g % ${DAYS} AS d
      FROM generate_series(1::bigint, $1::bigint) AS g
    )
    INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
    SELECT 'b' || lpad(to_hex(g), 12, '0'),
      timestamptz '${FIRST_DAY} 00:00:00Z' + d * interval '1 day' + (g % 86400) * interval '1 second',
      CASE WHEN d < ${DAYS - 65} THEN 3 ELSE 4 END,
      jsonb_build_object('necessary', true, 'analytics', r < 55 OR (r >= 84 AND q < 70),
        'marketing', r < 55 OR (r >= 84 AND q < 30), 'partners', r < 55 OR (r >= 84 AND q < 10)),
      jsonb_build_object('youtube', r < 55 OR (r >= 84 AND q < 40) OR (r >= 96 AND r < 99)),
      CASE WHEN r < 50 THEN 'banner-accept-all' WHEN r < 55 THEN 'panel-accept-all' WHEN r < 80 THEN 'banner-reject-all'
        WHEN r < 84 THEN 'panel-reject-all' WHEN r < 96 THEN 'panel-save' WHEN r < 99 THEN 'placeholder' ELSE 'api' END,
      q < 8, CASE WHEN q % 10 = 0 THEN 'en' ELSE 'fr' END,
      CASE WHEN g % 5 < 3 THEN 'https://www.cid-it.fr' ELSE 'https://www.cid-it.boutique' END,
      '/', CASE WHEN d < ${DAYS - 65} THEN $2 ELSE $3 END
    FROM s`, [RECEIPTS, shown[0].hash, shown[1].hash]);
  await rebuildRollups(seed);
  await seed.exec('ANALYZE');
  await seed.close();
  console.log(`seeded ${RECEIPTS.toLocaleString('en')} receipts and their rollups in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else {
  console.log(`reusing ${RECEIPTS.toLocaleString('en')} receipts in ${DATABASE}`);
}

const { app, url: base } = await listen(store);
const browser = await launch();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;
try {
  const signIn = [];
  const year = [];
  const lastDay = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.locator('#token').fill(TOKEN);
    const submitted = performance.now();
    await page.locator('form button[type=submit]').click();
    await chartsDrawn(page);
    signIn.push(performance.now() - submitted);
    // The whole year (365 points per line), from a reload of the page.
    const opened = performance.now();
    await page.goto(`${base}/dashboard?from=${FIRST_DAY}&to=${lastDay}`);
    await chartsDrawn(page);
    year.push(performance.now() - opened);
    await context.close();
  }
  const api = [];
  for (let run = 0; run < 20; run += 1) {
    const started = performance.now();
    const response = await fetch(`${base}/dashboard/data?from=${FIRST_DAY}&to=${lastDay}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await response.arrayBuffer();
    api.push(performance.now() - started);
  }
  console.log(`PostgreSQL, ${RECEIPTS.toLocaleString('en')} receipts over ${DAYS} days, ${RUNS} runs (first run includes a cold browser cache)`);
  console.log(`  sign-in submit -> all charts drawn (last 30 days): median ${fmt(median(signIn))}, max ${fmt(Math.max(...signIn))}`);
  console.log(`  page load -> all charts drawn (whole year):        median ${fmt(median(year))}, max ${fmt(Math.max(...year))}`);
  console.log(`  GET /dashboard/data (whole year), 20 requests:     median ${fmt(median(api))}, max ${fmt(Math.max(...api))}`);
  if (median(signIn) > 1000) process.exitCode = 1;
} finally {
  await browser.close();
  await app.close();
  await store.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
}
