/**
 * Where keyboard focus is and whether it can be seen, on the built bundle in real pages:
 * WCAG 2.2 SC 2.4.11 Focus Not Obscured (Minimum) and SC 2.4.3 Focus Order.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CLS_PROBE, context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

/** A page taller than any screen, ending with the footer links every CID-IT page has. */
const LONG_PAGE =
  `<main><h1>CID-IT</h1>${'<p>Matériel informatique.</p>'.repeat(40)}</main>` +
  '<footer><a id="policy" href="#p">Politique de confidentialité</a> <a id="manage" href="#" data-cid-consent-open>Gérer mes cookies</a></footer>';

const frames = (page: E2EPage, n = 2) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left ? page.win.requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });

/** The focused element, looking through open shadow roots. */
function deepFocus(page: E2EPage) {
  let active = page.doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function tabUntil(page: E2EPage, found: (el: Element | null) => boolean, max = 12) {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    if (found(deepFocus(page))) return deepFocus(page)!;
  }
  throw new Error('Tab never reached the element');
}
const byId = (id: string) => (el: Element | null) => el?.id === id;
const byAction = (action: string) => (el: Element | null) => el?.getAttribute('data-action') === action;

/** The top edge of what the widget draws at the bottom of the screen (the banner box, or the manage button). */
function coverTop(page: E2EPage) {
  const root = page.doc.querySelector('cid-consent-banner')!.shadowRoot!;
  return root.querySelector('section, [part~="manage"]')!.getBoundingClientRect().top;
}

async function sized(page: E2EPage, width: number, height: number) {
  Object.assign(page.frame.style, { width: `${width}px`, height: `${height}px` });
  await frames(page);
}

describe('focus not obscured by the banner (WCAG 2.2 SC 2.4.11)', () => {
  for (const [width, height, name] of [
    [1280, 800, 'a 1280×800 screen'],
    [360, 640, 'a phone'],
  ] as const) {
    it(`should keep each footer link reached by Tab above the open banner, on ${name}`, async () => {
      const page = await context().open({ after: LONG_PAGE });
      await sized(page, width, height);
      page.frame.focus();
      for (const id of ['policy', 'manage']) {
        const link = await tabUntil(page, byId(id));
        await frames(page);
        expect(link.getBoundingClientRect().bottom, id).to.be.at.most(coverTop(page));
      }
    });

    it(`should let the page scroll its last content above the open banner, on ${name}`, async () => {
      const page = await context().open({ after: LONG_PAGE });
      await sized(page, width, height);
      page.win.scrollTo(0, page.doc.documentElement.scrollHeight);
      await frames(page);
      const footer = page.doc.querySelector('footer')!;
      expect(footer.getBoundingClientRect().bottom).to.be.at.most(coverTop(page));
    });
  }

  it('should keep a focused footer link clear of the floating "manage cookies" button', async () => {
    const page = await context().open({ after: LONG_PAGE, attributes: 'data-policy-url="/p" data-manage-button="true"' });
    page.win.CidConsent!.rejectAll();
    await sized(page, 360, 640);
    page.frame.focus();
    const link = await tabUntil(page, byId('policy'));
    await frames(page);
    expect(link.getBoundingClientRect().bottom).to.be.at.most(coverTop(page));
  });

  it('should give the room back once the banner is closed', async () => {
    const page = await context().open({ after: LONG_PAGE });
    await frames(page);
    const open = page.doc.documentElement.scrollHeight;
    page.win.CidConsent!.acceptAll();
    await frames(page);
    expect(page.doc.documentElement.scrollHeight).to.be.below(open);
    expect(page.doc.adoptedStyleSheets).to.have.length(0);
  });

  for (const [name, html] of [
    ['a long page', LONG_PAGE],
    ['a page shorter than the screen', '<main><h1>CID-IT</h1><p>Court.</p></main>'],
  ]) {
    it(`should reserve that room without moving anything: no layout shift, on ${name}`, async () => {
      const page = await context().open({ before: CLS_PROBE, after: html });
      await frames(page, 3);
      expect(page.doc.adoptedStyleSheets.length).to.equal(1);
      expect((page.win as unknown as { cls: number }).cls).to.equal(0);
    });
  }

  it('should reserve it with a stylesheet, so a strict CSP (style-src self) keeps working', async () => {
    const nonce = 'n0nce';
    const page = await context().open({ csp: nonce, after: LONG_PAGE });
    await frames(page);
    const { paddingBottom, scrollPaddingBottom } = getComputedStyle(page.doc.documentElement);
    expect(parseFloat(paddingBottom)).to.be.greaterThan(100);
    expect(scrollPaddingBottom).to.equal(paddingBottom);
    expect(page.doc.documentElement.getAttribute('style')).to.equal(null);
    expect((page.win as unknown as { violations: string[] }).violations).to.deep.equal([]);
  });
});

