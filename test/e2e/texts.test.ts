/** The texts the visitor reads follow the configuration (issue #9, item 16), on the built bundle. */
import { expect } from '@open-wc/testing';
import { context } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('texts that follow the configuration', () => {
  it('should say the configured cookie lifetime in the panel, not a fixed "six months"', async () => {
    const page = await context().open({
      before: `<script>window.cidConsentConfig = { cookie: { maxAgeDays: 30 } }</script>`,
    });
    page.win.CidConsent!.show();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part="text"]')!.textContent).to.contain('conservé 1\u00a0mois.');
  });

  it('should warn on the first layer that, under GPC, "accept all" leaves marketing and partners refused', async () => {
    const gpc = `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })</script>`;
    const page = await context().open({ before: gpc });
    const banner = page.doc.querySelector('cid-consent-banner')!;
    await banner.updateComplete;
    expect(banner.shadowRoot!.querySelector('[part="gpc"]')!.textContent).to.contain('Global Privacy Control');

    const without = await context().open();
    expect(without.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('[part="gpc"]')).to.equal(null);
  });
});
