import { expect, waitUntil } from '@open-wc/testing';
import { context, settle, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

/** The demo's marketing purpose: the Meta pixel and the YouTube video, each a service. */
const CONFIG = `<script>window.cidConsentConfig = { policyUrl: '/p', purposes: [
  { id: 'necessary', required: true },
  { id: 'analytics' },
  { id: 'marketing', services: [
    { id: 'meta', name: 'Meta pixel', provider: 'Meta Platforms Ireland' },
    { id: 'youtube', name: 'YouTube', provider: 'Google Ireland' } ] },
  { id: 'partners' } ] }</script>`;

function servicePage() {
  const ctx = context();
  const video = `<iframe title="Vidéo" data-cid-consent="youtube" data-src="/e2e/tracker?run=${ctx.run}&name=video" width="480" height="270"></iframe>`;
  const open = () => ctx.open({ before: CONFIG, attributes: '', after: ctx.tracker('pixel', 'meta') + video });
  return { ...ctx, open };
}

const allow = async (page: E2EPage) => {
  const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
  await placeholder.updateComplete;
  placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
};

describe('services from a placeholder', () => {
  it('should grant exactly the service the iframe names: the video loads, the Meta pixel is never requested', async () => {
    const { open } = servicePage();
    const page = await open();
    await allow(page);
    await waitUntil(async () => (await page.requests()).includes('video'), 'the video loads');
    await settle();
    expect(await page.requests()).to.deep.equal(['video']);
    expect(page.win.CidConsent!.get().services).to.deep.equal({ meta: false, youtube: true });
    expect(page.win.CidConsent!.has('marketing')).to.equal(false);
  });

  it('should keep a grant made before any decision, leave the banner open, and keep both after a reload', async () => {
    const { open } = servicePage();
    const page = await open();
    await allow(page);
    expect(page.bannerOpen()).to.equal(true);
    expect(page.win.CidConsent!.get().decided).to.equal(false);
    await page.reload();
    expect(page.bannerOpen()).to.equal(true);
    expect(page.win.CidConsent!.has('youtube')).to.equal(true);
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
  });

  it('should unload the iframe and bring its placeholder back when its service is revoked', async () => {
    const { open } = servicePage();
    const page = await open();
    page.win.CidConsent!.acceptAll();
    const frame = page.doc.querySelector('iframe')!;
    expect(frame.getAttribute('src')).to.contain('name=video');
    page.win.CidConsent!.set({ youtube: false });
    expect(frame.getAttribute('src')).to.equal('about:blank');
    expect(page.doc.querySelectorAll('cid-consent-placeholder')).to.have.length(1);
    page.win.CidConsent!.set({ youtube: true });
    expect(frame.getAttribute('src')).to.contain('name=video');
    expect(page.doc.querySelectorAll('cid-consent-placeholder')).to.have.length(0);
  });

  it('should tell GTM each service’s state, and grant no Google signal for a service alone', async () => {
    const { open } = servicePage();
    const page = await open();
    const win = page.win as E2EPage['win'] & { dataLayer: unknown[] };
    win.dataLayer = [];
    page.win.CidConsent!.set({ youtube: true });
    expect(win.dataLayer[win.dataLayer.length - 1]).to.deep.include({
      cid_consent: { necessary: 'granted', analytics: 'denied', marketing: 'denied', partners: 'denied' },
      cid_consent_services: { meta: 'denied', youtube: 'granted' },
    });
  });
});
