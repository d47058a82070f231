import { expect, waitUntil } from '@open-wc/testing';
import { context, settle } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('script-tag embed (dist/cid-consent.js)', () => {
  it('should show the French banner on a first visit, and neither run nor fetch any gated script', async () => {
    const { open, tracker, inline } = context();
    const page = await open({ after: tracker('analytics') + inline('marketing') });
    expect(page.bannerOpen()).to.equal(true);
    const banner = page.doc.querySelector('cid-consent-banner')!.shadowRoot!;
    expect(banner.querySelector('h2')!.textContent).to.equal('Vos choix sur les cookies');
    expect(banner.querySelector('a')!.getAttribute('href')).to.equal('/politique');
    await settle();
    expect(page.win.ran).to.equal(undefined);
    expect(await page.requests()).to.deep.equal([]);
  });

  it('should show the banner in English when <html lang="en">, and when data-lang="en"', async () => {
    const { open } = context();
    const english = await open({ lang: 'en' });
    const title = (p: typeof english) => p.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('h2')!.textContent;
    expect(title(english)).to.equal('Your cookie choices');
    const byAttribute = await context().open({ attributes: 'data-policy-url="/p" data-lang="en"' });
    expect(title(byAttribute)).to.equal('Your cookie choices');
  });

  it('should run each granted script once, in document order, after accept-all', async () => {
    const { open, tracker, inline, readCookie } = context();
    const page = await open({
      after: tracker('a', 'analytics') + inline('b', 'marketing') + tracker('c', 'marketing partners') + inline('d', 'analytics'),
    });
    page.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(() => page.win.ran?.length === 4, 'all four gated scripts run');
    expect(page.win.ran).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(page.bannerOpen()).to.equal(false);
    expect(readCookie()).to.match(/^1\|[a-z0-9]+\|[a-z0-9]+\|1\|analytics=1&marketing=1&partners=1$/);

    page.win.CidConsent!.set({ analytics: false });
    page.win.CidConsent!.acceptAll();
    await settle();
    expect(page.win.ran).to.have.length(4);
    expect(await page.requests()).to.deep.equal(['a', 'c']);
  });

  it('should fetch nothing after reject-all, on this page and the next', async () => {
    const { open, tracker, inline, readCookie } = context();
    const page = await open({ after: tracker('analytics') + inline('marketing') });
    page.button('cid-consent-banner', 'reject-all').click();
    expect(page.bannerOpen()).to.equal(false);
    expect(readCookie()).to.match(/\|analytics=0&marketing=0&partners=0$/);
    await page.reload();
    expect(page.bannerOpen()).to.equal(false);
    await settle();
    expect(page.win.ran).to.equal(undefined);
    expect(await page.requests()).to.deep.equal([]);
  });

  it('should run only the purposes saved in the panel, at start-up on the next page', async () => {
    const { open, tracker } = context();
    const page = await open({ after: tracker('analytics') + tracker('marketing') });
    page.button('cid-consent-banner', 'customize').click();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    panel.shadowRoot!.querySelector<HTMLInputElement>('input[name="analytics"]')!.click();
    page.button('cid-consent-preferences', 'save').click();
    await waitUntil(() => page.win.ran?.length === 1);
    await page.reload();
    await waitUntil(() => page.win.ran?.length === 1, 'analytics runs at start-up');
    await settle();
    expect(page.win.ran).to.deep.equal(['analytics']);
    expect(page.bannerOpen()).to.equal(false);
    expect(await page.requests()).to.deep.equal(['analytics', 'analytics']);
  });

  it('should open the panel from any data-cid-consent-open element, by click or keyboard', async () => {
    const { open } = context();
    const page = await open({
      attributes: 'data-policy-url="/p" data-auto-show="false"',
      after: '<a href="#" data-cid-consent-open>Gérer mes cookies</a><span tabindex="0" data-cid-consent-open>Cookies</span>',
    });
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    expect(page.bannerOpen()).to.equal(false);
    page.doc.querySelector<HTMLElement>('a[data-cid-consent-open]')!.click();
    await panel.updateComplete;
    expect(panel.open).to.equal(true);
    expect(page.win.location.hash).to.equal('');
    panel.open = false;
    await panel.updateComplete;
    page.doc.querySelector('span')!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(panel.open).to.equal(true);
  });

  it('should ask again after a revision bump, with the previous choices pre-filled', async () => {
    const { open } = context();
    const first = await open({ attributes: 'data-policy-url="/p" data-revision="1"' });
    first.win.CidConsent!.set({ marketing: true });
    const second = await open({ attributes: 'data-policy-url="/p" data-revision="2"' });
    expect(second.bannerOpen()).to.equal(true);
    expect(second.win.CidConsent!.get()).to.deep.include({ decided: false, revision: 2 });
    second.win.CidConsent!.show();
    const panel = second.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    const checked = [...panel.shadowRoot!.querySelectorAll('input')].filter((i) => i.checked).map((i) => i.name);
    expect(checked).to.deep.equal(['necessary', 'marketing']);
  });

  it('should take window.cidConsentConfig, let data-* override it, and run the queue once ready', async () => {
    const { open } = context();
    const page = await open({
      before: `<script>
        window.cidConsentConfig = { policyUrl: '/from-config', lang: 'en', contactEmail: 'dpo@cid-it.fr' };
        (window.cidConsentQueue = window.cidConsentQueue || []).push((api) => { window.queued = api.get().decided; });
        document.addEventListener('cid-consent-ready', (e) => { window.readyEvents = (window.readyEvents || 0) + 1; });
      </script>`,
      attributes: 'data-policy-url="/from-attribute"',
    });
    const win = page.win as unknown as Record<string, unknown>;
    expect(win.queued).to.equal(false);
    expect(win.readyEvents).to.equal(1);
    const link = page.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('/from-attribute');
    expect(link.textContent).to.equal('Privacy policy');
    let later: unknown;
    (win.cidConsentQueue as unknown[]).push((api: unknown) => (later = api));
    expect(later).to.equal(page.win.CidConsent);
  });

  it('should fire a change event with what was granted and revoked', async () => {
    const { open } = context();
    const page = await open();
    const details: { granted: string[]; revoked: string[] }[] = [];
    page.doc.addEventListener('cid-consent-change', (e) => details.push(e.detail));
    page.button('cid-consent-banner', 'accept-all').click();
    page.win.CidConsent!.reset();
    expect(details.map((d) => [d.granted.length, d.revoked.length])).to.deep.equal([
      [3, 0],
      [0, 3],
    ]);
    expect(page.bannerOpen()).to.equal(true);
  });
});

