// Issue #21 (CONTRACT §13): a decision a sister site made, taken as this site's own.
import { expect } from '@open-wc/testing';
import { ConsentManager } from '../../src/core/manager.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { decodeRecord, encodeRecord } from '../../src/core/record.js';
import type { ConsentStorage } from '../../src/core/storage.js';
import type { PurposeConfig } from '../../src/core/types.js';
import { spyLogger } from '../helpers.js';

const DAY = 864e5;
const NOW = Date.UTC(2026, 11, 5, 10);
const ANSWERED = NOW - 10 * DAY;
const ACCEPTED = { necessary: true, analytics: true, marketing: true, partners: false };

/** Storage that remembers for how many days each value was written. */
function recordingStorage(initial?: string): ConsentStorage & { days?: number } {
  let value = initial;
  const storage: ConsentStorage & { days?: number } = {
    read: () => value,
    write(next, days) {
      value = next;
      storage.days = days;
      return true;
    },
    remove() {
      value = undefined;
    },
  };
  return storage;
}

function setup({ stored, revision = 2, purposes = DEFAULT_PURPOSES }: { stored?: string; revision?: number; purposes?: PurposeConfig[] } = {}) {
  const spy = spyLogger();
  const storage = recordingStorage(stored);
  const manager = new ConsentManager({ purposes, revision, maxAgeDays: 182, storage, log: spy.log, now: () => NOW, randomId: () => 'ownvisitor1' });
  return { manager, storage, ...spy };
}

describe('ConsentManager.adopt (sister sites)', () => {
  it('should take the sister site\'s consent id, choices and decision time, stored for what remains of its lifetime', () => {
    const { manager, storage } = setup();
    const change = manager.adopt('sister00042', ANSWERED, 2, ACCEPTED);
    expect(change?.state).to.deep.include({ decided: true, id: 'sister00042', updatedAt: new Date(ANSWERED).toISOString(), revision: 2 });
    expect(change?.state.purposes).to.deep.equal(ACCEPTED);
    expect(decodeRecord(storage.read())).to.deep.include({ id: 'sister00042', time: ANSWERED });
    expect(storage.days).to.equal(172);
  });

  it('should keep a decision timed ahead of this clock no longer than its six months, and let the visitor\'s next decision replace it', () => {
    const { manager, storage } = setup();
    // The sister page's clock was a day ahead when the visitor decided there.
    manager.adopt('sister00042', NOW + DAY, 2, ACCEPTED);
    expect(storage.days).to.equal(182);
    manager.decide({ analytics: false, marketing: false, partners: false });
    expect(manager.state.purposes.analytics).to.equal(false);
  });

  it('should keep a decision of its own taken after the sister site\'s', () => {
    const own = encodeRecord({ id: 'ownvisitor1', time: ANSWERED + DAY, revision: 2, choices: { analytics: false, marketing: false, partners: false } });
    const { manager, storage } = setup({ stored: own });
    expect(manager.adopt('sister00042', ANSWERED, 2, ACCEPTED)).to.equal(undefined);
    expect(storage.read()).to.equal(own);
    expect(manager.state.id).to.equal('ownvisitor1');
  });

  it('should replace an older decision of its own', () => {
    const own = encodeRecord({ id: 'ownvisitor1', time: ANSWERED - DAY, revision: 2, choices: { analytics: false, marketing: false, partners: false } });
    const { manager } = setup({ stored: own });
    const change = manager.adopt('sister00042', ANSWERED, 2, ACCEPTED);
    expect(change?.granted).to.deep.equal(['analytics', 'marketing']);
    expect(manager.state.id).to.equal('sister00042');
  });

  it('should not revive a decision reset in this page since', () => {
    const { manager } = setup();
    manager.adopt('sister00042', ANSWERED, 2, ACCEPTED);
    manager.reset();
    expect(manager.adopt('sister00042', ANSWERED, 2, ACCEPTED)).to.equal(undefined);
    expect(manager.state.decided).to.equal(false);
  });

  it('should refuse a decision past its lifetime, and one for an older revision', () => {
    const { manager } = setup();
    expect(manager.adopt('sister00042', NOW - 183 * DAY, 2, ACCEPTED)).to.equal(undefined);
    expect(manager.adopt('sister00042', ANSWERED, 1, ACCEPTED)).to.equal(undefined);
    expect(manager.state.decided).to.equal(false);
  });

  it('should take over grants made from a placeholder alone, which were no answer', () => {
    const { manager } = setup();
    manager.decide({ marketing: true }, true);
    const change = manager.adopt('sister00042', ANSWERED, 2, { analytics: false, marketing: false, partners: false });
    expect(change?.state).to.deep.include({ decided: true, id: 'sister00042' });
    expect(change?.revoked).to.deep.equal(['marketing']);
  });

  it('should ignore, without a warning, a service the sister site has and this one does not', () => {
    const { manager, warnings } = setup();
    manager.adopt('sister00042', ANSWERED, 2, { ...ACCEPTED, youtube: true });
    expect(manager.state.purposes.analytics).to.equal(true);
    expect(warnings).to.deep.equal([]);
  });
});
