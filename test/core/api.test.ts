import { expect } from '@open-wc/testing';
import { createRuntime, isRunning, type ConsentView } from '../../src/core/api.js';
import { ConsentManager } from '../../src/core/manager.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { drainQueue } from '../../src/core/queue.js';
import { memoryStorage } from '../../src/core/storage.js';
import type { ConsentChange, ConsentState, PurposeConfig } from '../../src/core/types.js';
import { spyLogger } from '../helpers.js';

function setup(purposes: PurposeConfig[] = DEFAULT_PURPOSES) {
  const target = new EventTarget();
  const runtime = createRuntime(target);
  const calls: string[] = [];
  const view: ConsentView = {
    show: () => calls.push('show'),
    hide: () => calls.push('hide'),
    changed: () => calls.push('changed'),
  };
  const manager = new ConsentManager({
    purposes,
    revision: 1,
    maxAgeDays: 182,
    storage: memoryStorage(),
    log: spyLogger().log,
    now: Date.now,
    randomId: () => 'visitor0001',
  });
  const changes: ConsentChange[] = [];
  target.addEventListener('cid-consent-change', (e) => changes.push((e as CustomEvent<ConsentChange>).detail));
  return { target, runtime, api: runtime.api, manager, view, calls, changes };
}

describe('consent API', () => {
  it('should answer before start: undecided, nothing granted but necessary', () => {
    const { api } = setup();
    expect(api.get()).to.deep.include({ decided: false, id: null });
    expect(api.has('necessary')).to.equal(true);
    expect(api.has('analytics')).to.equal(false);
    expect(() => api.acceptAll()).to.not.throw();
  });

  it('should fire ready once when told, not on attach, and call late ready listeners at once', () => {
    const { runtime, api, manager, view, target } = setup();
    const early: ConsentState[] = [];
    target.addEventListener('cid-consent-ready', (e) => early.push((e as CustomEvent).detail));
    runtime.attach(manager, view);
    expect(early).to.have.length(0);
    runtime.ready();
    const late: ConsentState[] = [];
    api.on('ready', (state) => late.push(state));
    expect(early).to.have.length(1);
    expect(late).to.deep.equal(early);
  });

  it('should grant every optional purpose on acceptAll and refuse them on rejectAll', () => {
    const { runtime, api, manager, view, changes, calls } = setup();
    runtime.attach(manager, view);
    api.acceptAll();
    expect(changes[0].granted).to.deep.equal(['analytics', 'marketing', 'partners']);
    api.rejectAll();
    expect(changes[1].revoked).to.deep.equal(['analytics', 'marketing', 'partners']);
    expect(api.get().decided).to.equal(true);
    expect(calls).to.deep.equal(['changed', 'changed']);
  });

  it('should list each purpose and service with its cookie patterns and declared lifetimes in inventory(), empty before attach', () => {
    const { runtime, api, view, manager } = setup([
      { id: 'necessary', required: true },
      {
        id: 'analytics',
        cookies: [{ name: '_ga', lifetime: '13 mois' }, '/^_ga_/'],
        services: [{ id: 'ga4', name: 'GA4', cookies: ['_gid', { name: '_gat', lifetime: 'session' }, { name: '/^_gcl/', lifetime: { days: 90 } }] }],
      },
    ]);
    expect(api.inventory()).to.deep.equal([]);
    runtime.attach(manager, view);
    expect(api.inventory()).to.deep.equal([
      { id: 'necessary', required: true, cookies: [], lifetimes: {}, services: [] },
      {
        id: 'analytics',
        required: false,
        cookies: ['_ga', '/^_ga_/'],
        lifetimes: { _ga: 395.6875 },
        services: [{ id: 'ga4', name: 'GA4', provider: undefined, cookies: ['_gid', '_gat', '/^_gcl/'], lifetimes: { _gat: 0, '/^_gcl/': 90 } }],
      },
    ]);
  });

  it('should let attach narrow what accept-all grants', () => {
    const { runtime, api, manager, view } = setup();
    runtime.attach(manager, view, ['marketing', 'partners']);
    api.acceptAll();
    expect(api.get().purposes).to.include({ analytics: true, marketing: false });
  });

  it('should give on() listeners the event detail, and stop after unsubscribe', () => {
    const { runtime, api, manager, view } = setup();
    runtime.attach(manager, view);
    const seen: string[][] = [];
    const off = api.on('change', (change) => seen.push(change.granted));
    api.set({ analytics: true });
    off();
    api.set({ marketing: true });
    expect(seen).to.deep.equal([['analytics']]);
  });

  it('should resolve whenGranted when the purpose is granted, and at once when it already is', async () => {
    const { runtime, api, manager, view } = setup();
    runtime.attach(manager, view);
    let resolved = false;
    const waiting = api.whenGranted('marketing').then(() => (resolved = true));
    api.set({ analytics: true });
    await Promise.resolve();
    expect(resolved).to.equal(false);
    api.set({ marketing: true });
    await waiting;
    await api.whenGranted('marketing');
  });

  it('should keep a bounded number of listeners however often whenGranted is called for a purpose never granted', () => {
    const { runtime, api, manager, view, target } = setup();
    let listening = 0;
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    target.addEventListener = (...args: Parameters<EventTarget['addEventListener']>) => {
      listening++;
      add(...args);
    };
    target.removeEventListener = (...args: Parameters<EventTarget['removeEventListener']>) => {
      listening--;
      remove(...args);
    };
    runtime.attach(manager, view);
    // A single-page app asking on every route change.
    for (let route = 0; route < 100; route++) void api.whenGranted('marketing');
    expect(listening).to.be.at.most(2);
  });

  it('should resolve every pending whenGranted of a purpose once it is granted', async () => {
    const { runtime, api, manager, view } = setup();
    runtime.attach(manager, view);
    const waits = [api.whenGranted('analytics'), api.whenGranted('analytics'), api.whenGranted('marketing')];
    api.set({ analytics: true, marketing: true });
    await Promise.all(waits);
  });

  it('should tell a change decided while another is being told right after it, in order', () => {
    const { runtime, api, manager, target } = setup();
    const told: string[] = [];
    const view: ConsentView = {
      show: () => {},
      hide: () => {},
      changed: (change) => {
        told.push(`view ${change.granted.join()}${change.revoked.join()}`);
        // A gated script run by this change decides at once.
        if (change.granted.includes('marketing')) api.set({ marketing: false });
      },
    };
    target.addEventListener('cid-consent-change', (e) => told.push(`event ${(e as CustomEvent<ConsentChange>).detail.state.purposes.marketing}`));
    runtime.attach(manager, view);
    api.set({ marketing: true });
    expect(told).to.deep.equal(['view marketing', 'event true', 'view marketing', 'event false']);
  });

  it('should tell the view of the same choice confirmed again (a decision: its receipt, its date) but fire no change event', () => {
    const { runtime, api, manager, view, changes, calls } = setup();
    runtime.attach(manager, view);
    api.acceptAll();
    api.acceptAll();
    api.set({ analytics: true });
    expect(changes).to.have.length(1);
    expect(calls).to.deep.equal(['changed', 'changed', 'changed']);
  });

  it('should forget everything on reset', () => {
    const { runtime, api, manager, view, changes } = setup();
    runtime.attach(manager, view);
    api.acceptAll();
    api.reset();
    expect(api.get().decided).to.equal(false);
    expect(changes[1].revoked).to.have.length(3);
  });

  it('should open and close the panel through the view', () => {
    const { runtime, api, manager, view, calls } = setup();
    runtime.attach(manager, view);
    api.show();
    api.hide();
    expect(calls).to.deep.equal(['show', 'hide']);
  });
});

