import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { context, type E2EPage } from './page.js';
import { SERVICES_CONFIG } from './services-config.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
}

const AXE = '<script src="/node_modules/axe-core/axe.min.js"></script>';
/** A page as a site has one (a main landmark, a heading), so axe's page-level rules judge the widget only. */
const SITE = '<main><h1>CID-IT</h1><p>Matériel informatique.</p></main>';

/** axe-core run inside the real page, shadow roots included; prints what it finds so a failure says why. */
async function axe(page: E2EPage) {
  const win = page.win as unknown as { axe: { run(context: Document): Promise<AxeResult> } };
  const { violations } = await win.axe.run(page.doc);
  return violations.map((v) => `${v.impact} ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function panelOpen(page: E2EPage) {
  page.button('cid-consent-banner', 'customize').click();
  const panel = page.doc.querySelector('cid-consent-preferences')!;
  await panel.updateComplete;
  return panel;
}

describe('accessibility of the built bundle (axe-core)', () => {
  for (const theme of ['light', 'dark']) {
    it(`should have no violation with the banner open, ${theme} theme`, async () => {
      const page = await context().open({ before: AXE + SITE, attributes: `data-policy-url="/p" data-theme="${theme}"` });
      expect(await axe(page)).to.deep.equal([]);
    });

    it(`should have no violation with the panel open, ${theme} theme`, async () => {
      const page = await context().open({
        before: AXE + SITE,
        attributes: `data-policy-url="/p" data-cookie-policy-url="/c" data-contact-email="dpo@example.fr" data-theme="${theme}"`,
      });
      await panelOpen(page);
      expect(await axe(page)).to.deep.equal([]);
    });
  }

  for (const theme of ['light', 'dark']) {
    it(`should have no violation with the panel open on services, one purpose mixed, the consent id shown, ${theme} theme`, async () => {
      const page = await context().open({ before: AXE + SERVICES_CONFIG + SITE, attributes: `data-theme="${theme}"` });
      page.win.CidConsent!.set({ youtube: true, analytics: false });
      page.win.CidConsent!.show();
      const panel = page.doc.querySelector('cid-consent-preferences')!;
      await panel.updateComplete;
      expect(panel.shadowRoot!.querySelector<HTMLInputElement>('input[name="marketing"]')!.indeterminate).to.equal(true);
      expect(panel.shadowRoot!.querySelector('[part="consent-id"]')).to.not.equal(null);
      expect(await axe(page)).to.deep.equal([]);
    });
  }

  it('should have no violation with a service placeholder', async () => {
    const page = await context().open({
      before: AXE + SERVICES_CONFIG,
      attributes: '',
      after: '<main><h1>Page</h1><iframe title="Vidéo" data-cid-consent="youtube" data-src="/v"></iframe></main>',
    });
    page.win.CidConsent!.rejectAll();
    await page.doc.querySelector('cid-consent-placeholder')!.updateComplete;
    expect(await axe(page)).to.deep.equal([]);
  });

  it('should have no violation with a gated iframe placeholder and the manage button', async () => {
    const page = await context().open({
      before: AXE,
      attributes: 'data-policy-url="/p" data-manage-button="true"',
      after: '<main><h1>Page</h1><iframe title="Vidéo" data-cid-consent="marketing" data-src="/v"></iframe></main>',
    });
    page.win.CidConsent!.rejectAll();
    await page.doc.querySelector('cid-consent-banner')!.updateComplete;
    expect(await axe(page)).to.deep.equal([]);
  });
});

describe('keyboard only', () => {
  /** Tab until the element the page reports as focused (through shadow roots) matches. */
  async function tabTo(page: E2EPage, action: string, max = 10) {
    for (let i = 0; i < max; i++) {
      await sendKeys({ press: 'Tab' });
      if (deepFocus(page)?.getAttribute('data-action') === action) return;
    }
    throw new Error(`Tab never reached ${action}`);
  }
  const deepFocus = (page: E2EPage) => {
    let active = page.doc.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };

  /** A fresh page, then Tab to "customise" and Enter, as a keyboard user opens the panel. */
  async function openPanelByKeyboard() {
    const page = await context().open();
    page.frame.focus();
    await tabTo(page, 'customize');
    await sendKeys({ press: 'Enter' });
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    return { page, panel };
  }

  it('should refuse with Tab to reject and Enter', async () => {
    const page = await context().open();
    page.frame.focus();
    await tabTo(page, 'reject-all');
    await sendKeys({ press: 'Enter' });
    expect(page.win.CidConsent!.get()).to.deep.include({ decided: true });
    expect(page.win.CidConsent!.has('analytics')).to.equal(false);
    expect(page.bannerOpen()).to.equal(false);
  });

  it('should open the panel, toggle with Space, save with Enter, and announce it', async () => {
    const { page, panel } = await openPanelByKeyboard();
    expect(panel.open).to.equal(true);
    // The always-active toggle is reached too, so that "always active" is heard; Space leaves it ticked.
    await sendKeys({ press: 'Tab' });
    expect(deepFocus(page)!.getAttribute('name')).to.equal('necessary');
    expect(deepFocus(page)!.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Space' });
    expect((deepFocus(page) as HTMLInputElement).checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(deepFocus(page)!.getAttribute('name')).to.equal('analytics');
    await sendKeys({ press: 'Space' });
    await tabTo(page, 'save');
    await sendKeys({ press: 'Enter' });
    expect(page.win.CidConsent!.get().purposes).to.include({ necessary: true, analytics: true, marketing: false });
    const region = page.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('[role="status"]')!;
    await waitUntil(() => region.textContent === 'Vos choix sont enregistrés.', 'the decision is announced');
  });

  it('should close the panel with Escape, decide nothing, and give focus back to "customise"', async () => {
    const { page, panel } = await openPanelByKeyboard();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !panel.open, 'Escape closes the panel');
    expect(deepFocus(page)!.getAttribute('data-action')).to.equal('customize');
    expect(page.win.CidConsent!.get().decided).to.equal(false);
    expect(page.bannerOpen()).to.equal(true);
  });
});

describe('announcements (polite live region, WCAG 2.2 SC 4.1.3)', () => {
  it('should announce every decision, from the banner and from the panel, even with the same words', async () => {
    const page = await context().open();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await panel.updateComplete;
    // The banner's: there from start-up on, whether it is open or not (issue #19).
    const region = page.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('[role="status"]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent!.trim())).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const said = () => heard.filter((text) => text === 'Vos choix sont enregistrés.').length;
    page.button('cid-consent-banner', 'accept-all').click();
    await waitUntil(() => said() === 1, 'accept-all from the banner is announced');
    page.win.CidConsent!.show();
    await panel.updateComplete;
    page.button('cid-consent-preferences', 'save').click();
    await waitUntil(() => said() === 2, 'save from the panel is announced again');
    page.win.CidConsent!.show();
    await panel.updateComplete;
    page.button('cid-consent-preferences', 'reject-all').click();
    await waitUntil(() => said() === 3, 'reject-all from the panel is announced again');
  });
});

describe('layout', () => {
  const buttonsInView = (page: E2EPage, width: number, height: number) => {
    for (const action of ['reject-all', 'accept-all', 'customize']) {
      const box = page.button('cid-consent-banner', action).getBoundingClientRect();
      expect(box.top, action).to.be.at.least(0);
      expect(box.bottom, action).to.be.at.most(height);
      expect(box.right, action).to.be.at.most(width);
    }
  };

  it('should keep all three first-layer buttons in view on a 360×640 screen', async () => {
    const page = await context().open();
    Object.assign(page.frame.style, { width: '360px', height: '640px' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    buttonsInView(page, 360, 640);
  });

  it('should keep the buttons in view and the text reachable with text at 200%', async () => {
    const page = await context().open({ before: '<style>html { font-size: 200% }</style>' });
    buttonsInView(page, 800, 600);
    const text = page.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('p')!;
    expect(getComputedStyle(text.closest('.scroll')!).overflowY).to.equal('auto');
    expect(parseFloat(getComputedStyle(text).fontSize)).to.equal(32);
  });

  it('should not be moved or hidden by a hostile page stylesheet', async () => {
    const page = await context().open({
      before: '<style>* { all: unset } button { display: none !important } section { position: static }</style>',
    });
    const banner = page.doc.querySelector('cid-consent-banner')!;
    expect(getComputedStyle(banner).position).to.equal('fixed');
    const box = page.button('cid-consent-banner', 'reject-all').getBoundingClientRect();
    expect(box.height).to.be.greaterThan(40);
    page.button('cid-consent-banner', 'reject-all').click();
    expect(page.win.CidConsent!.get().decided).to.equal(true);
  });

  it('should keep its own styles inside: the page’s buttons stay as the page made them', async () => {
    const page = await context().open({ after: '<button id="own">page button</button>' });
    await new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(resolve)));
    const own = page.doc.getElementById('own')!;
    expect(getComputedStyle(own).backgroundColor).to.not.equal('rgb(11, 79, 138)');
    // The one sheet the widget adds to the page reserves scroll room under the banner (WCAG 2.4.11), nothing else.
    const rules = page.doc.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    expect(rules).to.have.length(1);
    expect(rules[0]).to.match(/^:root \{ padding-bottom: \d+px; scroll-padding-bottom: \d+px; \}$/);
  });
});
