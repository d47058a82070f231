// One receiver per embedded folder (issue #20, item 6): a second receiver on the same DATA_DIR must
// refuse to start, whatever PID namespace it runs in (two containers on one volume, a rolling deploy),
// before it acknowledges anything; a lock left by a receiver that died must not block the next one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ORIGIN, receipt, scratchDataDir } from './helpers.js';
import { startReceiver, storedIds, type Receiver } from './process.js';

/** Another PID namespace, as a second container on the same volume would have (needs root). */
const OTHER_NAMESPACE = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];

/** Fails (never skips) where another PID namespace cannot be made. */
function checkNamespaces(): void {
  const probe = spawnSync(OTHER_NAMESPACE[0], [...OTHER_NAMESPACE.slice(1), 'sh', '-c', 'echo $$'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, `this test needs \`unshare --pid --fork --mount-proc\` (util-linux, as root): ${probe.error?.message ?? probe.stderr}`);
  assert.equal(probe.stdout.trim(), '1', 'unshare did not give the command a PID namespace of its own');
}

/** Posts `n` new receipts, 20 at a time; resolves with the consent ids answered 202. */
async function post(url: string, n: number): Promise<Set<string>> {
  const acked = new Set<string>();
  for (let sent = 0; sent < n; sent += 20) {
    await Promise.all(Array.from({ length: Math.min(20, n - sent) }, async () => {
      const body = receipt();
      const response = await fetch(`${url}/receipts`, {
        method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      if (response.status === 202) acked.add(body.consentId as string);
    }));
  }
  return acked;
}

/**
 * Stops a receiver. Under `unshare --fork` the signal goes to the receiver itself: unshare ignores
 * SIGTERM while it waits for its child (and kills that child when it dies, --kill-child).
 */
async function stop(receiver: Receiver, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const pid = receiver.child.pid as number;
  const inner = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  const wrapped = receiver.child.spawnfile === OTHER_NAMESPACE[0];
  if (wrapped && inner.length === 1) process.kill(inner[0], signal);
  else receiver.child.kill(signal);
  return receiver.exited;
}

/** Starts a receiver expected to refuse; resolves with its output, or with the receiver if it started. */
async function refusal(dataDir: string, prefix: string[] = [], env: Record<string, string> = {}): Promise<string | Receiver> {
  try {
    return await startReceiver({ dataDir }, env, prefix);
  } catch (error) {
    return (error as Error).message;
  }
}

describe('one receiver per embedded folder', () => {
  it('should refuse a second receiver started on the folder from another PID namespace, and lose no acknowledged receipt', async () => {
    checkNamespaces();
    const { dir, drop } = await scratchDataDir();
    try {
      const first = await startReceiver({ dataDir: dir });
      const acked = await post(first.url, 100);
      const second = await refusal(dir, OTHER_NAMESPACE);
      if (typeof second !== 'string') {
        // The bug: it started. Whatever it acknowledges must be kept all the same.
        for (const id of await post(second.url, 200)) acked.add(id);
        await stop(second);
      }
      for (const id of await post(first.url, 100)) acked.add(id);
      assert.equal(await stop(first), 0, first.output());
      assert.equal(acked.size, typeof second === 'string' ? 200 : 400);

      const again = await startReceiver({ dataDir: dir });
      const stored = await storedIds(again.url);
      await stop(again);
      const missing = [...acked].filter((id) => !stored.has(id));
      assert.equal(missing.length, 0, `${missing.length} of ${acked.size} acknowledged receipts missing after a restart`);
      assert.equal(typeof second, 'string', 'the second receiver started on a folder in use');
      assert.match(second as string, /receiver exited with 1:/);
      assert.ok((second as string).includes(`${resolve(dir)} is in use by another receiver`), second as string);
    } finally {
      drop();
    }
  });

  it('should start when receiver.lock names a live process that holds no lock (a pid reused after a crash)', async () => {
    const { dir, drop } = await scratchDataDir();
    try {
      // What an older receiver killed with -9 leaves: its pid, now another live process's (ours).
      writeFileSync(join(dir, 'receiver.lock'), String(process.pid));
      const receiver = await startReceiver({ dataDir: dir });
      assert.equal((await post(receiver.url, 1)).size, 1);
      assert.equal(await stop(receiver), 0);
    } finally {
      drop();
    }
  });

  it('should keep the folder while its receiver is paused, and free it as soon as that receiver is killed', async () => {
    const { dir, drop } = await scratchDataDir();
    try {
      const first = await startReceiver({ dataDir: dir });
      const acked = await post(first.url, 20);
      // A paused process (SIGSTOP, a frozen container, a long GC) still holds the folder: no staleness timer.
      first.child.kill('SIGSTOP');
      const second = await refusal(dir);
      first.child.kill('SIGKILL');
      await first.exited;
      assert.equal(typeof second, 'string', 'a second receiver took the folder of a paused one');
      assert.match(second as string, /is in use by another receiver \(pid \d+ on /);
      const third = await startReceiver({ dataDir: dir });
      const stored = await storedIds(third.url);
      await stop(third);
      assert.deepEqual([...acked].filter((id) => !stored.has(id)), []);
    } finally {
      drop();
    }
  });

  it('should refuse to start, saying what to install, where flock(1) is missing', async () => {
    const { dir, drop } = await scratchDataDir();
    try {
      const outcome = await refusal(dir, [], { PATH: '/nonexistent' });
      if (typeof outcome !== 'string') await stop(outcome);
      assert.equal(typeof outcome, 'string', 'started without a lock');
      assert.match(outcome as string, /receiver exited with 1:.*flock\(1\).*util-linux.*DATABASE_URL/s);
    } finally {
      drop();
    }
  });
});
