import { expect, waitUntil } from '@open-wc/testing';
import { context, settle, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
// Test pages share this origin's localStorage: no test inherits another's undelivered receipts.
beforeEach(() => localStorage.removeItem('cid_consent_outbox'));

interface Posted {
  body: string;
  type: string;
  cookie: string;
  referer: string;
  origin: string;
}

/** A page whose receipts go to this test's own log on the test server. */
function receiptContext() {
  const ctx = context();
  const url = `/e2e/receipts?run=${ctx.run}`;
  const received = async (): Promise<Posted[]> => (await fetch(url)).json();
  const receiverDown = (down: boolean) => fetch(`/e2e/receiver?run=${ctx.run}&down=${down ? 1 : 0}`);
  /** How many receipts the receiver answered "down" to: one still on its way when it comes up would arrive first. */
  const turnedAway = async (): Promise<number> => (await fetch(`/e2e/turned-away?run=${ctx.run}`)).json();
  const attributes = `data-policy-url="/politique" data-receipt-url="${url.replace('&', '&amp;')}"`;
  /** A page where the visitor decided while the receiver was down: the receipt waits in the outbox. */
  const decidedWhileDown = async (decide: (page: E2EPage) => void) => {
    await receiverDown(true);
    const page = await ctx.open({ attributes });
    decide(page);
    await waitUntil(() => (page.win.localStorage.getItem('cid_consent_outbox') ?? '[]') !== '[]', 'the receipt waits in the outbox');
    return page;
  };
  return { ...ctx, url, received, receiverDown, turnedAway, attributes, decidedWhileDown };
}

describe('proof-of-consent receipts', () => {
  it('should send one receipt per decision, with every field of format 1 and nothing about the visitor', async () => {
    const { open, received, attributes } = receiptContext();
    const page = await open({ attributes });
    page.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    await settle();
    const [posted] = await received();
    expect(posted.type).to.equal('text/plain;charset=UTF-8');
    // On the page's own origin, the decision in force goes with credentials: the answer sets the consent cookie (issue #21).
    expect(posted.cookie, 'credentials').to.contain('|analytics=1&marketing=1&partners=1');
    const receipt = JSON.parse(posted.body);
    const state = page.win.CidConsent!.get();
    expect(Object.keys(receipt)).to.deep.equal([
      'v', 'consentId', 'decidedAt', 'revision', 'choices', 'services', 'method', 'gpc', 'lang', 'site', 'page', 'notice',
    ]);
    expect(receipt).to.deep.include({
      v: 1,
      consentId: state.id,
      decidedAt: state.updatedAt,
      revision: 1,
      choices: { necessary: true, analytics: true, marketing: true, partners: true },
      method: 'banner-accept-all',
      gpc: false,
      lang: 'fr',
      site: location.origin,
      page: '/e2e/page',
    });
    expect(receipt.notice.policyUrl).to.equal(`${location.origin}/politique`);
    expect(receipt.notice.texts['banner.title']).to.equal('Vos choix sur les cookies');
    expect(receipt.notice.purposes.map((p: { id: string }) => p.id)).to.deep.equal(['necessary', 'analytics', 'marketing', 'partners']);
    expect(receipt.notice.widget).to.equal((await (await fetch('/package.json')).json()).version);
  });

  it('should leave Intl until after the first paint with receipts and sister sites, and send the notice as shown', async () => {
    const { open, received, url } = receiptContext();
    // The page's first Intl formatter loads the locale data: 30 to 60 ms on our machines (issue #23),
    // which the banner must not wait for. Counted from before the widget's tag until DOMContentLoaded,
    // which fires once the deferred tag has run and placed the banner.
    const before =
      `<script>window.intl=[];for(const k of ['NumberFormat','ListFormat','DateTimeFormat','PluralRules','RelativeTimeFormat','Collator','Segmenter']){` +
      `const C=Intl[k];Intl[k]=new Proxy(C,{construct(t,a){intl.push(k);return Reflect.construct(t,a)}})}` +
      `document.addEventListener('DOMContentLoaded',()=>{window.intlAtStart=intl.slice()});` +
      `window.cidConsentConfig={receiptUrl:${JSON.stringify(url)},sites:[location.origin,'https://www.cid-it.boutique'],handoffKey:'${'A'.repeat(43)}'}</script>`;
    const page = await open({ before });
    const win = page.win as typeof page.win & { intlAtStart: string[] };
    expect(win.intlAtStart, 'Intl formatters made before the first paint').to.deep.equal([]);
    const banner = page.doc.querySelector('cid-consent-banner')!;
    expect(banner.shadowRoot!.textContent).to.contain(`nos sites ${location.host} et www.cid-it.boutique.`);
    page.button('cid-consent-banner', 'reject-all').click();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    const { notice } = JSON.parse((await received())[0].body);
    expect(notice.texts['panel.text']).to.contain('6\u00a0mois');
    expect(notice.texts['sites.scope']).to.equal(`Votre choix vaut pour nos sites ${location.host} et www.cid-it.boutique.`);
  });

  it('should resolve the notice’s links against the page’s address at start, when an app changes it before the first receipt', async () => {
    const { open, received, url } = receiptContext();
    // The app routes as soon as the widget is ready: before the banner's first paint, and so before the notice is built.
    const before = `<script>document.addEventListener('cid-consent-ready', () => history.pushState({}, '', '/boutique/produit'), { once: true })</script>`;
    const page = await open({ before, attributes: `data-policy-url="politique.html" data-receipt-url="${url.replace('&', '&amp;')}"` });
    page.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    const receipt = JSON.parse((await received())[0].body);
    expect(receipt.notice.policyUrl).to.equal(`${location.origin}/e2e/politique.html`);
    expect(receipt.page, 'the page is where the decision was taken').to.equal('/boutique/produit');
  });

  it('should name how each decision was taken', async () => {
    const { open, received, attributes } = receiptContext();
    const page = await open({ attributes, after: '<iframe data-cid-consent="marketing" data-src="/nothing" title="Vidéo"></iframe>' });
    page.button('cid-consent-banner', 'reject-all').click();
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    page.win.CidConsent!.show();
    await waitUntil(() => page.button('cid-consent-preferences', 'accept-all'));
    page.button('cid-consent-preferences', 'accept-all').click();
    page.win.CidConsent!.set({ analytics: false });
    page.win.CidConsent!.reset();
    await waitUntil(async () => (await received()).length === 5, 'five receipts arrive');
    const methods = (await received()).map((posted) => JSON.parse(posted.body).method);
    expect(methods.sort()).to.deep.equal(['api', 'banner-reject-all', 'panel-accept-all', 'placeholder', 'reset']);
  });

  it('should keep a receipt the receiver did not acknowledge and deliver it once on a later page', async () => {
    const { received, receiverDown, decidedWhileDown } = receiptContext();
    const page = await decidedWhileDown((p) => p.button('cid-consent-banner', 'reject-all').click());
    await settle();
    expect(await received()).to.deep.equal([]);
    await receiverDown(false);
    await page.reload();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives after the reload');
    await waitUntil(() => page.win.localStorage.getItem('cid_consent_outbox') === '[]', 'the outbox is emptied');
    await page.reload();
    await settle();
    expect(await received()).to.have.length(1);
    expect(JSON.parse((await received())[0].body).method).to.equal('banner-reject-all');
  });

  it('should resend the receipt of an older decision without credentials, so that its answer cannot set the cookie over a newer one (issue #21)', async () => {
    const { received, receiverDown, turnedAway, decidedWhileDown } = receiptContext();
    const page = await decidedWhileDown((p) => p.button('cid-consent-banner', 'accept-all').click());
    // A newer decision while the receiver is still down: both receipts wait in the outbox.
    page.win.CidConsent!.rejectAll();
    await waitUntil(() => JSON.parse(page.win.localStorage.getItem('cid_consent_outbox') ?? '[]').length === 2, 'both receipts wait');
    await waitUntil(async () => (await turnedAway()) === 2, 'both first sendings were answered "down"');
    await receiverDown(false);
    await page.reload();
    await waitUntil(async () => (await received()).length === 2, 'both arrive after the reload, oldest first');
    const [older, newer] = await received();
    expect(JSON.parse(older.body).method).to.equal('banner-accept-all');
    expect(older.cookie, 'an older decision: no credentials').to.equal('');
    expect(JSON.parse(newer.body).method).to.equal('api');
    expect(newer.cookie, 'the decision in force: credentials').to.not.equal('');
  });

  it('should send nothing for a decision received from another tab', async () => {
    const { open, received, attributes } = receiptContext();
    const first = await open({ attributes });
    const second = await open({ attributes });
    first.win.CidConsent!.acceptAll();
    await waitUntil(() => second.win.CidConsent!.has('analytics'), 'the decision reaches the second tab');
    await settle();
    expect(await received()).to.have.length(1);
  });

  it('should send a receipt, renew the cookie and show the new date, when the same choice is confirmed again, with no change event', async () => {
    const { open, received, attributes, readCookie } = receiptContext();
    const page = await open({ attributes });
    let changes = 0;
    page.doc.addEventListener('cid-consent-change', () => changes++);
    page.button('cid-consent-banner', 'accept-all').click();
    const before = { cookie: readCookie(), ...page.win.CidConsent!.get() };
    page.win.CidConsent!.show();
    await waitUntil(() => page.button('cid-consent-preferences', 'accept-all'));
    page.button('cid-consent-preferences', 'accept-all').click();
    await waitUntil(async () => (await received()).length === 2, 'the confirmation has its own receipt');
    const now = page.win.CidConsent!.get();
    expect(now).to.deep.include({ id: before.id, purposes: before.purposes });
    expect(now.updatedAt! > before.updatedAt!, 'a later decision time').to.equal(true);
    expect(readCookie(), 'the cookie renewed').to.not.equal(before.cookie);
    expect(page.doc.querySelector('cid-consent-preferences')!.decidedAt, 'the date the panel shows').to.equal(now.updatedAt);
    const receipts = (await received()).map((posted) => JSON.parse(posted.body)).sort((a, b) => (a.decidedAt < b.decidedAt ? -1 : 1));
    expect(receipts.map((r) => [r.method, r.decidedAt])).to.deep.equal([
      ['banner-accept-all', before.updatedAt],
      ['panel-accept-all', now.updatedAt],
    ]);
    expect(changes, 'nothing changed: no cid-consent-change').to.equal(1);
  });

  it('should send the receipt of the same choice saved again through the API', async () => {
    const { open, received, attributes } = receiptContext();
    const page = await open({ attributes });
    page.win.CidConsent!.set({ analytics: true });
    page.win.CidConsent!.set({ analytics: true });
    await waitUntil(async () => (await received()).length === 2, 'two decisions, two receipts');
    const times = (await received()).map((posted) => JSON.parse(posted.body).decidedAt);
    expect(new Set(times).size).to.equal(2);
  });

  it('should send no Referer that holds the page’s query string, and still the Origin the receiver checks', async () => {
    const { open, received, attributes } = receiptContext();
    const page = await open({ attributes });
    expect(page.win.location.search, 'the test page has a query string').to.not.equal('');
    page.button('cid-consent-banner', 'reject-all').click();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    const [posted] = await received();
    expect(posted.referer).to.not.contain('?');
    expect(posted.origin, 'a receiver on the site’s own origin refuses a receipt without it').to.equal(location.origin);
  });

  it('should send no Referer that holds the query string with a receipt resent by a later page', async () => {
    const { received, receiverDown, decidedWhileDown } = receiptContext();
    const page = await decidedWhileDown((p) => p.button('cid-consent-banner', 'accept-all').click());
    await receiverDown(false);
    await page.reload();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives after the reload');
    expect((await received())[0].referer).to.not.contain('?');
  });

  it('should put in the notice the duration, the retention period and the contact address the panel shows', async () => {
    const { open, received, attributes } = receiptContext();
    const page = await open({ attributes: `${attributes} data-cookie-max-age-days="100" data-contact-email="dpo@cid-it.fr"` });
    page.win.CidConsent!.show();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    page.button('cid-consent-preferences', 'reject-all').click();
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    const { notice } = JSON.parse((await received())[0].body);
    expect(notice.texts['panel.text']).to.equal(panel.shadowRoot!.querySelector('[part="text"]')!.textContent);
    expect(notice.texts['panel.text']).to.match(/conservé 100\sjours/);
    expect(notice).to.deep.include({ maxAgeDays: 100, contactEmail: 'dpo@cid-it.fr' });
  });
});
