import pg from 'pg';
import type { Sql } from './sql.js';

export interface PostgresOptions {
  /** Connections in the pool. */
  max?: number;
  onError?: (error: Error) => void;
  /** Longest a query may take before it fails (ms); 0: no limit (bulk maintenance). */
  queryTimeoutMs?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    // While PostgreSQL restarts, fail fast (503) rather than hold visitors' requests.
    connectionTimeoutMillis: 3000,
    query_timeout: options.queryTimeoutMs === 0 ? undefined : (options.queryTimeoutMs ?? 15000),
    application_name: 'cid-consent-receiver',
  });
  // An idle connection cut by a server restart emits 'error' on the pool; without a
  // listener Node would crash the receiver. The pool replaces the connection by itself.
  pool.on('error', (error) => options.onError?.(error));
  await pool.query('SELECT 1');
  const sql: Sql = {
    async query<T>(text: string, params: unknown[] = [], name?: string) {
      // A named statement is parsed and planned once per connection, not per batch.
      return (await pool.query({ text, values: params, name })).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        await client.query('BEGIN');
        const inner: Sql = {
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
          exec: async (text: string) => {
            await client.query(text);
          },
          transaction: () => Promise.reject(new Error('nested transaction')),
          close: async () => {},
        };
        const result = await fn(inner);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failed = error as Error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        // A connection that failed mid-transaction is destroyed, not reused.
        client.release(failed);
      }
    },
    async close() {
      await pool.end();
    },
  };
  return sql;
}
