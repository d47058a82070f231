import { expect } from '@open-wc/testing';
import { servicesHash } from '../../src/core/choices.js';
import { ConsentManager } from '../../src/core/manager.js';
import { prefill } from '../../src/core/prefill.js';
import { encodeRecord, type Choice } from '../../src/core/record.js';
import { memoryStorage } from '../../src/core/storage.js';
import type { PurposeConfig } from '../../src/core/types.js';
import { spyLogger } from '../helpers.js';

const NOW = Date.UTC(2026, 10, 26);
const GPC = ['marketing', 'partners'];

/** The demo's purposes at revision 2; `added` services were added to marketing with it. */
const purposes = (added: string[] = []): PurposeConfig[] => [
  { id: 'necessary', required: true },
  { id: 'analytics', services: [{ id: 'ga4', name: 'GA4' }, { id: 'hotjar', name: 'Hotjar' }] },
  { id: 'marketing', services: ['meta', 'youtube', ...added].map((id) => ({ id, name: id })) },
  { id: 'partners' },
];

/** A manager at revision 2 over a record of revision `revision` (1: outdated, asked again). */
function manager(choices: Record<string, Choice> | undefined, { added = [] as string[], revision = 1, partial = false } = {}) {
  const value = choices && encodeRecord({ id: 'visitor0042', time: NOW - 1000, revision, choices, ...(partial ? { partial } : {}) });
  return new ConsentManager({
    purposes: purposes(added),
    revision: 2,
    maxAgeDays: 182,
    storage: memoryStorage(value),
    log: spyLogger().log,
    now: () => NOW,
    randomId: () => 'visitor0001',
  });
}

/** The toggles ticked, by name: purposes, then services. */
function ticked(m: ConsentManager, gpc = false): string[] {
  const values = prefill({ state: m.state, previous: m.previous, layout: m.layout, refusedByGpc: gpc ? GPC : [] });
  return Object.keys(values).filter((id) => values[id]);
}

describe('panel pre-fill', () => {
  it('should pre-tick no service of a purpose an old record granted in full without naming the services shown (0.1, 0.2)', () => {
    // A 0.2 record: `marketing=1`, whatever marketing's services were.
    const m = manager({ analytics: false, marketing: true, partners: true }, { added: ['maps'] });
    expect(ticked(m)).to.deep.equal(['necessary', 'partners']);
  });

  it('should pre-tick the services a record shows were granted, and none added since', () => {
    const full = { only: ['meta', 'youtube'] };
    expect(ticked(manager({ marketing: full })), 'the same services: all shown').to.deep.equal(['necessary', 'marketing', 'meta', 'youtube']);
    expect(ticked(manager({ marketing: full }, { added: ['maps'] })), 'a service added: not shown, not ticked').to.deep.equal([
      'necessary',
      'meta',
      'youtube',
    ]);
    // 0.2 wrote most services granted as "all but these", with a hash of the list shown.
    const most = { except: ['youtube'], of: servicesHash(['meta', 'youtube']) };
    expect(ticked(manager({ marketing: most })), 'a 0.2 list for the same services').to.deep.equal(['necessary', 'meta']);
    expect(ticked(manager({ marketing: most }, { added: ['maps'] })), 'a 0.2 list for other services proves nothing').to.deep.equal(['necessary']);
    expect(ticked(manager({ marketing: { only: ['youtube'] } }, { added: ['maps'] }))).to.deep.equal(['necessary', 'youtube']);
  });

  it('should leave a purpose Global Privacy Control refuses unticked, with all its services, whatever the old record granted', () => {
    const m = manager({ analytics: { only: ['ga4', 'hotjar'] }, marketing: { only: ['meta', 'youtube'] }, partners: true });
    expect(ticked(m, true)).to.deep.equal(['necessary', 'analytics', 'ga4', 'hotjar']);
    expect(ticked(manager({ marketing: { only: ['youtube'] } }), true), 'a service granted alone').to.deep.equal(['necessary']);
  });

  it('should tick what a placeholder granted before any decision, under Global Privacy Control too', () => {
    const m = manager({ marketing: { only: ['youtube'] } }, { revision: 2, partial: true });
    expect(m.state.decided).to.equal(false);
    expect(ticked(m, true)).to.deep.equal(['necessary', 'youtube']);
  });

  it('should show the current choices once decided, whatever Global Privacy Control says', () => {
    const m = manager({ analytics: true, marketing: { only: ['youtube'] }, partners: true }, { revision: 2 });
    expect(m.state.decided).to.equal(true);
    expect(ticked(m, true)).to.deep.equal(['necessary', 'analytics', 'partners', 'ga4', 'hotjar', 'youtube']);
  });

  it('should give every purpose and service a value, before any record too', () => {
    expect(prefill({ state: manager(undefined).state, previous: undefined, layout: manager(undefined).layout, refusedByGpc: [] })).to.deep.equal({
      necessary: true,
      analytics: false,
      marketing: false,
      partners: false,
      ga4: false,
      hotjar: false,
      meta: false,
      youtube: false,
    });
  });
});