describe('bad input on a real page', () => {
  it('should name a missing policyUrl and keep the page working', async () => {
    const { open } = context();
    const page = await open({ attributes: '', after: '<script>window.pageScriptRan = true</script>' });
    expect(page.win.logs).to.deep.include('error: [cid-consent] config.policyUrl: expected the URL of the privacy policy (it is required).');
    expect((page.win as unknown as Record<string, unknown>).pageScriptRan).to.equal(true);
    expect(page.bannerOpen()).to.equal(true);
  });

  it('should name a window.cidConsentConfig that is not a plain object, and use the tag’s attributes', async () => {
    const { open } = context();
    const page = await open({ before: `<script>window.cidConsentConfig = 'policyUrl=/p'</script>` });
    expect(page.win.logs).to.deep.equal(['error: [cid-consent] window.cidConsentConfig: expected a plain object.']);
    expect(page.bannerOpen()).to.equal(true);
  });

  it('should warn about an unknown lang and show French', async () => {
    const { open } = context();
    const page = await open({ attributes: 'data-policy-url="/p" data-lang="de"' });
    expect(page.win.logs).to.deep.equal(['warn: [cid-consent] config.lang: "de" is not available, using "fr".']);
    expect(page.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('h2')!.textContent).to.equal(
      'Vos choix sur les cookies',
    );
  });

  it('should name duplicate purpose ids', async () => {
    const { open } = context();
    const page = await open({
      before: `<script>window.cidConsentConfig = { policyUrl: '/p', purposes: [{ id: 'analytics' }, { id: 'analytics' }] }</script>`,
    });
    expect(page.win.logs).to.deep.equal([
      'error: [cid-consent] config.purposes[1].id: expected an id not used before ("analytics" is).',
    ]);
    expect(Object.keys(page.win.CidConsent!.get().purposes)).to.deep.equal(['necessary', 'analytics']);
  });

  it('should silently ask again when the cookie is garbage', async () => {
    const { open, cookie } = context();
    document.cookie = `${cookie}=%E0%A4%A{"__proto__":1}; path=/`;
    const page = await open();
    expect(page.bannerOpen()).to.equal(true);
    expect(page.win.logs).to.deep.equal([]);
    page.button('cid-consent-banner', 'reject-all').click();
    expect(page.win.CidConsent!.get().decided).to.equal(true);
  });
});
