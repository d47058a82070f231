import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { CidConsentBanner } from '../../src/components/cid-consent-banner.js';
import { en } from '../../src/i18n/en.js';

const buttons = (el: CidConsentBanner) => [...el.shadowRoot!.querySelectorAll('button')];

describe('<cid-consent-banner>', () => {
  it('should show nothing until opened, keeping only its live region, out of sight', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner policy-url="/p"></cid-consent-banner>`);
    const closed = el.getBoundingClientRect();
    expect(closed.width * closed.height).to.be.at.most(1);
    expect(buttons(el)).to.be.empty;
    expect([...el.shadowRoot!.children].map((child) => child.getAttribute('role'))).to.deep.equal(['status']);
    el.open = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section')!.getBoundingClientRect().height).to.be.greaterThan(100);
  });

  it('should name the sister sites the choice covers, in its language, and describe the banner with it (issue #21)', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    expect(el.shadowRoot!.querySelector('[part="sites"]'), 'one site: nothing to say').to.equal(null);
    el.sites = ['https://www.cid-it.fr', 'https://www.cid-it.boutique'];
    await el.updateComplete;
    const sentence = el.shadowRoot!.querySelector('[part="sites"]')!;
    expect(sentence.textContent).to.equal('Votre choix vaut pour nos sites www.cid-it.fr et www.cid-it.boutique.');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-describedby')).to.contain(sentence.id);
    el.lang = 'en';
    el.texts = en;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="sites"]')!.textContent).to.equal('Your choice applies to our sites www.cid-it.fr and www.cid-it.boutique.');
  });

  it('should announce a message in its live region whether open or not, anew each time', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner policy-url="/p"></cid-consent-banner>`);
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    for (const open of [false, true, false]) {
      el.open = open;
      await el.updateComplete;
      el.announce('Vos choix sont enregistrés.');
      expect(region.textContent, 'cleared first').to.equal('');
      await new Promise(requestAnimationFrame);
      expect(region.textContent).to.equal('Vos choix sont enregistrés.');
      expect(el.shadowRoot!.querySelector('[role="status"]'), 'the same region, never redrawn').to.equal(region);
    }
  });

  it('should say on its "customise" button that the panel is loading, then that it could not be had', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p" panel-status="loading"></cid-consent-banner>`);
    const customize = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="customize"]')!;
    expect(customize().textContent).to.equal('Chargement des préférences…');
    expect(customize().getAttribute('aria-busy')).to.equal('true');
    el.panelStatus = 'unavailable';
    await el.updateComplete;
    expect(customize().textContent).to.equal('Personnaliser');
    const note = el.shadowRoot!.querySelector('[part="panel-status"]')!;
    expect(note.textContent).to.contain('Vous pouvez tout accepter ou tout refuser ici');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-describedby')).to.contain(note.id);
    await expect(el).to.be.accessible();
  });

  it('should offer a close button when closable, which asks to close', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open closable policy-url="/p"></cid-consent-banner>`);
    expect(buttons(el).map((b) => b.dataset.action)).to.deep.equal(['reject-all', 'accept-all', 'customize', 'close']);
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="close"]')!.click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'close' });
  });

  it('should show the text, the policy link and three buttons in French by default', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/politique"></cid-consent-banner>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Vos choix sur les cookies');
    expect(root.querySelector('a[part="policy-link"]')!.getAttribute('href')).to.equal('/politique');
    expect(buttons(el).map((b) => [b.dataset.action, b.textContent])).to.deep.equal([
      ['reject-all', 'Tout refuser'],
      ['accept-all', 'Tout accepter'],
      ['customize', 'Personnaliser'],
    ]);
  });

  it('should be accessible', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    await expect(el).to.be.accessible();
  });

  it('should be accessible in the dark theme', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open theme="dark" policy-url="/p"></cid-consent-banner>`);
    expect(getComputedStyle(el.shadowRoot!.querySelector('section')!).backgroundColor).to.equal('rgb(28, 36, 48)');
    await expect(el).to.be.accessible();
  });

  it('should show only a floating "manage cookies" button once closed, when manage is set', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner manage policy-url="/p"></cid-consent-banner>`);
    expect(buttons(el).map((b) => [b.dataset.action, b.textContent])).to.deep.equal([['customize', 'Gérer mes cookies']]);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(40);
    await expect(el).to.be.accessible();
    setTimeout(() => buttons(el)[0].click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'customize' });
  });

  it('should show nothing once closed without manage', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner policy-url="/p"></cid-consent-banner>`);
    expect(buttons(el)).to.be.empty;
  });

  it('should not animate: it shows at once, and there is nothing for prefers-reduced-motion to stop', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    for (const part of [el, el.shadowRoot!.querySelector('section')!, ...buttons(el)]) {
      const style = getComputedStyle(part);
      expect([style.animationName, style.transitionDuration]).to.deep.equal(['none', '0s']);
    }
  });

  it('should give reject and accept the same size and colours', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    const [reject, accept] = buttons(el);
    const look = (b: HTMLElement) => {
      const s = getComputedStyle(b);
      const r = b.getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height), s.backgroundColor, s.color, s.fontWeight, s.fontSize];
    };
    expect(look(reject)).to.deep.equal(look(accept));
  });

  for (const action of ['accept-all', 'reject-all', 'customize']) {
    it(`should ask for ${action} when its button is pressed`, async () => {
      const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
      setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click());
      const event = await oneEvent(document, 'cid-consent-action');
      expect(event.detail).to.deep.equal({ action });
    });
  }

  it('should say on the first layer, under Global Privacy Control, what "accept all" leaves refused', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    expect(el.shadowRoot!.querySelector('[part="gpc"]')).to.equal(null);
    el.gpc = true;
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('[part="gpc"]')!;
    expect(note.textContent).to.contain('Global Privacy Control');
    expect(note.textContent).to.contain('«\u00a0Tout accepter\u00a0»');
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-describedby')).to.contain(note.id);
    await expect(el).to.be.accessible();
  });

  it('should render its texts as text, never as markup', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    el.texts = { ...en, 'banner.text': '<img src=x onerror="window.pwned=1">' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.contain('<img src=x');
  });

  it('should not link to a javascript: URL set by hand', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="javascript:alert(1)"></cid-consent-banner>`);
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
  });

  it('should take the properties a page set on it before it was defined', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner-later></cid-consent-banner-later>`);
    Object.assign(el, { open: true, gpc: true, policyUrl: '/later' });
    customElements.define('cid-consent-banner-later', class extends CidConsentBanner {});
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="gpc"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('a[part="policy-link"]')!.getAttribute('href')).to.equal('/later');
  });

  it('should render once when upgraded in the page with attributes, not again a moment later', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner-upgraded open policy-url="/p"></cid-consent-banner-upgraded>`);
    customElements.define('cid-consent-banner-upgraded', class extends CidConsentBanner {});
    const rendered = el.shadowRoot!.querySelector('section');
    await el.updateComplete;
    expect(rendered).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('section'), 'the same box, not a second render').to.equal(rendered);
  });

  it('should take the gpc attribute, as the property', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open gpc policy-url="/p"></cid-consent-banner>`);
    expect(el.gpc).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="gpc"]')).to.not.equal(null);
  });

  it('should let a property set before it was defined win over the attribute of the same name', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner-first open policy-url="/attribute"></cid-consent-banner-first>`);
    (el as unknown as { policyUrl: string }).policyUrl = '/property';
    customElements.define('cid-consent-banner-first', class extends CidConsentBanner {});
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('a[part="policy-link"]')!.getAttribute('href')).to.equal('/property');
  });

  it('should keep focus on the same button when it draws itself again', async () => {
    const el = await fixture<CidConsentBanner>(html`<cid-consent-banner open policy-url="/p"></cid-consent-banner>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="reject-all"]')!.focus();
    el.gpc = true;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('data-action')).to.equal('reject-all');
  });
});
