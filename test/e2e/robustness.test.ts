import { expect, waitUntil } from '@open-wc/testing';
import { context, settle, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type Extra = Record<string, unknown>;
const extra = (page: E2EPage) => page.win as unknown as Extra;

/** Records every raw string written to document.cookie, before the widget loads. */
const COOKIE_SPY = `<script nonce="">{const d=Object.getOwnPropertyDescriptor(Document.prototype,'cookie');window.cookieWrites=[];
Object.defineProperty(Document.prototype,'cookie',{configurable:true,get(){return d.get.call(this)},set(v){cookieWrites.push(v);d.set.call(this,v)}})}</script>`;

describe('strict Content-Security-Policy', () => {
  it('should work fully with script-src self + nonce and style-src self, with no violation', async () => {
    const { open, run } = context();
    const nonce = 'n0nc3';
    const page = await open({
      csp: nonce,
      attributes: `data-policy-url="/p" nonce="${nonce}"`,
      after:
        `<script type="text/plain" data-cid-consent="analytics" src="/e2e/tracker?run=${run}&name=external"></script>` +
        `<script type="text/plain" data-cid-consent="analytics">(window.ran = window.ran || []).push('inline')</script>` +
        `<iframe data-cid-consent="marketing" data-src="/e2e/tracker?run=${run}&name=frame"></iframe>`,
    });
    const banner = page.doc.querySelector('cid-consent-banner')!;
    expect(getComputedStyle(banner).position, 'styles apply through constructable stylesheets').to.equal('fixed');
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    page.button('cid-consent-banner', 'customize').click();
    await panel.updateComplete;
    expect(getComputedStyle(panel.shadowRoot!.querySelector('dialog')!).borderRadius).to.equal('8px');
    page.button('cid-consent-preferences', 'accept-all').click();
    await waitUntil(() => page.win.ran?.length === 2, 'external and inline gated scripts run');
    expect(page.win.ran).to.deep.equal(['external', 'inline']);
    await waitUntil(async () => (await page.requests()).includes('frame'));
    expect(extra(page).violations).to.deep.equal([]);
  });
});

describe('cookies unavailable', () => {
  it('should keep the choice for the page, gate by it, warn once and report it in the change event', async () => {
    const { open, inline } = context();
    const page = await open({
      before: `<script>Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {} })</script>`,
      after: inline('analytics'),
    });
    const stored: boolean[] = [];
    page.doc.addEventListener('cid-consent-change', (e) => stored.push(e.detail.stored));
    page.button('cid-consent-banner', 'accept-all').click();
    page.win.CidConsent!.set({ partners: false });
    expect(page.win.CidConsent!.get()).to.deep.include({ decided: true });
    expect(page.win.CidConsent!.has('analytics')).to.equal(true);
    expect(page.win.ran).to.deep.equal(['analytics']);
    expect(stored).to.deep.equal([false, false]);
    expect(page.win.logs).to.deep.equal([
      'warn: [cid-consent] the browser did not keep the consent cookie: the choice holds for this page only.',
    ]);
  });
});

describe('loaded twice', () => {
  it('should run one instance with one banner and one ready event, and warn', async () => {
    const { open, widgetTag } = context();
    const page = await open({
      before: `<script>window.ready = 0; document.addEventListener('cid-consent-ready', () => window.ready++)</script>`,
      after: widgetTag('defer data-policy-url="/p"'),
    });
    expect(page.doc.querySelectorAll('cid-consent-banner')).to.have.length(1);
    expect(page.doc.querySelectorAll('cid-consent-preferences')).to.have.length(1);
    expect(extra(page).ready).to.equal(1);
    expect(page.win.logs).to.deep.equal(['warn: [cid-consent] the widget is already running on this page; started once only.']);
    const changes: unknown[] = [];
    page.doc.addEventListener('cid-consent-change', (e) => changes.push(e.detail));
    page.button('cid-consent-banner', 'accept-all').click();
    expect(changes).to.have.length(1);
  });

  it('should start even when the page put something of its own in window.CidConsent', async () => {
    const page = await context().open({ before: '<script>window.CidConsent = { stub: true }</script>' });
    expect(page.bannerOpen()).to.equal(true);
    expect(page.win.CidConsent!.get().decided).to.equal(false);
    expect(page.win.logs).to.deep.equal([]);
  });
});

describe('no lost or invented decisions', () => {
  it('should write nothing before the visitor decides', async () => {
    const { open, readCookie } = context();
    const page = await open({ before: COOKIE_SPY });
    page.win.CidConsent!.show();
    page.win.CidConsent!.hide();
    await settle();
    expect(readCookie()).to.equal(undefined);
    expect(extra(page).cookieWrites).to.deep.equal([]);
  });

  it('should write the cookie before the change event fires', async () => {
    const { open, readCookie } = context();
    const page = await open();
    let cookieAtEvent: string | undefined;
    page.doc.addEventListener('cid-consent-change', () => (cookieAtEvent = readCookie()));
    page.button('cid-consent-banner', 'accept-all').click();
    expect(cookieAtEvent).to.match(/analytics=1&marketing=1&partners=1$/);
  });

  it('should end "rejected" after accept then reject in quick succession, and run nothing after reload', async () => {
    const { open, tracker, readCookie } = context();
    const page = await open({ after: tracker('analytics') });
    const order: string[] = [];
    page.doc.addEventListener('cid-consent-change', (e) => order.push(e.detail.state.purposes.analytics ? 'accepted' : 'rejected'));
    page.button('cid-consent-banner', 'accept-all').click();
    page.win.CidConsent!.show();
    await page.doc.querySelector('cid-consent-preferences')!.updateComplete;
    page.button('cid-consent-preferences', 'reject-all').click();
    expect(order).to.deep.equal(['accepted', 'rejected']);
    expect(readCookie()).to.match(/analytics=0&marketing=0&partners=0$/);
    expect(page.win.CidConsent!.has('analytics')).to.equal(false);
    await page.reload();
    await settle();
    expect(page.win.ran).to.equal(undefined);
    // Fetched once, during the moment it was granted on the first page; never after the reload.
    expect(await page.requests()).to.have.length.at.most(1);
  });
});

describe('cookie attributes', () => {
  it('should write SameSite=Lax and Path=/, without Secure on http', async () => {
    const { open, cookie } = context();
    const page = await open({ before: COOKIE_SPY });
    page.win.CidConsent!.rejectAll();
    const [write] = extra(page).cookieWrites as string[];
    expect(write.startsWith(`${cookie}=1|`)).to.equal(true);
    expect(write).to.contain('; path=/');
    expect(write).to.contain('; sameSite=Lax');
    expect(write.toLowerCase()).to.not.contain('secure');
    expect(write).to.match(/; expires=[^;]+/);
  });

  it('should refuse a cookie domain the page is not on, with an error, and still keep the choice', async () => {
    const { open, readCookie } = context();
    const page = await open({ attributes: 'data-policy-url="/p" data-cookie-domain=".cid-it.fr"' });
    expect(page.win.logs).to.deep.equal([
      'error: [cid-consent] config.cookie.domain: ".cid-it.fr" does not contain this page\'s host "localhost"; using the host.',
    ]);
    page.win.CidConsent!.rejectAll();
    expect(readCookie()).to.match(/^1\|/);
  });
});

describe('start-up order', () => {
  for (const loading of ['async', 'blocking'] as const) {
    it(`should work when the tag is ${loading === 'async' ? 'async' : 'in <head> without defer, before <body> exists'}`, async () => {
      const { open, inline } = context();
      const page = await open({
        loading,
        inHead: true,
        after: '<p>content</p>' + inline('analytics'),
        before: `<script>document.addEventListener('cid-consent-ready', () => (window.bodyAtReady = !!document.body))</script>`,
      });
      await waitUntil(() => page.doc.querySelector('cid-consent-banner')?.open);
      page.win.CidConsent!.acceptAll();
      await waitUntil(() => page.win.ran?.length === 1);
      if (loading === 'blocking') expect(extra(page).bodyAtReady).to.equal(false);
    });
  }

  it('should work when a tag manager injects it after DOMContentLoaded', async () => {
    const { open, widgetTag, inline } = context();
    const tag = widgetTag('data-policy-url="/p"');
    const page = await open({
      noWidget: true,
      after:
        inline('analytics') +
        `<script>window.addEventListener('load', () => setTimeout(() => {
          const holder = document.createElement('div'); holder.innerHTML = ${JSON.stringify(tag).replace(/<\//g, '<\\/')};
          const s = document.createElement('script'); for (const a of holder.firstChild.attributes) s.setAttribute(a.name, a.value);
          document.head.append(s);
        }, 50))</script>`,
    });
    await waitUntil(() => page.win.CidConsent, 'the late script starts the widget');
    expect(page.bannerOpen()).to.equal(true);
    page.win.CidConsent!.acceptAll();
    await waitUntil(() => page.win.ran?.length === 1);
  });
});
