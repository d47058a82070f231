import { expect } from '@open-wc/testing';
import { ConsentManager, randomId } from '../../src/core/manager.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { decodeRecord, encodeRecord } from '../../src/core/record.js';
import { memoryStorage, type ConsentStorage } from '../../src/core/storage.js';
import { spyLogger } from '../helpers.js';

const DAY = 864e5;
const NOW = Date.UTC(2026, 10, 26);

function setup({ stored, revision = 1, storage = memoryStorage(stored), now = () => NOW } = {} as {
  stored?: string;
  revision?: number;
  storage?: ConsentStorage;
  now?: () => number;
}) {
  const spy = spyLogger();
  const manager = new ConsentManager({
    purposes: DEFAULT_PURPOSES,
    revision,
    maxAgeDays: 182,
    storage,
    log: spy.log,
    now,
    randomId: () => 'visitor0001',
  });
  return { manager, storage, ...spy };
}

const stored = (choices: Record<string, boolean>, { revision = 1, time = NOW - DAY } = {}) =>
  encodeRecord({ id: 'visitor0042', time, revision, choices });

describe('ConsentManager', () => {
  it('should start undecided with only necessary granted', () => {
    const { manager } = setup();
    expect(manager.state).to.deep.equal({
      decided: false,
      purposes: { necessary: true, analytics: false, marketing: false, partners: false },
      services: {},
      id: null,
      updatedAt: null,
      revision: 1,
    });
  });

  it('should restore a valid stored decision', () => {
    const { manager } = setup({ stored: stored({ analytics: true, marketing: false, partners: false }) });
    expect(manager.state).to.deep.include({ decided: true, id: 'visitor0042', updatedAt: new Date(NOW - DAY).toISOString() });
    expect(manager.state.purposes).to.deep.equal({ necessary: true, analytics: true, marketing: false, partners: false });
  });

  it('should write the decision to storage before returning the change', () => {
    const { manager, storage } = setup();
    const change = manager.decide({ analytics: true });
    expect(storage.read()).to.equal('1|visitor0001|' + NOW.toString(36) + '|1|analytics=1&marketing=0&partners=0');
    expect(change).to.deep.include({ granted: ['analytics'], revoked: [], stored: true });
    expect(change!.previous.decided).to.equal(false);
    expect(change!.state.decided).to.equal(true);
  });

  it('should keep unlisted purposes when deciding for some', () => {
    const { manager } = setup({ stored: stored({ analytics: true, marketing: true, partners: false }) });
    const change = manager.decide({ marketing: false, partners: true });
    expect(change!.state.purposes).to.deep.equal({ necessary: true, analytics: true, marketing: false, partners: true });
    expect(change).to.deep.include({ granted: ['partners'], revoked: ['marketing'] });
  });

  it('should never let necessary be refused', () => {
    const { manager } = setup();
    expect(manager.decide({ necessary: false })!.state.purposes.necessary).to.equal(true);
  });

  it('should renew the record when the same choice is confirmed, and report a change that grants and revokes nothing', () => {
    const { manager, storage } = setup({ stored: stored({ analytics: true }) });
    const change = manager.decide({ analytics: true });
    expect(change).to.deep.include({ granted: [], revoked: [], stored: true });
    expect(change!.state.updatedAt, 'a new decision time').to.equal(new Date(NOW).toISOString());
    expect(change!.previous.updatedAt).to.equal(new Date(NOW - DAY).toISOString());
    expect(storage.read(), 'the cookie renewed').to.equal(`1|visitor0042|${NOW.toString(36)}|1|analytics=1&marketing=0&partners=0`);
  });

  it('should report a renewal another tab sent, and nothing when storage holds the same record', () => {
    const { manager } = setup({ stored: stored({ analytics: true }) });
    const renewed = stored({ analytics: true }, { time: NOW });
    expect(manager.receive({ value: renewed, at: NOW })).to.deep.include({ granted: [], revoked: [] });
    expect(manager.state.updatedAt).to.equal(new Date(NOW).toISOString());
    expect(manager.reload()).to.equal(undefined);
  });

  it('should report nothing for a reset when nothing was stored', () => {
    expect(setup().manager.reset()).to.equal(undefined);
  });

  it('should count a refusal of everything as a decision', () => {
    const { manager } = setup();
    const change = manager.decide({ analytics: false, marketing: false, partners: false });
    expect(change).to.deep.include({ granted: [], revoked: [] });
    expect(change!.state.decided).to.equal(true);
  });

  it('should warn about unknown purposes and non-boolean choices, and ignore them', () => {
    const { manager, warnings } = setup();
    manager.decide({ ads: true, analytics: 'yes' as unknown as boolean });
    expect(manager.state.purposes).to.not.have.property('ads');
    expect(manager.state.purposes.analytics).to.equal(false);
    expect(warnings).to.deep.equal([
      '[cid-consent] "ads" is not a configured purpose or service; ignored.',
      '[cid-consent] the choice for "analytics" must be true or false; ignored.',
    ]);
  });

  it('should not take "constructor" or "__proto__" for purposes', () => {
    const { manager, storage, warnings } = setup();
    manager.decide(JSON.parse('{"constructor": true, "__proto__": true, "analytics": true}'));
    expect(storage.read()).to.match(/\|analytics=1&marketing=0&partners=0$/);
    expect(warnings).to.have.length(2);
  });

  it('should ask again after a new revision, keeping the old choices to pre-fill the panel', () => {
    const { manager } = setup({ revision: 3, stored: stored({ analytics: true }, { revision: 2 }) });
    expect(manager.state.decided).to.equal(false);
    expect(manager.state.purposes.analytics).to.equal(false);
    expect({ ...manager.previous }).to.deep.equal({ analytics: true });
  });

  it('should ask again once the decision is older than maxAgeDays', () => {
    expect(setup({ stored: stored({ analytics: true }, { time: NOW - 182 * DAY }) }).manager.state.decided).to.equal(true);
    expect(setup({ stored: stored({ analytics: true }, { time: NOW - 183 * DAY }) }).manager.state.decided).to.equal(false);
  });

  it('should treat a garbage cookie as no decision, silently', () => {
    const { manager, errors, warnings } = setup({ stored: '%E0%A4%A|<script>' });
    expect(manager.state.decided).to.equal(false);
    expect([...errors, ...warnings]).to.be.empty;
  });

  it('should keep the decision for the page and warn once when storage refuses it', () => {
    const refusing: ConsentStorage = { read: () => undefined, write: () => false, remove: () => {} };
    const { manager, warnings } = setup({ storage: refusing });
    expect(manager.decide({ analytics: true })).to.deep.include({ stored: false });
    manager.decide({ marketing: true });
    expect(manager.state.purposes).to.include({ analytics: true, marketing: true });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('did not keep the consent cookie');
  });

  it('should survive a storage that throws', () => {
    const throwing: ConsentStorage = {
      read: () => {
        throw new DOMException('sandboxed', 'SecurityError');
      },
      write: () => {
        throw new Error('no');
      },
      remove: () => {
        throw new Error('no');
      },
    };
    const { manager } = setup({ storage: throwing });
    expect(manager.decide({ analytics: true })!.stored).to.equal(false);
    expect(manager.reset()!.revoked).to.deep.equal(['analytics']);
  });

  it('should forget the decision on reset and revoke what was granted', () => {
    const { manager, storage } = setup({ stored: stored({ analytics: true, partners: true }) });
    const change = manager.reset();
    expect(storage.read()).to.equal(undefined);
    expect(change).to.deep.include({ granted: [], revoked: ['analytics', 'partners'] });
    expect(manager.state.decided).to.equal(false);
  });

  it('should take a later decision another tab sent, or read storage when it sent nothing', () => {
    const { manager, storage } = setup();
    const sent = stored({ analytics: true, marketing: false, partners: false });
    expect(manager.receive({ value: sent, at: NOW - DAY })).to.deep.include({ granted: ['analytics'] });
    expect(manager.value).to.equal(sent);
    expect(manager.receive({ value: sent, at: NOW - DAY })).to.equal(undefined);
    storage.write(stored({ partners: true }, { time: NOW - 1000 }), 182);
    expect(manager.reload()).to.deep.include({ granted: ['partners'], revoked: ['analytics'] });
  });

  it('should keep its own decision against an earlier one another tab sent, and store its own again', () => {
    const { manager, storage } = setup();
    manager.decide({ analytics: true });
    const mine = storage.read();
    const earlier = stored({ analytics: false }, { time: NOW - 1 });
    // The other tab's cookie write came last.
    storage.write(earlier, 182);
    expect(manager.receive({ value: earlier, at: NOW - 1 })).to.equal(undefined);
    expect(manager.has('analytics')).to.equal(true);
    expect(storage.read()).to.equal(mine);
  });

  it('should break a tie between two decisions of the same millisecond the same way on both sides', () => {
    const a = stored({ analytics: true }, { time: NOW });
    const b = stored({ analytics: false }, { time: NOW });
    const one = setup({ stored: a }).manager;
    const other = setup({ stored: b }).manager;
    one.receive({ value: b, at: NOW });
    other.receive({ value: a, at: NOW });
    expect(one.value).to.equal(other.value);
  });

  it('should forget a decision another tab later forgot, and ignore what is not a valid record', () => {
    const { manager } = setup({ stored: stored({ analytics: true }) });
    expect(manager.receive({ value: 'garbage', at: NOW })).to.equal(undefined);
    expect(manager.receive({ value: null, at: NOW })!.revoked).to.deep.equal(['analytics']);
    expect(manager.value).to.equal(null);
    expect(manager.receive({ value: null, at: NOW + 1 })).to.equal(undefined);
  });

  it('should not take a decision made for an older revision of the configuration, and store its own again', () => {
    const { manager, storage } = setup({ revision: 2, stored: stored({ analytics: true }, { revision: 2 }) });
    const mine = storage.read();
    const older = stored({ analytics: false }, { revision: 1, time: NOW });
    storage.write(older, 182);
    expect(manager.receive({ value: older, at: NOW })).to.equal(undefined);
    expect(manager.has('analytics')).to.equal(true);
    expect(storage.read()).to.equal(mine);
  });

  it('should not take from storage a decision older than its own when shown again', () => {
    const { manager, storage } = setup();
    manager.decide({ analytics: true });
    const mine = storage.read();
    // Another renderer's cookie jar lags behind the message this tab took.
    storage.write(stored({ analytics: false }, { time: NOW - 5000 }), 182);
    expect(manager.reload()).to.equal(undefined);
    expect(manager.has('analytics')).to.equal(true);
    expect(storage.read()).to.equal(mine);
  });

  it('should give two decisions of the same millisecond two decision times', () => {
    const { manager } = setup();
    manager.decide({ analytics: true });
    const first = manager.state.updatedAt;
    manager.decide({ analytics: false });
    expect(manager.state.updatedAt).to.not.equal(first);
  });

  it('should give three decisions of the same millisecond three increasing decision times', () => {
    const { manager } = setup();
    const times = [true, false, true].map((analytics) => manager.decide({ analytics })!.state.updatedAt);
    expect(times).to.deep.equal([NOW, NOW + 1, NOW + 2].map((t) => new Date(t).toISOString()));
  });

  it('should not pin later decisions to a stored decision time in the future (a clock that ran ahead)', () => {
    const { manager } = setup({ stored: stored({ analytics: true }, { time: NOW + DAY }) });
    expect(manager.decide({ analytics: false })!.state.updatedAt).to.equal(new Date(NOW).toISOString());
    expect(manager.decide({ analytics: true })!.state.updatedAt).to.equal(new Date(NOW + 1).toISOString());
  });

  it('should take a decision of now from another tab or from storage over one stored by a clock that ran ahead', () => {
    const ahead = stored({ analytics: true }, { time: NOW + DAY });
    const now = stored({ analytics: false }, { time: NOW });
    const tab = setup({ stored: ahead }).manager;
    expect(tab.receive({ value: now, at: NOW })).to.deep.include({ revoked: ['analytics'] });
    const shown = setup({ stored: ahead });
    shown.storage.write(now, 182);
    expect(shown.manager.reload()).to.deep.include({ revoked: ['analytics'] });
    expect(shown.storage.read(), 'not written over with the one ahead').to.equal(now);
  });

  it('should keep the order of two decisions as the clock moves past one stored a few minutes ahead', () => {
    const ahead = stored({ analytics: true }, { time: NOW + 2 * 60_000 });
    let now = NOW;
    const clock = () => now;
    const active = setup({ stored: ahead, now: clock });
    const stale = setup({ stored: ahead, now: clock, storage: active.storage });
    // Within the receiver's 5 minutes: the withdrawal is dated after the acceptance, so that it stays the one in force.
    expect(active.manager.decide({ analytics: false })!.state.updatedAt).to.equal(new Date(NOW + 2 * 60_000 + 1).toISOString());
    now = NOW + 3 * 60_000;
    expect(stale.manager.reload(), 'the stale tab takes the withdrawal').to.deep.include({ revoked: ['analytics'] });
    expect(stale.manager.has('analytics')).to.equal(false);
    expect(decodeRecord(active.storage.read())!.choices.analytics, 'not written over with the acceptance').to.equal(false);
  });

  it('should still order decisions against one stored a little ahead (a burst of decisions, a clock a little off)', () => {
    const { manager } = setup({ stored: stored({ analytics: true }, { time: NOW + 5000 }) });
    expect(manager.decide({ analytics: false })!.state.updatedAt).to.equal(new Date(NOW + 5001).toISOString());
    expect(manager.receive({ value: stored({ analytics: true }, { time: NOW }), at: NOW })).to.equal(undefined);
  });

  it('should keep its own choice when its cookie could not be stored', () => {
    const refusing: ConsentStorage = { read: () => undefined, write: () => false, remove: () => {} };
    const { manager } = setup({ storage: refusing });
    manager.decide({ analytics: true });
    expect(manager.receive({ value: null, at: NOW + 1 })).to.equal(undefined);
    expect(manager.reload()).to.equal(undefined);
    expect(manager.has('analytics')).to.equal(true);
  });

  it('should make random ids of letters and digits', () => {
    const ids = new Set(Array.from({ length: 50 }, randomId));
    expect(ids.size).to.equal(50);
    for (const id of ids) expect(id).to.match(/^[a-z0-9]{14}$/);
  });
});
