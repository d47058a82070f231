import { createHash, type KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { openStore, type Store } from '../src/store/index.js';

export const KINDS = ['embedded', 'postgres'] as const;
export type Kind = (typeof KINDS)[number];

export const ORIGIN = 'https://www.cid-it.fr';
export const OTHER_ORIGIN = 'https://shop.cid-it.boutique';
export const TOKEN = 'test-token-0123456789abcdef';

let counter = 0;
/** A fresh consent id per call: tests share a store, never a receipt. */
export function newConsentId(): string {
  counter += 1;
  return `t${process.pid.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`.slice(0, 32);
}

export function receipt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    consentId: newConsentId(),
    decidedAt: '2026-11-26T10:00:00.000Z',
    revision: 3,
    choices: { necessary: true, analytics: false, marketing: true, partners: false },
    services: { youtube: true },
    method: 'banner-accept-all',
    gpc: false,
    lang: 'fr',
    site: ORIGIN,
    page: '/produits/portables',
    notice: {
      widget: '0.2.0',
      policyUrl: '/politique-de-confidentialite',
      texts: { title: 'Vos choix', body: 'Nous utilisons des traceurs.' },
      purposes: [{ id: 'analytics', label: "Mesure d'audience", description: 'Statistiques de visite', services: [] }],
    },
    ...overrides,
  };
}

/** The URL of TEST_DATABASE_URL, or a failure that says how to get one (never a skip). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL tests need a server. Run them with `npm run test:receiver` from the repository root (scripts/postgres.mjs starts a throw-away PostgreSQL cluster for them and sets it).');
  }
  return url;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let databases = 0;
/** Creates a throw-away database cid_receiver_t_<pid>_<n> and returns its URL and a drop function. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = testDatabaseUrl();
  databases += 1;
  const name = `cid_receiver_t_${process.pid}_${databases}`;
  // The faults test restarts the server under the others' feet: retry for a few seconds.
  let client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.connect();
      break;
    } catch (error) {
      if (attempt >= 20) throw new Error(`PostgreSQL at TEST_DATABASE_URL is unreachable (${(error as Error).message}): run the tests through scripts/postgres.mjs`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
    }
  }
  // Databases left by a test process that died (killed, or the server restarted under it).
  const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'cid\\_receiver\\_t\\_%'`);
  for (const { datname } of stale.rows) {
    const pid = Number(/^cid_receiver_t_(\d+)_\d+$/.exec(datname)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // Without FORCE first: a closed pool's connections may still be saying goodbye, and
      // cutting them makes pg raise "Connection terminated" in a pool that no longer listens.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 30 ? ' WITH (FORCE)' : ''}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await c.end();
    },
  };
}

let template: string | undefined;
const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * A fresh embedded data folder. PGlite's initdb costs ~5 s, so a migrated folder is made
 * once per version of the migrations (kept in the temporary folder, shared by the test
 * files) and copied, which only costs a reopen.
 */
export async function scratchDataDir(): Promise<{ dir: string; drop(): void }> {
  if (!template) {
    const hash = createHash('sha256');
    for (const file of readdirSync(MIGRATIONS).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
    const path = join(tmpdir(), `cid-receiver-template-${hash.digest('hex').slice(0, 16)}`);
    if (!existsSync(path)) {
      const building = mkdtempSync(join(tmpdir(), 'cid-receiver-building-'));
      const store = await openStore({ dataDir: building });
      await store.close();
      // Atomic: a half-made template is never seen; another test process may have won.
      try {
        renameSync(building, path);
      } catch {
        rmSync(building, { recursive: true, force: true });
      }
    }
    template = path;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cid-receiver-'));
  cpSync(template, dir, { recursive: true });
  return { dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, migrated place for a store (folder or database), to open and reopen as a receiver would. */
export async function scratchLocation(kind: Kind): Promise<{ location: { dataDir?: string; databaseUrl?: string }; drop(): Promise<void> }> {
  if (kind === 'embedded') {
    const { dir, drop } = await scratchDataDir();
    return { location: { dataDir: dir }, drop: async () => drop() };
  }
  const { url, drop } = await scratchDatabase();
  return { location: { databaseUrl: url }, drop };
}

export interface TestStore {
  store: Store;
  /** Where the store lives, to open it again (dataDir or databaseUrl). */
  location: { dataDir?: string; databaseUrl?: string };
  dispose(): Promise<void>;
}

export async function openTestStore(kind: Kind): Promise<TestStore> {
  if (kind === 'embedded') {
    const { dir, drop } = await scratchDataDir();
    const store = await openStore({ dataDir: dir });
    return { store, location: { dataDir: dir }, dispose: async () => { await store.close(); drop(); } };
  }
  const { url, drop } = await scratchDatabase();
  const store = await openStore({ dataDir: '', databaseUrl: url });
  return { store, location: { databaseUrl: url }, dispose: async () => { await store.close(); await drop(); } };
}

export interface AppOptions {
  token?: string | null;
  rateLimitPerMinute?: number;
  /** HANDOFF_KEY, for the sister-site hand-off (CONTRACT §13). */
  handoffKey?: KeyObject;
}

export function testApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  return buildServer({
    allowedOrigins: [ORIGIN, OTHER_ORIGIN],
    token: options.token === null ? undefined : (options.token ?? TOKEN),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
    trustProxy: false,
    logLevel: 'silent',
    handoffKey: options.handoffKey,
  }, store);
}

/**
 * A store of `kind` and a receiver on it, opened before the tests of the suite that calls this and
 * closed after them: read `suite.fixture` and `suite.app` inside the tests.
 */
export function suiteApp(kind: Kind, options: AppOptions = {}): { fixture: TestStore; app: FastifyInstance } {
  const suite = {} as { fixture: TestStore; app: FastifyInstance };
  before(async () => {
    suite.fixture = await openTestStore(kind);
    suite.app = await testApp(suite.fixture.store, options);
  });
  after(async () => {
    await suite.app?.close();
    await suite.fixture?.dispose();
  });
  return suite;
}

export function post(app: FastifyInstance, body: unknown, origin: string | null = ORIGIN, contentType = 'text/plain;charset=UTF-8') {
  return app.inject({
    method: 'POST',
    url: '/receipts',
    headers: { 'content-type': contentType, ...(origin ? { origin } : {}) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(app: FastifyInstance, url: string, token: string | null = TOKEN) {
  return app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

export async function count(store: Store, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const rows = await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0].n;
}
