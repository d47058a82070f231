// Faults: kill -9 under load, SIGTERM, PostgreSQL restarted under load, two receivers on one database.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KINDS, ORIGIN, receipt, scratchDataDir, scratchDatabase } from './helpers.js';
import { load, sleep, startReceiver, storedIds } from './process.js';

async function scratch(kind: (typeof KINDS)[number]) {
  if (kind === 'embedded') {
    const { dir, drop } = await scratchDataDir();
    return { location: { dataDir: dir }, drop: async () => drop() };
  }
  const { url, drop } = await scratchDatabase();
  return { location: { databaseUrl: url }, drop };
}

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
      const { location, drop } = await scratch(kind);
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
      const { location, drop } = await scratch(kind);
      try {
        const first = await startReceiver(location);
        const traffic = load(() => first.url);
        await until(() => traffic.result.acked.size >= 100);
        first.child.kill('SIGTERM');
        assert.equal(await first.exited, 0, first.output());
        const { acked, statuses } = await traffic.stop();
        assert.equal(statuses.get(500) ?? 0, 0);
        assert.match(first.output(), /store closed/);
        if (location.dataDir) assert.equal(existsSync(join(location.dataDir, 'receiver.lock')), false);
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

/** pg_ctlcluster's name of the cluster serving TEST_DATABASE_URL's port. */
function clusterOf(url: string): [string, string] {
  const port = new URL(url).port || '5432';
  const line = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .split('\n').map((l) => l.trim().split(/\s+/)).find((fields) => fields[2] === port);
  if (!line) throw new Error(`no local cluster on port ${port}: this test restarts the machine's PostgreSQL`);
  return [line[0], line[1]];
}

describe('faults (postgres only)', () => {
  it('should answer 503 while PostgreSQL restarts under load, then recover by itself', async () => {
    const { location, drop } = await scratchDatabase().then(({ url, drop: d }) => ({ location: { databaseUrl: url }, drop: d }));
    const [version, name] = clusterOf(location.databaseUrl);
    try {
      const receiver = await startReceiver(location);
      const traffic = load(() => receiver.url, 8);
      await sleep(500);
      // Restarts the machine's server: done in this one test only, and kept short.
      // Asynchronous: the load keeps running in this process meanwhile.
      await promisify(execFile)('pg_ctlcluster', [version, name, 'restart', '-m', 'fast']);
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
