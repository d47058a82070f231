// Faults: kill -9 under load, SIGTERM, PostgreSQL restarted under load, two receivers on one database.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { KINDS, ORIGIN, receipt, scratchDatabase, scratchLocation } from './helpers.js';
import { load, sleep, startReceiver, storedIds } from './process.js';

/** Waits for a condition, 20 s at most (the machine may be busy; the test then fails on its counts). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

function missing(acked: Set<string>, stored: Set<string>): string[] {
  return [...acked].filter((id) => !stored.has(id));
}

for (const kind of KINDS) {
  describe(`faults (${kind} store)`, () => {
    it('should keep every receipt that got a 202 when killed with SIGKILL under load, and start again', async () => {
      const { location, drop } = await scratchLocation(kind);
      try {
        const first = await startReceiver(location);
        const traffic = load(() => first.url);
        await until(() => traffic.result.acked.size >= 300);
        first.child.kill('SIGKILL');
        await first.exited;
        const { acked, statuses } = await traffic.stop();
        assert.ok(acked.size > 50, `too little load before the kill: ${JSON.stringify([...statuses])}`);
        const second = await startReceiver(location);
        const stored = await storedIds(second.url);
        second.child.kill('SIGTERM');
        await second.exited;
        assert.deepEqual(missing(acked, stored), []);
      } finally {
        await drop();
      }
    });

    it('should finish the requests in flight, close the store and exit 0 on SIGTERM', async () => {
      const { location, drop } = await scratchLocation(kind);
      try {
        const first = await startReceiver(location);
        const traffic = load(() => first.url);
        await until(() => traffic.result.acked.size >= 100);
        first.child.kill('SIGTERM');
        assert.equal(await first.exited, 0, first.output());
        const { acked, statuses } = await traffic.stop();
        assert.equal(statuses.get(500) ?? 0, 0);
        assert.match(first.output(), /store closed/);
        // The lock file stays (deleting it would let two receivers lock two files); its lock is released.
        if (location.dataDir) assert.equal(spawnSync('flock', ['-x', '-n', join(location.dataDir, 'receiver.lock'), 'true']).status, 0);
        const second = await startReceiver(location);
        const stored = await storedIds(second.url);
        second.child.kill('SIGTERM');
        await second.exited;
        assert.deepEqual(missing(acked, stored), []);
      } finally {
        await drop();
      }
    });
  });
}

/**
 * The command that restarts the throw-away cluster scripts/postgres.mjs started for these tests
 * (TEST_PG_*): never the machine's own PostgreSQL, which may serve other things (issue #20, item 14).
 */
function restartCommand(): [string, string[]] {
  const { TEST_PG_BIN: bin, TEST_PG_DATA: data, TEST_PG_USER: user } = process.env;
  if (!bin || !data) {
    throw new Error('TEST_PG_BIN and TEST_PG_DATA are not set: run the receiver tests with `npm run test:receiver` (scripts/postgres.mjs starts a cluster of their own)');
  }
  // Its log file, not our pipe: a server started by pg_ctl would hold the pipe open, and execFile
  // would wait for it to close.
  const pgCtl: [string, string[]] = [join(bin, 'pg_ctl'), ['-D', data, '-l', join(dirname(data), 'server.log'), 'restart', '-m', 'fast', '-w']];
  return user ? ['runuser', ['-u', user, '--', pgCtl[0], ...pgCtl[1]]] : pgCtl;
}

describe('faults (postgres only)', () => {
  it('should answer 503 while PostgreSQL restarts under load, then recover by itself', async () => {
    const { location, drop } = await scratchDatabase().then(({ url, drop: d }) => ({ location: { databaseUrl: url }, drop: d }));
    const [command, args] = restartCommand();
    try {
      const receiver = await startReceiver(location);
      const traffic = load(() => receiver.url, 8);
      await sleep(500);
      // Restarts the tests' own server. Asynchronous: the load keeps running in this process meanwhile.
      await promisify(execFile)(command, args, { cwd: '/' });
      const restartedAt = Date.now();
      let recovered = false;
      while (!recovered && Date.now() - restartedAt < 20_000) {
        await sleep(200);
        const response = await fetch(`${receiver.url}/receipts`, {
          method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(receipt()),
        });
        recovered = response.status === 202;
      }
      const { acked, statuses } = await traffic.stop();
      const stored = await storedIds(receiver.url);
      receiver.child.kill('SIGTERM');
      await receiver.exited;
      assert.ok(recovered, `no 202 within 20 s of the restart: ${JSON.stringify([...statuses])}`);
      assert.ok((statuses.get(503) ?? 0) > 0, `no 503 seen during the restart: ${JSON.stringify([...statuses])}`);
      assert.deepEqual([...statuses.keys()].filter((s) => s !== 202 && s !== 503), []);
      assert.deepEqual(missing(acked, stored), []);
    } finally {
      await drop();
    }
  });

  it('should store a receipt once when two receivers on one PostgreSQL get it, starting together', async () => {
    const { url, drop } = await scratchDatabase();
    try {
      const [a, b] = await Promise.all([startReceiver({ databaseUrl: url }), startReceiver({ databaseUrl: url })]);
      const bodies = Array.from({ length: 300 }, () => JSON.stringify(receipt()));
      const send = (base: string, body: string) => fetch(`${base}/receipts`, {
        method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body,
      }).then((r) => r.status);
      const statuses = await Promise.all(bodies.flatMap((body) => [send(a.url, body), send(b.url, body)]));
      const exported = await fetch(`${a.url}/export`, { headers: { authorization: 'Bearer test-token-0123456789abcdef' } }).then((r) => r.text());
      for (const receiver of [a, b]) receiver.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      assert.deepEqual(new Set(statuses), new Set([202]));
      assert.equal(exported.trim().split('\n').length, 300);
    } finally {
      await drop();
    }
  });
});