describe('focus never lost to <body> (WCAG 2.2 SC 2.4.3)', () => {
  const BEFORE = '<main><h1>CID-IT</h1><p><a id="before" href="#b">Nos offres</a></p></main>';

  for (const action of ['reject-all', 'accept-all']) {
    it(`should give focus back to where the visitor was after ${action} in the banner`, async () => {
      const page = await context().open({ after: BEFORE });
      page.frame.focus();
      await tabUntil(page, byId('before'));
      await tabUntil(page, byAction(action));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !page.bannerOpen(), 'the banner closes');
      await frames(page);
      expect(deepFocus(page)!.id).to.equal('before');
    });
  }

  it('should move focus to the start of the main content when the visitor came from nowhere', async () => {
    const page = await context().open({ after: '<main><h1>CID-IT</h1><p>Rien à cliquer.</p></main>' });
    page.frame.focus();
    await tabUntil(page, byAction('accept-all'));
    await sendKeys({ press: 'Enter' });
    await frames(page);
    const main = page.doc.querySelector('main')!;
    expect(deepFocus(page)!.tagName).to.equal('MAIN');
    expect(main.getAttribute('tabindex')).to.equal('-1');
  });

  it('should fall back to the first h1 when the page has no main landmark, and make it focusable only then', async () => {
    const page = await context().open({ after: '<div><h1 id="h">CID-IT</h1></div>' });
    page.frame.focus();
    await tabUntil(page, byAction('reject-all'));
    await sendKeys({ press: 'Enter' });
    await frames(page);
    expect(deepFocus(page)!.id).to.equal('h');
  });

  it('should give focus back to where the visitor was after "save" in a panel opened from the banner', async () => {
    const page = await context().open({ after: BEFORE });
    page.frame.focus();
    await tabUntil(page, byId('before'));
    await tabUntil(page, byAction('customize'));
    await sendKeys({ press: 'Enter' });
    await page.doc.querySelector('cid-consent-preferences')!.updateComplete;
    await tabUntil(page, byAction('save'));
    await sendKeys({ press: 'Enter' });
    await frames(page);
    expect(page.bannerOpen()).to.equal(false);
    expect(deepFocus(page)!.id).to.equal('before');
  });

  it('should still give focus back to "customise" when the panel is closed without a decision', async () => {
    const page = await context().open({ after: BEFORE });
    page.frame.focus();
    await tabUntil(page, byAction('customize'));
    await sendKeys({ press: 'Enter' });
    await page.doc.querySelector('cid-consent-preferences')!.updateComplete;
    await sendKeys({ press: 'Escape' });
    await frames(page);
    expect(deepFocus(page)!.getAttribute('data-action')).to.equal('customize');
  });

  it('should move focus to the frame that just loaded after "allow" on a placeholder', async () => {
    const page = await context().open({
      after: `${BEFORE}<iframe title="Vidéo" data-cid-consent="marketing" data-src="/v"></iframe>`,
    });
    page.frame.focus();
    await tabUntil(page, byId('before'));
    const allow = await tabUntil(page, (el) => el?.getAttribute('part') === 'button allow');
    expect(allow).to.exist;
    await sendKeys({ press: 'Enter' });
    await frames(page);
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
    expect(deepFocus(page)).to.equal(page.doc.querySelector('iframe'));
  });

  it('should not move focus nor scroll to a frame granted from elsewhere after the visitor left its placeholder', async () => {
    const page = await context().open({
      after: `${BEFORE}<p id="text">Texte</p><div style="height: 3000px"></div><iframe title="Vidéo" data-cid-consent="marketing" data-src="/v"></iframe>`,
    });
    page.frame.focus();
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    placeholder.shadowRoot!.querySelector<HTMLElement>('[part~="allow"]')!.focus();
    // A click on plain text: focus goes to <body>.
    (page.doc.activeElement as HTMLElement).blur();
    page.win.scrollTo(0, 0);
    page.win.CidConsent!.acceptAll();
    await frames(page);
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
    expect(page.doc.activeElement).to.equal(page.doc.body);
    expect(page.win.scrollY).to.equal(0);
  });

  it('should give focus back to where the visitor was when the page removes a frame whose placeholder had it', async () => {
    const page = await context().open({
      after: `${BEFORE}<div id="slot"><iframe title="Vidéo" data-cid-consent="marketing" data-src="/v"></iframe></div>`,
    });
    page.frame.focus();
    await tabUntil(page, byId('before'));
    await tabUntil(page, (el) => el?.getAttribute('part') === 'button allow');
    page.doc.getElementById('slot')!.replaceChildren();
    await frames(page);
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
    expect(deepFocus(page)!.id).to.equal('before');
  });
});
