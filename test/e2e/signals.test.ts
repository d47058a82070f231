import { expect, waitUntil } from '@open-wc/testing';
import { context, type E2EPage } from './page.js';
import { SERVICES_CONFIG } from './services-config.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type PageWindow = E2EPage['win'] & { dataLayer: unknown[] };

/** The last Consent Mode update and the last GTM push a page sent. */
function lastSignals(page: E2EPage) {
  const entries = [...(page.win as PageWindow).dataLayer];
  const updates = entries.filter((e) => (e as ArrayLike<unknown>)[1] === 'update') as ArrayLike<unknown>[];
  const pushes = entries.filter((e) => (e as { event?: string }).event === 'cid_consent_update') as { cid_consent: object }[];
  return { update: updates[updates.length - 1]?.[2], push: pushes[pushes.length - 1]?.cid_consent };
}

describe('signals to Google and GTM', () => {
  it('should end with the state a cid-consent-ready listener decided', async () => {
    const { open } = context();
    const first = await open();
    first.win.CidConsent!.acceptAll();
    const page = await open({
      attributes: 'data-policy-url="/p" data-google-consent-mode="true"',
      before: `<script>document.addEventListener('cid-consent-ready', () => CidConsent.rejectAll())</script>`,
    });
    expect(page.win.CidConsent!.has('analytics')).to.equal(false);
    expect(lastSignals(page)).to.deep.equal({
      update: { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
      push: { necessary: 'granted', analytics: 'denied', marketing: 'denied', partners: 'denied' },
    });
  });

  it('should end with the state a cid-consent-change listener decided', async () => {
    const { open } = context();
    const page = await open({
      attributes: 'data-policy-url="/p" data-google-consent-mode="true"',
      before: `<script>document.addEventListener('cid-consent-change', (e) => e.detail.state.purposes.marketing && CidConsent.set({ marketing: false }))</script>`,
    });
    page.win.CidConsent!.acceptAll();
    expect(page.win.CidConsent!.get().purposes).to.include({ analytics: true, marketing: false });
    expect(lastSignals(page)).to.deep.equal({
      update: { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
      push: { necessary: 'granted', analytics: 'granted', marketing: 'denied', partners: 'granted' },
    });
  });

  /** Grants what the page's only placeholder asks for, as a visitor's click would. */
  async function grantFromPlaceholder(page: E2EPage) {
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
  }

  it('should send after a reload the signals a placeholder’s grant sent, while the script it allows runs', async () => {
    const { open, inline } = context();
    const page = await open({
      attributes: 'data-policy-url="/p" data-google-consent-mode="true"',
      after: '<iframe title="Vidéo" data-cid-consent="marketing" data-src="/v"></iframe>' + inline('pixel', 'marketing'),
    });
    await grantFromPlaceholder(page);
    const granted = { analytics_storage: 'denied', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' };
    expect(lastSignals(page).update).to.deep.equal(granted);
    await page.reload();
    await waitUntil(() => page.win.ran?.includes('pixel'), 'the marketing script runs after the reload');
    expect(page.win.CidConsent!.get().decided, 'a placeholder’s grant alone is no decision').to.equal(false);
    expect(lastSignals(page).update).to.deep.equal(granted);
  });

  it('should send after a reload the signals of a service granted alone from its placeholder', async () => {
    const { open } = context();
    const page = await open({
      before: SERVICES_CONFIG.replace("policyUrl: '/p'", "policyUrl: '/p', googleConsentMode: true"),
      attributes: '',
      after: '<iframe title="Vidéo" data-cid-consent="youtube" data-src="/v"></iframe>',
    });
    await grantFromPlaceholder(page);
    const signals = lastSignals(page);
    expect(signals.update, 'YouTube alone grants no Google signal').to.deep.include({ ad_storage: 'denied' });
    await page.reload();
    expect(page.win.CidConsent!.has('youtube')).to.equal(true);
    expect(lastSignals(page)).to.deep.equal(signals);
  });
});
