import { expect } from '@open-wc/testing';
import { servicesHash } from '../../src/core/choices.js';
import { ConsentManager } from '../../src/core/manager.js';
import { encodeRecord } from '../../src/core/record.js';
import { memoryStorage, type ConsentStorage } from '../../src/core/storage.js';
import type { PurposeConfig } from '../../src/core/types.js';
import { spyLogger } from '../helpers.js';

const NOW = Date.UTC(2026, 10, 26);

/** CID-IT's demo: two services in analytics, two in marketing (one without an id: not choosable alone). */
const PURPOSES: PurposeConfig[] = [
  { id: 'necessary', required: true },
  { id: 'analytics', services: [{ id: 'ga4', name: 'Google Analytics 4' }, { id: 'hotjar', name: 'Hotjar' }] },
  { id: 'marketing', services: [{ id: 'meta', name: 'Meta pixel' }, { id: 'youtube', name: 'YouTube' }, { name: 'Newsletter' }] },
  { id: 'partners' },
];

function setup({ storage = memoryStorage(), purposes = PURPOSES } = {} as { storage?: ConsentStorage; purposes?: PurposeConfig[] }) {
  const spy = spyLogger();
  const manager = new ConsentManager({
    purposes,
    revision: 1,
    maxAgeDays: 182,
    storage,
    log: spy.log,
    now: () => NOW,
    randomId: () => 'visitor0001',
  });
  return { manager, storage, ...spy };
}

