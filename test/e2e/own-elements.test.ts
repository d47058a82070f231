/**
 * A page may place `<cid-consent-banner>` and `<cid-consent-preferences>` itself (CONTRACT §9):
 * its own attributes win, the config fills in only what it left unset, and there is never a
 * second banner (issue #19, item 13).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { uniqueId } from '../helpers.js';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const OWN = '<cid-consent-banner theme="dark" position="center" lang="en"></cid-consent-banner><cid-consent-preferences theme="dark" lang="en"></cid-consent-preferences>';
/** The config says otherwise on every point. */
const CONFIG = 'data-policy-url="/p" data-theme="light" data-position="bottom" data-lang="fr"';

const attributes = (el: Element) => ['theme', 'position', 'lang'].map((name) => el.getAttribute(name));
const title = (el: Element) => el.shadowRoot!.querySelector('h2')!.textContent;

/** What a visitor gets: one banner, open, with its attributes, its texts, its theme and its place. */
async function expectOwnElements(page: E2EPage) {
  const banners = page.doc.querySelectorAll('cid-consent-banner');
  expect(banners).to.have.length(1);
  const [banner] = banners;
  expect(banner.open).to.equal(true);
  expect(attributes(banner)).to.deep.equal(['dark', 'center', 'en']);
  expect(title(banner)).to.equal('Your cookie choices');
  const section = banner.shadowRoot!.querySelector('section')!;
  expect(getComputedStyle(section).backgroundColor, 'dark theme').to.equal('rgb(28, 36, 48)');
  const box = section.getBoundingClientRect();
  expect(box.top, 'centred, not along the bottom').to.be.above(page.frame.clientHeight / 2 - box.height);

  const panels = page.doc.querySelectorAll('cid-consent-preferences');
  expect(panels).to.have.length(1);
  const [panel] = panels;
  page.win.CidConsent!.show();
  await panel.updateComplete;
  expect(attributes(panel)).to.deep.equal(['dark', null, 'en']);
  expect(title(panel)).to.equal('Cookie preferences');
  expect(panel.shadowRoot!.querySelector('input[name="analytics"] + span')!.textContent).to.equal('Audience measurement');
}

describe('elements the page places itself (CONTRACT §9)', () => {
  it('should keep the theme, position and language of elements placed before the script', async () => {
    const page = await context().open({ before: OWN, attributes: CONFIG });
    await expectOwnElements(page);
  });

  it('should use the banner a page places in <body> after a blocking tag in <head>, not a second one', async () => {
    const page = await context().open({ inHead: true, loading: 'blocking', attributes: CONFIG, after: `<main><h1>Site</h1>${OWN}</main>` });
    await expectOwnElements(page);
  });

  it('should fill in from the config only what the page left unset', async () => {
    const page = await context().open({
      before: '<cid-consent-banner position="center"></cid-consent-banner><cid-consent-preferences></cid-consent-preferences>',
      attributes: 'data-policy-url="/p" data-theme="dark" data-lang="en"',
    });
    expect(attributes(page.doc.querySelector('cid-consent-banner')!)).to.deep.equal(['dark', 'center', 'en']);
    expect(attributes(page.doc.querySelector('cid-consent-preferences')!)).to.deep.equal(['dark', null, 'en']);
  });

  it('should render the site developers’ guide’s React example as it says: elements rendered, then start() in an effect', async () => {
    // What React 19 does with `<cid-consent-banner theme="dark" position="center" lang="en" />`: `lang` is a
    // property of every element, so it is set as one; the others, unknown properties, as attributes.
    const cookie = uniqueId('react');
    const page = await context().open({
      noWidget: true,
      after: `<div id="root"></div><script type="module">
        import { start } from '/dist/index.js';
        const root = document.getElementById('root');
        for (const [tag, attributes] of [['cid-consent-banner', { theme: 'dark', position: 'center' }], ['cid-consent-preferences', { theme: 'dark' }]]) {
          const el = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
          el.lang = 'en';
          root.append(el);
        }
        start({ policyUrl: '/confidentialite', cookie: { name: '${cookie}' } });
        window.started = true;
      </script>`,
    });
    await new Promise<void>((resolve) => {
      const check = () => ((page.win as unknown as { started?: boolean }).started ? resolve() : setTimeout(check, 20));
      check();
    });
    await expectOwnElements(page);
  });

  it('should record in receipts the language the page’s late banner shows, after a blocking tag', async () => {
    const ctx = context();
    localStorage.removeItem('cid_consent_outbox');
    const url = `/e2e/receipts?run=${ctx.run}`;
    const page = await ctx.open({
      inHead: true,
      loading: 'blocking',
      attributes: `${CONFIG} data-receipt-url="${url.replace('&', '&amp;')}"`,
      after: '<cid-consent-banner lang="en"></cid-consent-banner>',
    });
    page.button('cid-consent-banner', 'reject-all').click();
    const received = async () => (await fetch(url)).json() as Promise<{ body: string }[]>;
    await waitUntil(async () => (await received()).length === 1, 'the receipt arrives');
    const receipt = JSON.parse((await received())[0].body);
    expect([receipt.lang, receipt.notice.texts['banner.title'], receipt.notice.purposes[1].label]).to.deep.equal([
      'en',
      'Your cookie choices',
      'Audience measurement',
    ]);
  });

  it('should keep the page’s theme but show the config’s language, and say so in lang, when the page’s lang is one we lack', async () => {
    for (const loading of ['defer', 'blocking'] as const) {
      const page = await context().open({
        inHead: loading === 'blocking',
        loading,
        attributes: CONFIG,
        after: '<cid-consent-banner theme="dark" lang="de"></cid-consent-banner>',
      });
      const banner = page.doc.querySelector('cid-consent-banner')!;
      expect(page.doc.querySelectorAll('cid-consent-banner'), loading).to.have.length(1);
      expect([...attributes(banner), title(banner)], loading).to.deep.equal(['dark', 'bottom', 'fr', 'Vos choix sur les cookies']);
    }
  });
});
