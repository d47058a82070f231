// Group commit: batching, acknowledgement after the write, failure, back-pressure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit, QueueFull } from '../src/batcher.js';

function deferred() {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

describe('group commit', () => {
  it('should write the items added in one turn of the event loop together', async () => {
    const writes: number[][] = [];
    const batcher = new GroupCommit<number>(async (items) => {
      writes.push(items);
    });
    await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    assert.deepEqual(writes, [[1, 2, 3]]);
  });

  it('should resolve an item only once the write holding it has finished, and batch the items that came meanwhile', async () => {
    const gates = [deferred(), deferred()];
    const writes: number[][] = [];
    const batcher = new GroupCommit<number>((items) => {
      writes.push(items);
      return gates[writes.length - 1].promise;
    });
    let firstDone = false;
    const first = batcher.add(1).then(() => {
      firstDone = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.add(2), batcher.add(3)];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(firstDone, false);
    gates[0].release();
    await first;
    gates[1].release();
    await Promise.all(later);
    assert.deepEqual(writes, [[1], [2, 3]]);
  });

  it('should reject every item of a failed write', async () => {
    const batcher = new GroupCommit<number>(() => Promise.reject(new Error('store down')));
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
  });

  it('should refuse at once an item over the queue bound while the store hangs', async () => {
    const gate = deferred();
    const batcher = new GroupCommit<number>(() => gate.promise, 500, 1, 16, 2);
    const pending = [batcher.add(1)];
    await new Promise((resolve) => setImmediate(resolve));
    pending.push(batcher.add(2), batcher.add(3));
    await assert.rejects(batcher.add(4), QueueFull);
    gate.release();
    await Promise.all(pending);
  });
});
