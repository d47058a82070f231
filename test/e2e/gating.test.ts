import { expect, waitUntil } from '@open-wc/testing';
import { context, settle } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type PageWindow = Window & Record<string, unknown>;

describe('gated iframes', () => {
  it('should not request the frame before consent, and show a placeholder of the same size', async () => {
    const { open, run } = context();
    const page = await open({
      after: `<iframe data-cid-consent="marketing" data-src="/e2e/tracker?run=${run}&name=video" width="480" height="270"></iframe>`,
    });
    const frame = page.doc.querySelector('iframe')!;
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    const size = (e: Element) => [Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)];
    const placeholderSize = size(placeholder);
    expect(placeholder.shadowRoot!.textContent).to.contain('Prospection commerciale');
    expect(frame.getBoundingClientRect().height).to.equal(0);
    await settle();
    expect(await page.requests()).to.deep.equal([]);

    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    expect(page.win.CidConsent!.get().purposes).to.include({ marketing: true, analytics: false, partners: false });
    await waitUntil(async () => (await page.requests()).length === 1, 'the frame loads once granted');
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
    // The frame's border box (480×270 plus the default 2px border): the page does not move.
    expect(size(frame)).to.deep.equal(placeholderSize);
    expect(placeholderSize).to.deep.equal([484, 274]);
  });

  it('should open the panel from the placeholder', async () => {
    const { open } = context();
    const page = await open({ after: `<iframe data-cid-consent="analytics" data-src="/nothing"></iframe>` });
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="customize"]')!.click();
    expect(page.doc.querySelector('cid-consent-preferences')!.open).to.equal(true);
  });
});

describe('content inserted after start-up', () => {
  it('should run a late script once after consent, and never fetch it after refusal', async () => {
    const refused = context();
    const page = await refused.open();
    page.button('cid-consent-banner', 'reject-all').click();
    page.doc.body.insertAdjacentHTML('beforeend', refused.tracker('late', 'analytics'));
    await settle();
    expect(await page.requests()).to.deep.equal([]);

    const accepted = context();
    const other = await accepted.open();
    const holder = other.doc.createElement('div');
    holder.innerHTML = accepted.tracker('late', 'analytics');
    // innerHTML scripts never run; a tag manager appends real elements:
    const script = other.doc.createElement('script');
    script.type = 'text/plain';
    script.dataset.cidConsent = 'analytics';
    script.src = holder.querySelector('script')!.src;
    other.doc.body.append(script);
    await settle();
    expect(await other.requests()).to.deep.equal([]);
    other.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(() => other.win.ran?.length === 1);
    other.win.CidConsent!.set({ marketing: true });
    await settle();
    expect(await other.requests()).to.deep.equal(['late']);
  });

  it('should run a late script at once when its purpose is already granted', async () => {
    const { open } = context();
    const page = await open();
    page.win.CidConsent!.acceptAll();
    const script = page.doc.createElement('script');
    script.type = 'text/plain';
    script.dataset.cidConsent = 'partners';
    script.text = 'window.ran = ["late inline"]';
    page.doc.body.append(script);
    await waitUntil(() => page.win.ran?.length === 1);
  });

  it('should run gated markup that an activated script inserts on the spot', async () => {
    const { open } = context();
    const page = await open({
      after: `<script type="text/plain" data-cid-consent="analytics">
        window.ran = ['loader'];
        const tag = document.createElement('script');
        tag.type = 'text/plain';
        tag.dataset.cidConsent = 'analytics';
        tag.text = 'window.ran.push("loaded by the loader")';
        document.body.append(tag);
      </script>`,
    });
    page.win.CidConsent!.acceptAll();
    await waitUntil(() => page.win.ran?.length === 2, 'the inserted tag runs too');
    expect(page.win.ran).to.deep.equal(['loader', 'loaded by the loader']);
  });
});

describe('cookie clean-up on revoke', () => {
  it('should delete _ga and _ga_XYZ when analytics is revoked, and keep other cookies', async () => {
    const { open } = context();
    const page = await open({
      before: `<script>window.cidConsentConfig = { policyUrl: '/p', purposes: [{ id: 'analytics', cookies: ['_ga', '/^_ga_/'] }] }</script>`,
    });
    page.win.CidConsent!.acceptAll();
    page.doc.cookie = '_ga=GA1.1.1; path=/';
    page.doc.cookie = '_ga_XYZ=GS1.1.1; path=/';
    page.doc.cookie = 'cart=3; path=/';
    page.win.CidConsent!.set({ analytics: false });
    const names = page.doc.cookie.split('; ').map((c) => c.split('=')[0]);
    expect(names).to.not.include.members(['_ga', '_ga_XYZ']);
    expect(names).to.include('cart');
    page.doc.cookie = 'cart=; Max-Age=0; path=/';
  });

  it('should reload the page after a revoke when reloadOnRevoke is set', async () => {
    const { open } = context();
    const page = await open({ attributes: 'data-policy-url="/p" data-reload-on-revoke="true"' });
    page.win.CidConsent!.acceptAll();
    (page.win as PageWindow).marker = 1;
    const reloaded = new Promise((resolve) => page.frame.addEventListener('load', resolve, { once: true }));
    page.win.CidConsent!.set({ analytics: false });
    await reloaded;
    expect((page.win as PageWindow).marker).to.equal(undefined);
  });
});

