/**
 * A site's own accent (`--cid-consent-accent`) must never break contrast (issue #19, item 12):
 * text on the accent keeps 4.5:1 (WCAG 2.2 SC 1.4.3), and checkboxes and focus rings 3:1 against
 * what is around them (SC 1.4.11, 2.4.13), in both themes. Measured on the built bundle from the
 * colours Chromium computes, whatever their notation.
 */
import { expect } from '@open-wc/testing';
import { contrast } from '../colour.js';
import { context, type E2EPage } from './page.js';
import { SERVICES_CONFIG } from './services-config.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const style = (el: Element) => el.ownerDocument.defaultView!.getComputedStyle(el);
const root = (page: E2EPage, tag: string) => page.doc.querySelector(tag)!.shadowRoot!;

const AXE = '<script src="/node_modules/axe-core/axe.min.js"></script>';

/** A page whose stylesheet sets the accent (none: our defaults), banner open, panel loaded; axe-core in it. */
async function open(accent: string | undefined, theme: string, extra = '') {
  const css = `cid-consent-banner, cid-consent-preferences { ${accent ? `--cid-consent-accent: ${accent};` : ''} ${extra} }`;
  return context().open({
    before: `<style>${css}</style>${AXE}${SERVICES_CONFIG}<main><h1>Site</h1></main>`,
    attributes: `data-theme="${theme}" data-cookie-policy-url="/c"`,
  });
}

/** Each button's text against its own background. */
function buttonText(page: E2EPage, tag: string) {
  return [...root(page, tag).querySelectorAll<HTMLElement>('button:not([data-action="close"])')].map((button) => {
    const s = style(button);
    return { what: `${tag} ${button.dataset.action} text`, ratio: contrast(s.color, s.backgroundColor), min: 4.5 };
  });
}

/**
 * The focus ring of each element, against the background around it. Focused by script, with no
 * pointer used before: Chromium shows the ring as after a key press (checked with :focus-visible).
 */
function focusRings(page: E2EPage, tag: string, selector: string, around: Element) {
  return [...root(page, tag).querySelectorAll<HTMLElement>(selector)].map((el) => {
    el.focus();
    const s = style(el);
    expect(el.matches(':focus-visible'), `${selector} shows its focus`).to.equal(true);
    expect(s.outlineStyle).to.equal('solid');
    expect(parseFloat(s.outlineWidth)).to.be.at.least(2);
    const name = el.dataset.action ?? el.getAttribute('name') ?? el.getAttribute('part');
    return { what: `${tag} ${name} focus ring`, ratio: contrast(s.outlineColor, style(around).backgroundColor), min: 3 };
  });
}

/** Every measure under its minimum, so a failure lists them all. */
const failing = (measures: { what: string; ratio: number; min: number }[]) =>
  measures.filter((m) => !(m.ratio >= m.min)).map((m) => `${m.what}: ${m.ratio.toFixed(2)}:1 < ${m.min}:1`);

/** The site developers' guide's own example (docs/site-developers.md, theming), a light yellow, two mid greys (either side of where black and white text tie), a red, and ours. */
const ACCENTS = [undefined, '#14532d', '#fde047', '#767676', '#808080', '#e4002b', 'oklch(0.75 0.15 300)'];

describe('contrast with the site’s accent (WCAG 2.2 SC 1.4.3, 1.4.11)', () => {
  for (const theme of ['light', 'dark']) {
    for (const accent of ACCENTS) {
      it(`should keep 4.5:1 button text and 3:1 checkboxes and focus rings with ${accent ?? 'the default accent'}, ${theme} theme`, async () => {
        const page = await open(accent, theme);
        const section = root(page, 'cid-consent-banner').querySelector('section')!;
        const banner = [
          ...buttonText(page, 'cid-consent-banner'),
          ...focusRings(page, 'cid-consent-banner', 'button, a', section),
        ];
        page.win.CidConsent!.show();
        await page.doc.querySelector('cid-consent-preferences')!.updateComplete;
        const dialog = root(page, 'cid-consent-preferences').querySelector('dialog')!;
        const checkboxes = [...dialog.querySelectorAll('input')].map((input) => ({
          what: `checkbox ${input.name}`,
          ratio: contrast(style(input).accentColor, style(dialog).backgroundColor),
          min: 3,
        }));
        const panel = [
          ...buttonText(page, 'cid-consent-preferences'),
          ...checkboxes,
          ...focusRings(page, 'cid-consent-preferences', 'button, a, input', dialog),
        ];
        expect(failing([...banner, ...panel])).to.deep.equal([]);
      });
    }
  }
});

describe('contrast: what the site sets beside the accent', () => {
  it('should keep 4.5:1 on the buttons when the site also sets a text colour that fails on its accent', async () => {
    for (const theme of ['light', 'dark']) {
      const page = await open('#fde047', theme, '--cid-consent-accent-fg: #fff;');
      expect(failing(buttonText(page, 'cid-consent-banner')), theme).to.deep.equal([]);
    }
  });

  it('should keep the floating manage button’s focus ring visible over a page of the ring’s own colour', async () => {
    for (const theme of ['light', 'dark']) {
      const page = await context().open({
        before: `<style>body { background: ${theme === 'light' ? '#1c2430' : '#f1f4f8'} }</style>`,
        attributes: `data-theme="${theme}" data-manage-button="true"`,
      });
      page.win.CidConsent!.rejectAll();
      const banner = page.doc.querySelector('cid-consent-banner')!;
      await banner.updateComplete;
      const manage = banner.shadowRoot!.querySelector<HTMLElement>('[part~="manage"]')!;
      manage.focus();
      const s = style(manage);
      const behind = style(page.doc.body).backgroundColor;
      // Technique C40: the ring has two colours; the inner one (a box-shadow of the background) stands out here.
      const inner = /^(rgba?\([^)]*\)|color\([^)]*\))\s+0px 0px 0px 2px/.exec(s.boxShadow)?.[1];
      expect(inner, `an inner ring in ${s.boxShadow}`).to.be.a('string');
      const ratios = [contrast(s.outlineColor, behind), contrast(inner!, behind)];
      expect(Math.max(...ratios), `${theme}: ${ratios.map((r) => r.toFixed(2)).join(', ')}`).to.be.at.least(3);
    }
  });
});

describe('contrast: axe-core with the site’s accent', () => {
  const axe = async (page: E2EPage) => {
    const { violations } = await (page.win as unknown as { axe: { run(d: Document): Promise<{ violations: { id: string }[] }> } }).axe.run(page.doc);
    return violations.map((v) => v.id);
  };

  for (const theme of ['light', 'dark']) {
    for (const accent of ['#14532d', '#fde047']) {
      it(`should have no violation with ${accent}, banner and panel, ${theme} theme`, async () => {
        const page = await open(accent, theme);
        const banner = await axe(page);
        page.win.CidConsent!.show();
        await page.doc.querySelector('cid-consent-preferences')!.updateComplete;
        expect({ banner, panel: await axe(page) }).to.deep.equal({ banner: [], panel: [] });
      });
    }
  }
});