describe('cidConsentQueue', () => {
  it('should report a callback that throws something unprintable, and run the next one', () => {
    const { api } = setup();
    const { log, errors } = spyLogger();
    const ran: string[] = [];
    const host = {
      cidConsentQueue: [
        () => {
          throw { toString: 0 };
        },
        () => ran.push('next'),
      ],
    };
    drainQueue(host, api, log);
    expect(ran).to.deep.equal(['next']);
    expect(errors).to.deep.equal(['[cid-consent] a cidConsentQueue callback threw: an object that cannot be printed']);
  });

  it('should call queued functions with the API, then call later pushes at once', () => {
    const { api } = setup();
    const { log, errors } = spyLogger();
    const order: string[] = [];
    const host: { cidConsentQueue?: unknown } = {
      cidConsentQueue: [
        (a: unknown) => order.push(a === api ? 'first' : 'wrong'),
        () => {
          throw new Error('site bug');
        },
        'not a function',
        () => order.push('third'),
      ],
    };
    drainQueue(host, api, log);
    (host.cidConsentQueue as unknown[]).push(() => order.push('later'));
    expect(order).to.deep.equal(['first', 'third', 'later']);
    expect(errors).to.deep.equal([
      '[cid-consent] a cidConsentQueue callback threw: Error: site bug',
      '[cid-consent] cidConsentQueue: expected functions, got string.',
    ]);
  });
});

describe('isRunning', () => {
  it('should recognise a started API from any copy of the code, and nothing else', () => {
    const { runtime, api, manager, view } = setup();
    expect(isRunning(api)).to.equal(false);
    runtime.attach(manager, view);
    expect(isRunning(api)).to.equal(true);
    expect(isRunning({})).to.equal(false);
    expect(isRunning(undefined)).to.equal(false);
  });
});
