/** The visitor's side of services (issue #11) and of the consent id (issue #12), on the built bundle. */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { context, type E2EPage } from './page.js';
import { SERVICES_CONFIG } from './services-config.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const VIDEO = '<iframe title="Vidéo" data-cid-consent="youtube" data-src="/v" width="480" height="270"></iframe>';

async function open(lang = 'fr') {
  return context().open({ before: SERVICES_CONFIG, attributes: '', after: VIDEO, lang });
}

const panelOf = async (page: E2EPage) => {
  const panel = page.doc.querySelector('cid-consent-preferences')!;
  await panel.updateComplete;
  return panel;
};
const toggle = (panel: HTMLElement, name: string) => panel.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

/** The element focused in the page, through shadow roots. */
const deepFocus = (page: E2EPage) => {
  let active = page.doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

async function tabTo(page: E2EPage, matches: (el: Element) => boolean, what: string, max = 15) {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const focused = deepFocus(page);
    if (focused && matches(focused)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('placeholder of a service', () => {
  it('should name the service and its provider, in French and in English', async () => {
    for (const [lang, text] of [
      ['fr', 'Ce contenu est fourni par YouTube (Google Ireland). Pour l’afficher, autorisez «\u00a0YouTube\u00a0».'],
      ['en', 'This content is provided by YouTube (Google Ireland). To show it, allow “YouTube”.'],
    ]) {
      const page = await open(lang);
      const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
      await placeholder.updateComplete;
      expect(placeholder.shadowRoot!.querySelector('[part="text"]')!.textContent, lang).to.equal(text);
    }
  });

  it('should keep the purpose sentence for a frame that names a purpose', async () => {
    const page = await context().open({ before: SERVICES_CONFIG, attributes: '', after: VIDEO.replace('youtube', 'marketing') });
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    expect(placeholder.shadowRoot!.querySelector('[part="text"]')!.textContent).to.equal(
      'Ce contenu est fourni par un service tiers. Pour l’afficher, autorisez «\u00a0Prospection commerciale\u00a0».',
    );
  });
});

describe('panel with services', () => {
  it('should show what a placeholder granted: the service on, its purpose mixed', async () => {
    const page = await open();
    page.win.CidConsent!.set({ youtube: true });
    page.win.CidConsent!.show();
    const panel = await panelOf(page);
    expect([toggle(panel, 'youtube').checked, toggle(panel, 'meta').checked]).to.deep.equal([true, false]);
    expect(toggle(panel, 'marketing').indeterminate).to.equal(true);
    expect(toggle(panel, 'marketing').getAttribute('aria-checked')).to.equal('mixed');
  });

  it('should grant only the services saved: the purpose stays refused', async () => {
    const page = await open();
    page.win.CidConsent!.show();
    const panel = await panelOf(page);
    toggle(panel, 'ga4').click();
    page.button('cid-consent-preferences', 'save').click();
    expect(page.win.CidConsent!.get().services).to.deep.equal({ ga4: true, hotjar: false, meta: false, youtube: false });
    expect(page.win.CidConsent!.has('analytics')).to.equal(false);
  });

  it('should show the consent id and the date once decided, and not before', async () => {
    const page = await open();
    page.win.CidConsent!.show();
    const panel = await panelOf(page);
    expect(panel.shadowRoot!.querySelector('[part="consent-id"]')).to.equal(null);
    page.button('cid-consent-preferences', 'reject-all').click();
    const { id, updatedAt } = page.win.CidConsent!.get();
    expect([panel.consentId, panel.decidedAt]).to.deep.equal([id, updatedAt]);
    page.win.CidConsent!.show();
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part="consent-id"]')!.textContent).to.contain(`Identifiant de votre consentement\u00a0: ${id} — `);
    page.win.CidConsent!.reset();
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part="consent-id"]')).to.equal(null);
  });

  it('should show a placeholder’s grant before any decision as on, with no consent id (no decision yet)', async () => {
    const page = await open();
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await placeholder.updateComplete;
    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    page.win.CidConsent!.show();
    const panel = await panelOf(page);
    expect(page.win.CidConsent!.get().decided).to.equal(false);
    expect([toggle(panel, 'youtube').checked, toggle(panel, 'marketing').indeterminate]).to.deep.equal([true, true]);
    expect(panel.shadowRoot!.querySelector('[part="consent-id"]')).to.equal(null);
  });
});

describe('keyboard only, with services', () => {
  it('should reach a service toggle with Tab, switch it with Space, and save it alone', async () => {
    const page = await open();
    page.frame.focus();
    await tabTo(page, (el) => el.getAttribute('data-action') === 'customize', 'customise');
    await sendKeys({ press: 'Enter' });
    const panel = await panelOf(page);
    await tabTo(page, (el) => el.getAttribute('name') === 'youtube', 'the YouTube toggle');
    await sendKeys({ press: 'Space' });
    expect(toggle(panel, 'youtube').checked).to.equal(true);
    expect(toggle(panel, 'marketing').getAttribute('aria-checked')).to.equal('mixed');
    await tabTo(page, (el) => el.getAttribute('data-action') === 'save', 'save');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.win.CidConsent!.get().decided, 'the choice is saved');
    expect(page.win.CidConsent!.has('youtube')).to.equal(true);
    expect(page.win.CidConsent!.has('marketing')).to.equal(false);
    expect(page.win.CidConsent!.has('meta')).to.equal(false);
  });
});