describe('Google Consent Mode v2 and Google Tag Manager', () => {
  it('should send the default before any gated script runs, then an update after acceptance', async () => {
    const { open } = context();
    const page = await open({
      attributes: 'data-policy-url="/p" data-google-consent-mode="true"',
      after: `<script type="text/plain" data-cid-consent="analytics">window.seenByTag = dataLayer.map((e) => e[0] === 'consent' ? e[1] : e.event)</script>`,
    });
    const win = page.win as PageWindow;
    const dataLayer = win.dataLayer as unknown[][];
    expect([...dataLayer[0]]).to.deep.equal([
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
    expect(typeof win.gtag).to.equal('function');
    page.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(() => win.seenByTag);
    expect(win.seenByTag).to.deep.equal(['default', 'cid_consent_update', 'update', 'cid_consent_update']);
    expect([...dataLayer[2]]).to.deep.equal([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
    ]);
  });

  it('should grant no Google signal for partners alone, and send the stored state at start-up', async () => {
    const { open } = context();
    const first = await open({ attributes: 'data-policy-url="/p" data-google-consent-mode="true"' });
    first.win.CidConsent!.set({ partners: true });
    const page = await open({ attributes: 'data-policy-url="/p" data-google-consent-mode="true"' });
    const dataLayer = (page.win as PageWindow).dataLayer as unknown[][];
    expect([...dataLayer[1]]).to.deep.equal([
      'consent',
      'update',
      { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
  });

  it('should push the ready state and each change for GTM when the page has a dataLayer', async () => {
    const { open } = context();
    const page = await open({ before: '<script>window.dataLayer = []</script>' });
    page.win.CidConsent!.set({ analytics: true });
    expect((page.win as PageWindow).dataLayer).to.deep.equal([
      {
        event: 'cid_consent_update',
        cid_consent: { necessary: 'granted', analytics: 'denied', marketing: 'denied', partners: 'denied' },
        cid_consent_services: {},
      },
      {
        event: 'cid_consent_update',
        cid_consent: { necessary: 'granted', analytics: 'granted', marketing: 'denied', partners: 'denied' },
        cid_consent_services: {},
      },
    ]);
  });
});

describe('Global Privacy Control', () => {
  const GPC = `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })</script>`;

  it('should keep marketing and partners off after accept-all, and say so in the panel', async () => {
    const { open } = context();
    const page = await open({ before: GPC });
    page.button('cid-consent-banner', 'accept-all').click();
    expect(page.win.CidConsent!.get().purposes).to.deep.equal({
      necessary: true,
      analytics: true,
      marketing: false,
      partners: false,
    });
    page.win.CidConsent!.show();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part="gpc"]')!.textContent).to.contain('Global Privacy Control');
    page.win.CidConsent!.set({ marketing: true });
    expect(page.win.CidConsent!.has('marketing')).to.equal(true);
  });

  it('should warn about nothing on accept-all when the site has no partners purpose', async () => {
    const { open } = context();
    const page = await open({
      before: GPC + `<script>window.cidConsentConfig = { policyUrl: '/p', purposes: [{ id: 'analytics' }, { id: 'marketing' }] }</script>`,
      attributes: '',
    });
    page.win.CidConsent!.acceptAll();
    expect(page.win.CidConsent!.get().purposes).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    expect(page.win.logs).to.deep.equal([]);
  });

  it('should be ignored when respectGpc is false', async () => {
    const { open } = context();
    const page = await open({ before: GPC, attributes: 'data-policy-url="/p" data-respect-gpc="false"' });
    page.win.CidConsent!.acceptAll();
    expect(page.win.CidConsent!.has('partners')).to.equal(true);
  });
});

describe('several tabs', () => {
  it('should apply a decision made in one page to another open page of the site', async () => {
    const { open, inline } = context();
    const first = await open({ after: inline('in-second', 'analytics') });
    const second = await open({ after: inline('in-second', 'analytics') });
    const changes: number[] = [];
    second.doc.addEventListener('cid-consent-change', () => changes.push(Date.now()));
    const decidedAt = Date.now();
    first.button('cid-consent-banner', 'accept-all').click();
    // A generous wait: wtr may run this file in a background tab, where timers are throttled.
    await waitUntil(() => second.win.ran?.length === 1, 'the second page activates its gated script', { timeout: 5000 });
    expect(second.bannerOpen()).to.equal(false);
    expect(changes).to.have.length(1);
    expect(changes[0] - decidedAt, 'ms until the second page knows').to.be.below(1000);
    first.win.CidConsent!.reset();
    await waitUntil(() => second.bannerOpen(), 'a reset reaches the second page', { timeout: 5000 });
  });
});

describe('nonces', () => {
  it('should give an activated inline script the nonce of the widget’s tag', async () => {
    const { open, inline } = context();
    const page = await open({ attributes: 'data-policy-url="/p" nonce="r4nd0m"', after: inline('x', 'analytics') });
    page.win.CidConsent!.acceptAll();
    await waitUntil(() => page.win.ran?.length === 1);
    expect(page.doc.querySelector<HTMLScriptElement>('script[data-cid-consent]')!.nonce).to.equal('r4nd0m');
  });
});