describe('services inside a purpose', () => {
  it('should grant one service alone, leaving its purpose refused', () => {
    const { manager } = setup();
    const change = manager.decide({ youtube: true });
    expect(manager.has('youtube')).to.equal(true);
    expect(manager.has('meta')).to.equal(false);
    expect(manager.has('marketing')).to.equal(false);
    expect(manager.state.services).to.deep.equal({ ga4: false, hotjar: false, meta: false, youtube: true });
    expect(change!.granted).to.deep.equal(['youtube']);
  });

  it('should grant a purpose only when all its services are', () => {
    const { manager } = setup();
    manager.decide({ meta: true, youtube: true });
    expect(manager.has('marketing')).to.equal(true);
    manager.decide({ meta: false });
    expect(manager.has('marketing')).to.equal(false);
    expect(manager.has('youtube')).to.equal(true);
  });

  it('should grant or refuse every service of a purpose chosen as a whole, explicit service choices winning', () => {
    const { manager } = setup();
    manager.decide({ marketing: true, youtube: false });
    expect(manager.state.services).to.include({ meta: true, youtube: false });
    manager.decide({ analytics: true });
    expect(manager.state.services).to.include({ ga4: true, hotjar: true });
    expect(manager.has('analytics')).to.equal(true);
  });

  it('should answer false for an unknown id', () => {
    expect(setup().manager.has('tiktok')).to.equal(false);
  });

  it('should read a 0.1 record: each purpose’s services take the purpose’s value', () => {
    const old = encodeRecord({ id: 'visitor0042', time: NOW, revision: 1, choices: { analytics: true, marketing: false, partners: false } });
    const { manager } = setup({ storage: memoryStorage(old) });
    expect(manager.state.services).to.deep.equal({ ga4: true, hotjar: true, meta: false, youtube: false });
    expect(manager.has('analytics')).to.equal(true);
  });

  it('should read back the services of a purpose granted in part on the next page', () => {
    const storage = memoryStorage();
    setup({ storage }).manager.decide({ analytics: true, youtube: true });
    const next = setup({ storage }).manager;
    expect(next.state.services).to.deep.equal({ ga4: true, hotjar: true, meta: false, youtube: true });
    expect(storage.read()).to.equal(`1|visitor0001|${NOW.toString(36)}|1|analytics=ga4.hotjar&marketing=youtube&partners=0`);
  });

  it('should write a purpose granted in full as the list of its services, which 0.2 reads as the same grant', () => {
    const storage = memoryStorage();
    setup({ storage }).manager.decide({ marketing: true });
    expect(storage.read()).to.match(/\|analytics=0&marketing=meta\.youtube&partners=0$/);
    expect(setup({ storage }).manager.state.services).to.deep.equal({ ga4: false, hotjar: false, meta: true, youtube: true });
    expect(setup({ storage }).manager.has('marketing')).to.equal(true);
  });

  it('should not grant a service added since to a purpose granted in full: the visitor never saw it', () => {
    const storage = memoryStorage();
    setup({ storage }).manager.decide({ marketing: true });
    const more = PURPOSES.map((p) => (p.id === 'marketing' ? { ...p, services: [...p.services!, { id: 'maps', name: 'Maps' }] } : p));
    const next = setup({ storage, purposes: more }).manager;
    expect(next.has('maps')).to.equal(false);
    expect(next.has('marketing')).to.equal(false);
    expect(next.has('youtube')).to.equal(true);
  });

  it('should keep a full grant when the site removes one of the purpose’s services, or reorders them', () => {
    const storage = memoryStorage();
    setup({ storage }).manager.decide({ analytics: true });
    const withServices = (services: string[]) => PURPOSES.map((p) => (p.id === 'analytics' ? { ...p, services: services.map((id) => ({ id, name: id })) } : p));
    const removed = setup({ storage, purposes: withServices(['ga4']) }).manager;
    expect([removed.has('analytics'), removed.has('ga4')]).to.deep.equal([true, true]);
    const reordered = setup({ storage, purposes: withServices(['hotjar', 'ga4']) }).manager;
    expect([reordered.has('analytics'), reordered.has('ga4'), reordered.has('hotjar')]).to.deep.equal([true, true, true]);
  });

  it('should not grant a service added to a purpose after the visitor refused some of its services', () => {
    const storage = memoryStorage();
    const five: PurposeConfig[] = [
      { id: 'necessary', required: true },
      { id: 'marketing', services: ['s1', 's2', 's3', 's4', 's5'].map((id) => ({ id, name: id })) },
    ];
    // Three of five granted: stored as the three granted.
    setup({ storage, purposes: five }).manager.decide({ s1: true, s2: true, s3: true });
    expect(storage.read()).to.match(/marketing=s1\.s2\.s3$/);
    const six = [five[0], { ...five[1], services: [...five[1].services!, { id: 'tiktok', name: 'TikTok' }] }];
    expect(setup({ storage, purposes: six }).manager.has('tiktok')).to.equal(false);
    expect(setup({ storage, purposes: five }).manager.state.services).to.deep.equal({ s1: true, s2: true, s3: true, s4: false, s5: false });
    // 0.2 wrote it as "all but s4 and s5" with a hash of the five: a service added since is not granted by it either.
    const old = memoryStorage(encodeRecord({ id: 'visitor0002', time: NOW, revision: 1, choices: { marketing: { except: ['s4', 's5'], of: servicesHash(['s1', 's2', 's3', 's4', 's5']) } } }));
    expect(setup({ storage: old, purposes: five }).manager.state.services).to.deep.equal({ s1: true, s2: true, s3: true, s4: false, s5: false });
    expect(setup({ storage: old, purposes: six }).manager.has('tiktok')).to.equal(false);
  });

  it('should always grant the services of a required purpose', () => {
    const { manager } = setup({ purposes: [{ id: 'necessary', required: true, services: [{ id: 'stripe', name: 'Stripe' }] }, { id: 'analytics' }] });
    expect(manager.has('stripe')).to.equal(true);
  });

  it('should keep a placeholder’s grant before any decision without counting it as one, also on the next page', () => {
    const storage = memoryStorage();
    const { manager } = setup({ storage });
    manager.decide({ youtube: true }, true);
    expect(manager.state.decided).to.equal(false);
    expect(manager.has('youtube')).to.equal(true);
    const next = setup({ storage }).manager;
    expect(next.state.decided).to.equal(false);
    expect(next.has('youtube')).to.equal(true);
    next.decide({ analytics: false });
    expect(next.state.decided, 'the visitor’s answer is a decision').to.equal(true);
    expect(next.has('youtube'), 'and keeps the placeholder’s grant').to.equal(true);
  });

  it('should cover services in accept-all and reject-all choices', () => {
    const { manager } = setup();
    manager.decide({ analytics: true, marketing: true, partners: true });
    expect(Object.values(manager.state.services)).to.deep.equal([true, true, true, true]);
    manager.decide({ analytics: false, marketing: false, partners: false });
    expect(Object.values(manager.state.services)).to.deep.equal([false, false, false, false]);
  });

  it('should keep a record of 20 purposes with 5 services each under 1.5 KB, whatever is granted', () => {
    const purposes: PurposeConfig[] = Array.from({ length: 20 }, (_, p) => ({
      id: `purpose${p}`,
      services: Array.from({ length: 5 }, (_, s) => ({ id: `service${p}x${s}`, name: `Service ${s}` })),
    }));
    const { manager, storage } = setup({ purposes });
    // The longest case: every service granted, each listed.
    manager.decide(Object.fromEntries(purposes.map((p) => [p.id, true])));
    expect(storage.read()).to.have.length.below(1536);
  });
});
