import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.js';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations/', import.meta.url));
/** Any fixed number: the key of the advisory lock that serialises migrations. */
const LOCK_KEY = 727_113_012;

/**
 * Applies migrations/NNN_*.sql not yet in schema_migrations, in order, each in its own
 * transaction. Two receivers starting together on one PostgreSQL wait for each other on
 * an advisory lock, so each file runs once.
 */
export async function migrate(sql: Sql, dir = MIGRATIONS): Promise<string[]> {
  const files = readdirSync(dir).filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name)).sort();
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(`${dir}${file}`, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
