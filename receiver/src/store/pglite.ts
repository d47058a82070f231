import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Sql } from './sql.js';

/**
 * One receiver per folder (issue #20, item 6): PGlite keeps the whole database in one process, and a
 * second process on the same files loses what it writes. The lock is flock(2) on `receiver.lock`,
 * held through this process's open file: the kernel keeps it while the process lives, whatever PID
 * namespace or container it runs in (one file system, one kernel), and drops it when the process
 * dies, kill -9 included. So a lock is never stale, and never taken from a receiver that is only
 * paused (a staleness timeout, as in mtime-based lock files, would hand the folder to a second
 * writer then). Node has no flock(): flock(1) (util-linux; busybox on Alpine) takes the lock on our
 * descriptor, passed as its fd 3, and exits; the lock belongs to the open file, which stays ours.
 * The file is never deleted: deleting it would let two processes lock two different files.
 */
function takeLock(dataDir: string): number {
  const path = join(dataDir, 'receiver.lock');
  const folder = resolve(dataDir);
  // 'a+': created if missing, never truncated before the lock is ours (it names the holder).
  const fd = openSync(path, 'a+');
  const flock = spawnSync('flock', ['-x', '-n', '3'], { stdio: ['ignore', 'ignore', 'pipe', fd], encoding: 'utf8' });
  if (flock.status === 0) {
    ftruncateSync(fd, 0);
    writeSync(fd, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}\n`);
    return fd;
  }
  closeSync(fd);
  if (flock.error) {
    throw new Error(`cannot lock ${folder}: flock(1) was not found (${flock.error.message}); install util-linux, or use DATABASE_URL`);
  }
  if (flock.status === 1) {
    const holder = readFileSync(path, 'utf8').trim() || 'a receiver starting';
    throw new Error(`${folder} is in use by another receiver (${holder}; the pid is the one in its own namespace or container). The embedded store serves one receiver per folder: stop that one first, or use DATABASE_URL for several`);
  }
  throw new Error(`cannot lock ${folder}: flock(1) ended with status ${flock.status ?? flock.signal}: ${flock.stderr.trim()}`);
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
    closeSync(lock);
    throw error;
  }
  const sql: Sql = {
    ...wrap(db),
    async transaction(fn) {
      return db.transaction((tx) => fn({ ...wrap(tx), transaction: () => Promise.reject(new Error('nested transaction')), close: async () => {} }));
    },
    async close() {
      await db.close();
      // Closing the file releases the lock (and so does the process's end, however it ends).
      closeSync(lock);
    },
  };
  return sql;
}
