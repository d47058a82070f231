import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Sql } from './sql.js';

/**
 * PGlite keeps the whole database in one process: a second receiver on the same folder
 * would corrupt it. A lock file holding our pid keeps it to one; a lock left by a process
 * that is gone (kill -9) is taken over.
 */
function takeLock(dataDir: string): string {
  const lock = join(dataDir, 'receiver.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`${resolve(dataDir)} is in use by receiver process ${pid}; the embedded store serves one receiver (use DATABASE_URL for several)`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not lock ${resolve(dataDir)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function wrap(db: PGlite | Transaction): Pick<Sql, 'query' | 'exec'> {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

export async function openPglite(dataDir: string): Promise<Sql> {
  mkdirSync(dataDir, { recursive: true });
  const lock = takeLock(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dataDir, 'pgdata'));
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
  const sql: Sql = {
    ...wrap(db),
    async transaction(fn) {
      return db.transaction((tx) => fn({ ...wrap(tx), transaction: () => Promise.reject(new Error('nested transaction')), close: async () => {} }));
    },
    async close() {
      await db.close();
      rmSync(lock, { force: true });
    },
  };
  return sql;
}
