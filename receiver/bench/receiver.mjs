// npm run bench:receiver — a benchmark, not a test (our machines vary ±30 % between runs).
// For each store (embedded PGlite, then PostgreSQL: the throw-away cluster scripts/postgres.mjs
// starts around it): starts a receiver as a child process, posts unique valid receipts with autocannon
// from this same machine, counts the 202s against the rows stored after the run, then seeds
// 1,000,000 receipts and times GET /stats.
//   node receiver/bench/receiver.mjs [--duration 10] [--connections 32] [--seed 1000000] [--only embedded|postgres]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openStore } from '../dist/src/store/index.js';
import { rebuildRollups } from '../dist/src/store/rollups.js';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1000000' },
    only: { type: 'string' },
  },
});
const DURATION = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const SEED = Number(options.seed);
const ORIGIN = 'https://www.cid-it.fr';
const TOKEN = 'bench-token-0123456789abcdef';
const PORT = 18790;
const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));

const NOTICE = {
  widget: '0.2.0',
  policyUrl: '/politique-de-confidentialite',
  texts: { title: 'Vos choix en matière de cookies', body: 'Nous et nos partenaires utilisons des traceurs.' },
  purposes: ['analytics', 'marketing', 'partners'].map((id) => ({ id, label: id, description: `${id} description` })),
};

let sequence = 0;
function body() {
  sequence += 1;
  return JSON.stringify({
    v: 1, consentId: `bench${process.pid.toString(36)}${sequence.toString(36)}`, decidedAt: new Date().toISOString(), revision: 3,
    choices: { necessary: true, analytics: sequence % 2 === 0, marketing: sequence % 3 === 0, partners: false },
    services: { youtube: sequence % 5 === 0 }, method: 'banner-accept-all', gpc: false, lang: 'fr', site: ORIGIN,
    page: '/produits/portables', notice: NOTICE,
  });
}

async function startReceiver(env) {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, PORT: String(PORT), HOST: '127.0.0.1', ALLOWED_ORIGINS: ORIGIN, RECEIVER_TOKEN: TOKEN, RATE_LIMIT: '100000000', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => { if (String(chunk).includes('listening on')) resolve(); });
    child.on('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${PORT}`,
    stop: () => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); }),
  };
}

function cannon(url, duration) {
  return autocannon({
    url: `${url}/receipts`,
    connections: CONNECTIONS,
    duration,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      setupRequest: (request) => ({ ...request, body: body() }),
    }],
  });
}

async function timeStats(url, query) {
  const times = [];
  for (let i = 0; i < 7; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/stats${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await response.json();
    if (response.status !== 200) throw new Error(`/stats answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[3];
}

const SEED_NOTICE = `INSERT INTO notices (hash, body) VALUES (repeat('b', 64), '{"widget":"seed"}') ON CONFLICT DO NOTHING`;
const SEED_SQL = `
INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
SELECT 'seed' || g, now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second', 1 + g % 3,
  jsonb_build_object('necessary', true, 'analytics', g % 2 = 0, 'marketing', g % 3 = 0, 'partners', g % 5 = 0),
  jsonb_build_object('youtube', g % 7 = 0),
  (ARRAY['banner-accept-all','banner-reject-all','panel-save','panel-accept-all','panel-reject-all','placeholder','api','reset'])[1 + g % 8],
  g % 10 = 0, 'fr', (ARRAY['https://www.cid-it.fr','https://www.cid-it.boutique'])[1 + g % 2], '/p/' || (g % 100), repeat('b', 64)
FROM generate_series(1, $1::int) g`;

async function bench(kind, location) {
  console.log(`\n== ${kind} store ==`);
  const env = location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : { DATA_DIR: location.dataDir };
  let receiver = await startReceiver(env);
  const sentBefore = sequence;
  const warm = await cannon(receiver.url, 2); // warm-up (JIT, plans, connections); its receipts are counted too
  const result = await cannon(receiver.url, DURATION);
  await receiver.stop();

  const store = await openStore({ ...location, queryTimeoutMs: 0 });
  const [{ n: stored }] = await store.sql.query(`SELECT count(*)::int AS n FROM receipts WHERE consent_id LIKE 'bench%'`);
  // autocannon drops the requests still in flight when its time is up: those may be
  // stored without their 202 being counted, so stored may exceed acked by that much.
  const acked = warm['2xx'] + result['2xx'];
  console.log(`receipts/s ${Math.round(result.requests.average)} (2xx ${result['2xx']} in ${DURATION} s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
  console.log(`acknowledged (202, warm-up included) ${acked}; stored after the run ${stored}; requests sent ${sequence - sentBefore}`);

  let started = performance.now();
  await store.sql.query(SEED_NOTICE);
  await store.sql.query(SEED_SQL, [SEED]);
  const seeded = performance.now() - started;
  started = performance.now();
  await rebuildRollups(store.sql);
  const rolled = performance.now() - started;
  const [{ n: total }] = await store.sql.query(`SELECT count(*)::int AS n FROM receipts`);
  await store.close();
  console.log(`seeded ${SEED} receipts in ${(seeded / 1000).toFixed(1)} s; rollups rebuilt from all ${total} in ${(rolled / 1000).toFixed(1)} s`);

  receiver = await startReceiver(env);
  const all = await timeStats(receiver.url, '');
  const month = await timeStats(receiver.url, `?site=${encodeURIComponent(ORIGIN)}&from=${new Date(Date.now() - 30 * 864e5).toISOString().slice(0, 10)}`);
  await receiver.stop();
  console.log(`GET /stats over ${total} receipts: ${all.toFixed(1)} ms (365 days, all sites), ${month.toFixed(1)} ms (30 days, one site); medians of 7`);
  return { kind, rate: result.requests.average, p99: result.latency.p99, acked, stored, statsMs: all, monthMs: month };
}

const results = [];
if (options.only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'cid-receiver-bench-'));
  try {
    results.push(await bench('embedded', { dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (options.only !== 'embedded') {
  // The throw-away cluster of scripts/postgres.mjs, which `npm run bench:receiver` runs this under.
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    console.log('\nPostgreSQL not measured: run this through `npm run bench:receiver` (scripts/postgres.mjs starts a cluster for it).');
  } else {
    const name = 'cid_receiver_bench';
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      results.push(await bench('postgres', { databaseUrl: url.toString(), dataDir: '' }));
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  }
}
console.log(`\n| store | receipts/s | p99 | every 202 stored | GET /stats over ${SEED.toLocaleString('en')} + receipts (all / 30 days, one site) |`);
console.log('|---|---|---|---|---|');
for (const r of results) {
  const ok = r.stored >= r.acked && r.stored - r.acked <= 2 * CONNECTIONS;
  console.log(`| ${r.kind} | ${Math.round(r.rate)} | ${r.p99} ms | ${ok ? 'yes' : 'NO'} (${r.acked} acknowledged, ${r.stored} stored) | ${r.statsMs.toFixed(0)} ms / ${r.monthMs.toFixed(0)} ms |`);
}
