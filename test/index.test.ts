import { expect } from '@open-wc/testing';
// The published ES module, as a bundler would import it (built by `npm test` before the tests run).
import { consent, start } from '../dist/index.js';
import { memoryStorage } from '../src/core/storage.js';
import { spyLogger } from './helpers.js';

describe('ES module (dist/index.js)', () => {
  it('should expose the same API as window.CidConsent, live after start()', async () => {
    const { log, warnings } = spyLogger();
    const ready: unknown[] = [];
    consent.on('ready', (state) => ready.push(state));
    expect(consent.get().decided).to.equal(false);

    const api = start({ policyUrl: '/p', lang: 'en' }, { log, storage: memoryStorage() });
    expect(api).to.equal(consent);
    expect(window.CidConsent).to.equal(consent);
    expect(ready).to.have.length(1);
    expect(document.querySelector('cid-consent-banner')!.open).to.equal(true);

    consent.set({ analytics: true });
    expect(consent.has('analytics')).to.equal(true);
    expect(document.querySelector('cid-consent-banner')!.open).to.equal(false);

    start({ policyUrl: '/p' }, { log });
    expect(warnings).to.deep.equal(['[cid-consent] the widget is already running on this page; started once only.']);
    expect(document.querySelectorAll('cid-consent-banner')).to.have.length(1);
  });
});
