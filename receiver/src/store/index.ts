import { GroupCommit } from '../batcher.js';
import { canonicalJson } from '../canonical.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { insertReceipts, type ReceiptRow } from './receipts.js';
import { countDaysIn } from './rollups.js';
import { StoreUnavailable, type Sql } from './sql.js';

export interface Store {
  kind: 'embedded' | 'postgres';
  sql: Sql;
  /** Resolves once the receipt is committed; rejects with StoreUnavailable otherwise. */
  add(row: ReceiptRow): Promise<void>;
  /** Runs a read, turning a store failure into StoreUnavailable. */
  read<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  onError?: (error: Error) => void;
  /** PostgreSQL only: see PostgresOptions. */
  queryTimeoutMs?: number;
  /** PostgreSQL only: how long to wait for a server that is starting (default 30 s). */
  startupWaitMs?: number;
  /** The zone statistics count days in (TIME_ZONE, default Europe/Paris): rollups are rebuilt when it changes. */
  timeZone?: string;
  /** Told when the rollups were rebuilt at start-up, and how long it took. */
  onRebuilt?: (zone: string, ms: number) => void;
}

const DEADLOCK = '40P01';
const UNIQUE = '23505';

async function writeWithRetry(sql: Sql, rows: ReceiptRow[]): Promise<void> {
  // Rows are inserted in a fixed order, so deadlocks should not happen; a retry costs
  // nothing if one does. A unique violation can only come from a concurrent insert of
  // the same notice racing ON CONFLICT: retrying finds it stored.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await insertReceipts(sql, rows);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== DEADLOCK && code !== UNIQUE)) throw new StoreUnavailable(error);
    }
  }
}

/** Errors that mean "the server is not there yet" (starting, restarting, unreachable). */
function isTransient(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03'].includes(code ?? '')
    || /Connection terminated|timeout/i.test(message ?? '');
}

/**
 * What a store needs before it serves: its migrations, then its statistics counted in the configured
 * time zone (a recount of every receipt when the zone changed, or on the first start of 0.3).
 */
async function prepare(sql: Sql, options: StoreOptions): Promise<void> {
  await migrate(sql);
  const zone = options.timeZone ?? 'Europe/Paris';
  const started = Date.now();
  if (await countDaysIn(sql, zone)) options.onRebuilt?.(zone, Date.now() - started);
}

async function openSql(options: StoreOptions): Promise<Sql> {
  if (!options.databaseUrl) {
    const sql = await openPglite(options.dataDir);
    await prepare(sql, options).catch(async (error: unknown) => {
      await sql.close().catch(() => undefined);
      throw error;
    });
    return sql;
  }
  // A receiver may start while PostgreSQL is still starting or restarting (a machine
  // boot, a container set): wait for it a while instead of dying at once.
  const deadline = Date.now() + (options.startupWaitMs ?? 30_000);
  for (;;) {
    let sql: Sql | undefined;
    try {
      // Migrations and a recount on a connection of their own, without the requests' time limit: a
      // recount of millions of receipts takes longer than any request may (measured: 12.8 s for 1,000,000).
      sql = await openPostgres(options.databaseUrl, { max: 1, onError: options.onError, queryTimeoutMs: 0 });
      await prepare(sql, options);
      await sql.close();
      sql = undefined;
      return await openPostgres(options.databaseUrl, { max: 8, onError: options.onError, queryTimeoutMs: options.queryTimeoutMs });
    } catch (error) {
      await sql?.close().catch(() => undefined);
      if (!isTransient(error) || Date.now() > deadline) throw error;
      options.onError?.(new Error(`PostgreSQL not ready (${(error as Error).message}); retrying`));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const kind = options.databaseUrl ? 'postgres' : 'embedded';
  const sql = await openSql(options);
  // PGlite is one connection: one write at a time. PostgreSQL: several, leaving pool
  // connections free for reads.
  const batcher = new GroupCommit<ReceiptRow>((rows) => writeWithRetry(sql, dedupe(rows)), 500, kind === 'postgres' ? 4 : 1);
  return {
    kind,
    sql,
    add: (row) => batcher.add(row).catch((error: unknown) => {
      throw error instanceof StoreUnavailable ? error : new StoreUnavailable(error);
    }),
    async read(fn) {
      try {
        return await fn(sql);
      } catch (error) {
        throw new StoreUnavailable(error);
      }
    },
    async ping() {
      try {
        await sql.query('SELECT 1');
      } catch (error) {
        throw new StoreUnavailable(error);
      }
    },
    async close() {
      await batcher.drain();
      await sql.close();
    },
  };
}

/**
 * Two copies of one receipt in a batch (a double send) are written once; two different receipts
 * under one key are both written (the database keeps one row per content, migration 002).
 */
function dedupe(rows: ReceiptRow[]): ReceiptRow[] {
  const seen = new Map<string, ReceiptRow>();
  for (const row of rows) {
    const { noticeText: _text, ...content } = row;
    seen.set(canonicalJson(content, 'receipt'), row);
  }
  return [...seen.values()];
}
