/**
 * Small screens and user text spacing, on the built bundle in real pages:
 * WCAG 2.2 SC 1.4.10 Reflow (320 CSS px wide; 256 high for the 400 % zoom of a 1280×1024 screen)
 * and SC 1.4.12 Text Spacing.
 */
import { expect } from '@open-wc/testing';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const GPC = `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })</script>`;
const CONTACT = 'data-policy-url="/politique-de-confidentialite" data-cookie-policy-url="/cookies" data-contact-email="protectiondesdonnees@cid-it.fr"';

/** The values of the WCAG text-spacing bookmarklet, applied to the page and inside the widget's shadow roots. */
const SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important }' +
  ' p { margin-bottom: 2em !important }';

function spaceText(page: E2EPage) {
  const sheet = new (page.win as unknown as typeof window).CSSStyleSheet();
  sheet.replaceSync(SPACING);
  const roots: (Document | ShadowRoot)[] = [page.doc, ...[...page.doc.querySelectorAll('cid-consent-banner, cid-consent-preferences')].map((el) => el.shadowRoot!)];
  for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

async function sized(page: E2EPage, width: number, height: number) {
  Object.assign(page.frame.style, { width: `${width}px`, height: `${height}px` });
  await new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(resolve)));
}

const bannerRoot = (page: E2EPage) => page.doc.querySelector('cid-consent-banner')!.shadowRoot!;

/** Every one of the three buttons entirely inside the viewport, and inside the banner's box. */
function buttonsInView(page: E2EPage, width: number, height: number) {
  const box = bannerRoot(page).querySelector('section')!.getBoundingClientRect();
  for (const action of ['reject-all', 'accept-all', 'customize']) {
    const button = page.button('cid-consent-banner', action).getBoundingClientRect();
    expect([button.top >= 0, button.left >= 0, button.bottom <= height, button.right <= width], `${action} in view`).to.deep.equal([true, true, true, true]);
    expect(button.bottom, `${action} inside the banner`).to.be.at.most(box.bottom);
  }
}

/** Nothing sticks out sideways: no horizontal scrolling, in the page or in `box`. */
function noSidewaysScroll(page: E2EPage, box?: Element) {
  expect(page.doc.documentElement.scrollWidth, 'page width').to.be.at.most(page.doc.documentElement.clientWidth);
  if (box) expect(box.scrollWidth, 'box width').to.be.at.most(box.clientWidth);
}

describe('reflow at 320×256, 400 % zoom (WCAG 2.2 SC 1.4.10)', () => {
  for (const [name, before] of [
    ['', ''],
    [', with the GPC sentence', GPC],
  ]) {
    it(`should keep all three buttons in view and scroll the text inside the banner${name}`, async () => {
      const page = await context().open({ before });
      await sized(page, 320, 256);
      buttonsInView(page, 320, 256);
      const section = bannerRoot(page).querySelector('section')!;
      expect(section.scrollHeight, 'nothing overflows the box').to.be.at.most(section.clientHeight);
      const text = bannerRoot(page).querySelector('[part="text"]')!;
      const scroller = text.closest('.scroll') ?? text;
      expect(getComputedStyle(scroller).overflowY).to.equal('auto');
      expect(scroller.scrollHeight, 'the text scrolls').to.be.greaterThan(scroller.clientHeight);
      noSidewaysScroll(page);
    });
  }
});

describe('text spacing at 320 px (WCAG 2.2 SC 1.4.12)', () => {
  it('should keep the banner’s buttons in view and nothing sideways', async () => {
    const page = await context().open({ attributes: CONTACT });
    await sized(page, 320, 640);
    spaceText(page);
    await sized(page, 320, 640);
    buttonsInView(page, 320, 640);
    noSidewaysScroll(page, bannerRoot(page).querySelector('section')!);
  });

  it('should wrap the contact e-mail and every long word in the panel: no sideways scrolling', async () => {
    const page = await context().open({ attributes: CONTACT });
    await sized(page, 320, 640);
    page.win.CidConsent!.show();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    spaceText(page);
    await sized(page, 320, 640);
    const dialog = panel.shadowRoot!.querySelector('dialog')!;
    noSidewaysScroll(page, dialog);
    const right = dialog.getBoundingClientRect().right;
    for (const el of panel.shadowRoot!.querySelectorAll('a, label, small, p, h2, button')) {
      expect(el.getBoundingClientRect().right, el.textContent!).to.be.at.most(right);
    }
  });
});
