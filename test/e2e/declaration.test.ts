/**
 * The cookie declaration (issue #24, CONTRACT §9) on the built script-tag bundle, in real pages: what
 * it lists, how it follows the visitor's decision, and its accessibility (WCAG 2.2 AA).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

/** A configuration with each kind of cookie entry: declared with a lifetime, a third party's, a plain name, a service's. */
const CONFIG = `<script>window.cidConsentConfig = { policyUrl: '/p', cookiePolicyUrl: '/cookies', receiptUrl: '/e2e/receipts?run=decl',
  sites: [location.origin, 'https://www.cid-it.boutique'],
  purposes: [
    { id: 'necessary', required: true, cookies: [{ name: 'PHPSESSID', lifetime: 'session', description: { fr: 'Votre session', en: 'Your session' } }] },
    { id: 'analytics', cookies: [{ name: '_ga', lifetime: '13 mois', description: { fr: 'Distingue les visiteurs', en: 'Tells visitors apart' } }, '/^_ga_/'],
      services: [{ id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd', policyUrl: 'https://www.hotjar.com/privacy/', cookies: [{ name: '/^_hj/', lifetime: { days: 365 }, party: 'third' }] }] },
    { id: 'marketing', services: [{ name: 'Meta pixel', provider: 'Meta Platforms Ireland', cookies: [{ name: '_fbp', lifetime: '90 jours', party: 'third' }] }] },
  ] }</script>`;
const AXE = '<script src="/node_modules/axe-core/axe.min.js"></script>';
const PAGE = '<main><h1>Politique de cookies</h1><cid-consent-declaration></cid-consent-declaration></main>';

