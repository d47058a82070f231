import { expect } from '@open-wc/testing';
import { consentModeSignals, pushToDataLayer, startConsentMode } from '../../src/gating/consent-mode.js';
import type { ConsentState } from '../../src/core/types.js';

const state = (purposes: Record<string, boolean>): ConsentState => ({
  decided: true,
  purposes: { necessary: true, analytics: false, marketing: false, partners: false, ...purposes },
  services: {},
  id: 'x',
  updatedAt: null,
  revision: 1,
});

describe('Consent Mode bridge', () => {
  it('should map purposes to Consent Mode v2 signals, partners to none of them (CONTRACT §7, 0.2)', () => {
    expect(consentModeSignals(state({ analytics: true }))).to.deep.equal({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
    expect(consentModeSignals(state({ partners: true }))).to.deep.equal(consentModeSignals(state({})));
    expect(consentModeSignals(state({ marketing: true })).ad_user_data).to.equal('granted');
    expect(consentModeSignals(state({ marketing: true }))).to.include({ ad_storage: 'granted', ad_personalization: 'granted' });
  });

  it('should grant functionality_storage and security_storage by default: they follow necessary', () => {
    const win: { dataLayer?: unknown[] } = {};
    startConsentMode(win);
    expect(Array.from(win.dataLayer![0] as ArrayLike<unknown>)).to.deep.equal([
      'consent',
      'default',
      {
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'denied',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
        wait_for_update: 500,
      },
    ]);
  });

  it('should use the page’s own gtag when it has one', () => {
    const calls: unknown[][] = [];
    const win = { gtag: (...args: unknown[]) => calls.push(args) };
    startConsentMode(win)(state({}));
    expect(calls.map((c) => c.slice(0, 2))).to.deep.equal([
      ['consent', 'default'],
      ['consent', 'update'],
    ]);
  });

  it('should push nothing for GTM when the page has no dataLayer', () => {
    const win: { dataLayer?: unknown[] } = {};
    pushToDataLayer(win, state({}));
    expect(win.dataLayer).to.equal(undefined);
  });
});