async function open(options: { lang?: string; before?: string; attributes?: string; config?: string } = {}): Promise<{ page: E2EPage; root: ShadowRoot; cookie: string }> {
  const { cookie, open: openPage } = context();
  const page = await openPage({ lang: options.lang, before: (options.before ?? '') + CONFIG + (options.config ?? '') + PAGE, attributes: options.attributes });
  const element = page.doc.querySelector('cid-consent-declaration')!;
  await page.win.customElements.whenDefined('cid-consent-declaration');
  await waitUntil(() => element.shadowRoot?.querySelector('table'), 'the declaration is rendered', { timeout: 5000 });
  return { page, root: element.shadowRoot!, cookie };
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (root: ShadowRoot) =>
  [...root.querySelectorAll('section[part="purpose"] tbody tr')].map((tr) => [...tr.children].map((cell) => text(cell)));

describe('<cid-consent-declaration> on the built bundle', () => {
  it('should list exactly the purposes, services and cookies of the configuration, in French', async () => {
    const { page, root, cookie } = await open();
    expect([...root.querySelectorAll('section[part="purpose"] h3')].map(text)).to.deep.equal([
      'Strictement nécessaires',
      'Mesure d’audience',
      'Prospection commerciale',
    ]);
    expect(rows(root)).to.deep.equal([
      ['PHPSESSID', '—', 'la session (jusqu’à la fermeture du navigateur)', 'ce site', 'Votre session'],
      ['_ga', '—', '13 mois', 'ce site', 'Distingue les visiteurs'],
      ['_ga_*', '—', 'durée non déclarée', 'ce site', '—'],
      ['_hj*', 'Hotjar', '1 an', 'un tiers', '—'],
      ['_fbp', 'Meta pixel', '90 jours', 'un tiers', '—'],
    ].map((row) => row.map((cell) => cell.replace(/\s+/g, ' '))));
    expect([...root.querySelectorAll('[part="services"] li')].map(text)).to.deep.equal([
      'Hotjar, fourni par Hotjar Ltd Politique de confidentialité de Hotjar',
      'Meta pixel, fourni par Meta Platforms Ireland',
    ]);
    expect([...root.querySelectorAll('[part="basis"]')].map(text)[0]).to.match(/^Base légale : aucun consentement requis/);
    expect([...root.querySelectorAll('[part="own"] tbody th')].map(text)).to.deep.equal([cookie, 'cid_consent_outbox', 'Preuve de consentement']);
    // Names to look up are code; the proof kept by the receiver is words (and wraps as words do).
    expect([...root.querySelectorAll('[part="own"] tbody th')].map((th) => !!th.querySelector('code'))).to.deep.equal([true, true, false]);
    expect(text(root.querySelector('[part="sites"]'))).to.contain('www.cid-it.boutique');
    expect(page.win.logs).to.deep.equal(['warn: [cid-consent] config.purposes: no lifetime for the cookies /^_ga_/; write them { name, lifetime }.']);
  });

  it('should say it all in English on an English page', async () => {
    const { root } = await open({ lang: 'en' });
    expect(text(root.querySelector('h2'))).to.equal('Cookies on this site');
    expect(rows(root).map((row) => row[2])).to.deep.equal(['the session (until the browser closes)', '13 months', 'lifetime not declared', '1 year', '90 days']);
    expect(rows(root)[3][3]).to.equal('a third party');
    expect(text(root.querySelector('caption'))).to.equal('Cookies: Strictly necessary');
  });

  it('should take the site’s own texts for its headings, without a warning about their keys', async () => {
    const { page, root } = await open({ config: `<script>cidConsentConfig.texts = { fr: { 'declaration.title': 'Nos traceurs', 'declaration.receiptsLifetime': '3 ans' } }</script>` });
    expect(text(root.querySelector('h2'))).to.equal('Nos traceurs');
    expect(text(root.querySelector('[part="own"] tbody tr:last-child td:nth-child(3)'))).to.equal('3 ans');
    expect(page.win.logs!.filter((line) => line.includes('texts'))).to.deep.equal([]);
  });

  it('should use real table semantics: a caption, column headers and a row header per cookie', async () => {
    const { root } = await open();
    for (const table of root.querySelectorAll('table')) {
      expect(table.querySelector('caption'), 'caption').to.not.equal(null);
      expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
      expect([...table.querySelectorAll('tbody tr')].every((tr) => tr.firstElementChild!.matches('th[scope="row"]'))).to.equal(true);
    }
  });

  it('should follow a change of decision at once and show the consent id and date once decided', async () => {
    const { page, root } = await open();
    expect(root.querySelector('[part="consent-id"]')).to.equal(null);
    const element = page.doc.querySelector('cid-consent-declaration')!;
    page.win.CidConsent!.set({ analytics: true });
    await element.updateComplete;
    const state = page.win.CidConsent!.get();
    expect(text(root.querySelector('[part="consent-id"]'))).to.contain(state.id!);
    expect(text(root.querySelector('[part="consent-id"]'))).to.contain(String(new Date(state.updatedAt!).getFullYear()));
    expect([...root.querySelectorAll('[part="choices"] > li')].map(text)).to.deep.equal([
      'Strictement nécessaires : toujours actif',
      'Mesure d’audience : accepté Hotjar : accepté',
      'Prospection commerciale : refusé',
    ]);
    page.win.CidConsent!.set({ hotjar: false });
    await element.updateComplete;
    expect(text(root.querySelectorAll('[part="choices"] > li')[1])).to.equal('Mesure d’audience : refusé Hotjar : refusé');
  });

  it('should open the preferences panel from its button, by keyboard, and give focus back to it', async () => {
    const { page, root } = await open();
    const button = root.querySelector<HTMLButtonElement>('[part~="manage"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    await waitUntil(() => panel.open, 'the panel opens');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !panel.open, 'the panel closes');
    await waitUntil(() => root.activeElement === button, 'focus is back on the button');
  });

  for (const theme of ['light', 'dark']) {
    it(`should have no axe violation, ${theme} theme, before and after a decision`, async () => {
      const { page } = await open({ before: AXE, attributes: `data-theme="${theme}"` });
      page.win.CidConsent!.rejectAll();
      await page.doc.querySelector('cid-consent-declaration')!.updateComplete;
      const win = page.win as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } };
      const { violations } = await win.axe.run(page.doc);
      expect(violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).to.deep.equal([]);
    });
  }

  it('should reflow at 320 px wide: nothing sticks out sideways (WCAG 2.2 SC 1.4.10)', async () => {
    const { page, root } = await open();
    page.win.CidConsent!.acceptAll();
    Object.assign(page.frame.style, { width: '320px', height: '256px' });
    await new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(resolve)));
    expect(page.doc.documentElement.scrollWidth).to.be.at.most(page.doc.documentElement.clientWidth);
    for (const table of root.querySelectorAll('table')) expect(table.getBoundingClientRect().right).to.be.at.most(320);
  });

  it('should print without its button, every cookie row kept', async () => {
    const { root } = await open();
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(root.querySelector('[part~="manage"]')!).display).to.equal('none');
      expect(rows(root)).to.have.length(5);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('should load its file only on a page that holds the element', async () => {
    const page = await context().open({ before: CONFIG + '<main><h1>Accueil</h1></main>' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...page.doc.scripts].map((s) => s.src).filter((src) => src.includes('cid-consent-declaration'))).to.deep.equal([]);
    expect(page.win.customElements.get('cid-consent-declaration')).to.equal(undefined);
  });

  it('should fill a declaration that a client-side route renders after the page has loaded', async () => {
    const page = await context().open({ before: CONFIG + '<main><h1>Accueil</h1></main>' });
    await waitUntil(() => page.win.CidConsent?.get, 'the widget runs');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A single-page app's cookie-policy route: its markup arrives long after DOMContentLoaded.
    page.doc.querySelector('main')!.innerHTML = '<section><h1>Politique de cookies</h1><cid-consent-declaration></cid-consent-declaration></section>';
    const element = page.doc.querySelector('cid-consent-declaration')!;
    await waitUntil(() => element.shadowRoot?.querySelector('table'), 'the late declaration is rendered', { timeout: 5000 });
    page.win.CidConsent!.acceptAll();
    await waitUntil(() => element.shadowRoot!.textContent!.includes(page.win.CidConsent!.get().id!), 'it follows the decision');
  });

  it('should fill a second declaration added once the first one was filled', async () => {
    const { page } = await open();
    const second = page.doc.createElement('cid-consent-declaration');
    page.doc.body.append(second);
    await waitUntil(() => second.shadowRoot?.querySelector('table'), 'the second declaration is rendered', { timeout: 5000 });
  });

  it('should show the choices of now in a declaration put back after a change made while it was out of the page', async () => {
    const { page, root } = await open();
    const element = page.doc.querySelector('cid-consent-declaration')!;
    // A kept-alive route: the element leaves the page, the visitor decides elsewhere, the route comes back.
    element.remove();
    page.win.CidConsent!.acceptAll();
    page.doc.body.append(element);
    await waitUntil(() => root.textContent!.includes(page.win.CidConsent!.get().id!), 'the consent id of the decision made meanwhile');
  });
});
