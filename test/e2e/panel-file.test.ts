import { expect, waitUntil } from '@open-wc/testing';
import { uniqueId } from '../helpers.js';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

/** The widget's tag loading the bundle from a folder whose panel file is `missing` (404) or held back until released. */
const siblingTag = (mode: string, cookie: string, attributes = '') =>
  `<script src="/e2e/sibling/${mode}/cid-consent.js" data-cookie-name="${cookie}" data-policy-url="/p" defer ${attributes}></script>`;

/** A panel file that the test server holds back until `release()` (web-test-runner.config.mjs). */
function heldPanel() {
  const key = uniqueId('h');
  return { mode: `held_${key}`, release: () => fetch(`/e2e/release?key=${key}`, { method: 'POST' }) };
}

const banner = (page: E2EPage) => page.doc.querySelector('cid-consent-banner')!;
const bannerButton = (page: E2EPage, action: string) => page.button('cid-consent-banner', action);
const region = (page: E2EPage) => banner(page).shadowRoot!.querySelector('[role="status"]')!;
const panelDialog = (page: E2EPage) => page.doc.querySelector('cid-consent-preferences')?.shadowRoot?.querySelector('dialog');
const deepFocus = (page: E2EPage) => {
  let active = page.doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
const panelArrived = (page: E2EPage) => waitUntil(() => page.win.customElements.get('cid-consent-preferences'), 'the panel file arrives', { timeout: 5000 });
const frames = (page: E2EPage, n = 2) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left ? page.win.requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });

describe('“Personnaliser” before the panel file has arrived (issue #19)', () => {
  it('should show at once that the panel is coming, and say so to assistive technology', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie) });
    // As a pointer or the keyboard does, the button takes focus as it is pressed.
    bannerButton(page, 'customize').focus();
    bannerButton(page, 'customize').click();
    await banner(page).updateComplete;
    const customize = bannerButton(page, 'customize');
    expect(customize.textContent).to.equal('Chargement des préférences…');
    expect(customize.getAttribute('aria-busy')).to.equal('true');
    expect(deepFocus(page) === customize, 'focus stays on the button pressed').to.equal(true);
    await waitUntil(() => region(page).textContent === 'Chargement des préférences…', 'the wait is announced');
    await held.release();
    await waitUntil(() => panelDialog(page)?.open, 'the panel opens once its file is there', { timeout: 5000 });
    expect(bannerButton(page, 'customize').textContent).to.equal('Personnaliser');
    expect(bannerButton(page, 'customize').hasAttribute('aria-busy')).to.equal(false);
  });

  it('should not open the panel by itself after “Tout accepter”, nor take focus from the field the visitor went to', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: `<main><input id="q" aria-label="Recherche"></main>${siblingTag(held.mode, cookie)}` });
    bannerButton(page, 'customize').click();
    bannerButton(page, 'accept-all').click();
    page.doc.getElementById('q')!.focus();
    await held.release();
    await panelArrived(page);
    await frames(page, 3);
    expect(panelDialog(page)?.open ?? false, 'no panel').to.equal(false);
    expect(page.doc.activeElement?.id).to.equal('q');
    expect(page.win.CidConsent!.get().purposes).to.include({ analytics: true, marketing: true, partners: true });
    expect(page.bannerOpen()).to.equal(false);
  });

  it('should not open the panel asked for by show() once the site’s own code has decided meanwhile', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie) });
    page.win.CidConsent!.show();
    page.win.CidConsent!.rejectAll();
    await held.release();
    await panelArrived(page);
    await frames(page, 3);
    expect(panelDialog(page)?.open ?? false).to.equal(false);
    expect(page.bannerOpen()).to.equal(false);
  });

  it('should not pop the panel over a field the visitor went on to, and open it at once at the next press', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: `<main><input id="q" aria-label="Recherche"></main>${siblingTag(held.mode, cookie)}` });
    bannerButton(page, 'customize').click();
    page.doc.getElementById('q')!.focus();
    await held.release();
    await panelArrived(page);
    await frames(page, 3);
    expect(panelDialog(page)?.open ?? false, 'no panel while the visitor types').to.equal(false);
    expect(page.doc.activeElement?.id).to.equal('q');
    expect(bannerButton(page, 'customize').textContent, 'no longer loading').to.equal('Personnaliser');
    bannerButton(page, 'customize').click();
    await waitUntil(() => panelDialog(page)?.open, 'the next press opens it');
  });

  it('should keep focus on the first layer’s “Personnaliser” when the manage button gives way to it, and open the panel there', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie, 'data-manage-button="true"') });
    bannerButton(page, 'accept-all').click();
    await banner(page).updateComplete;
    const manage = bannerButton(page, 'customize');
    expect(manage.getAttribute('part')).to.equal('button manage');
    manage.focus();
    manage.click();
    await banner(page).updateComplete;
    expect(deepFocus(page)?.getAttribute('part'), 'focus moves to the button that stands for it').to.equal('button customize');
    await held.release();
    await waitUntil(() => panelDialog(page)?.open, 'the panel opens where the visitor still is', { timeout: 5000 });
  });

  it('should say the panel could not be had when its file stalls without failing', async function () {
    this.timeout(25000);
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie) });
    bannerButton(page, 'customize').click();
    await waitUntil(() => banner(page).panelStatus === 'unavailable', 'the stall counts as a failure', { timeout: 16000, interval: 200 });
    expect((page.win as unknown as Window & { logs: string[] }).logs.join('\n')).to.contain('did not arrive within 12 s');
    await held.release();
  });

  it('should open the panel on the state in force when it arrives, for a visitor who reopened it after deciding', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: `<footer><a href="#" id="manage" data-cid-consent-open>Gérer mes cookies</a></footer>${siblingTag(held.mode, cookie)}` });
    bannerButton(page, 'accept-all').click();
    page.doc.getElementById('manage')!.click();
    await banner(page).updateComplete;
    expect(page.bannerOpen(), 'the first layer answers at once').to.equal(true);
    expect(bannerButton(page, 'customize').textContent).to.equal('Chargement des préférences…');
    await held.release();
    await waitUntil(() => panelDialog(page)?.open, 'the panel opens', { timeout: 5000 });
    const toggle = (name: string) => panelDialog(page)!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    expect([toggle('analytics').checked, toggle('marketing').checked, toggle('partners').checked]).to.deep.equal([true, true, true]);
    expect(page.bannerOpen(), 'the first layer stood in for the panel only').to.equal(false);
  });
});

describe('withdrawing without the panel file (issue #19, CONTRACT §8)', () => {
  const ways: [string, string, (page: E2EPage) => void][] = [
    ['the footer link', `<footer><a href="#" id="manage" data-cid-consent-open>Gérer mes cookies</a></footer>`, (page) => page.doc.getElementById('manage')!.click()],
    ['the manage button', '', (page) => bannerButton(page, 'customize').click()],
    ['show()', '', (page) => page.win.CidConsent!.show()],
  ];
  for (const [way, markup, reopen] of ways) {
    it(`should let a visitor who accepted refuse everything from ${way} when the panel file is missing`, async () => {
      const { open, cookie, readCookie } = context();
      const page = await open({ noWidget: true, after: markup + siblingTag('missing', cookie, 'data-manage-button="true"') });
      bannerButton(page, 'accept-all').click();
      expect(page.win.CidConsent!.has('marketing')).to.equal(true);
      await banner(page).updateComplete;
      reopen(page);
      await banner(page).updateComplete;
      expect(page.bannerOpen(), 'the first layer opens again').to.equal(true);
      await waitUntil(() => banner(page).shadowRoot!.querySelector('[part="panel-status"]'), 'it says the panel cannot be had');
      expect(banner(page).shadowRoot!.querySelector('[part="panel-status"]')!.textContent).to.contain('n’a pas pu être chargé');
      await waitUntil(() => region(page).textContent!.includes('n’a pas pu être chargé'), 'and says so aloud');
      bannerButton(page, 'reject-all').click();
      expect(page.win.CidConsent!.get().purposes).to.include({ analytics: false, marketing: false, partners: false });
      expect(page.bannerOpen()).to.equal(false);
      expect(readCookie(), 'the refusal is stored').to.match(/analytics=0&marketing=0&partners=0/);
    });
  }

  it('should offer no “Fermer” once a reset has asked the visitor again', async () => {
    const { open, cookie } = context();
    const page = await open({ noWidget: true, after: siblingTag('missing', cookie) });
    bannerButton(page, 'accept-all').click();
    page.win.CidConsent!.show();
    await banner(page).updateComplete;
    expect(banner(page).closable).to.equal(true);
    page.win.CidConsent!.reset();
    await banner(page).updateComplete;
    expect(page.bannerOpen()).to.equal(true);
    expect(banner(page).shadowRoot!.querySelector('[data-action="close"]')).to.equal(null);
  });

  it('should close the first layer opened again without deciding anything, and ask for the panel file again at the next use', async () => {
    const { open, cookie } = context();
    const page = await open({ noWidget: true, after: siblingTag('missing', cookie) });
    bannerButton(page, 'accept-all').click();
    const decided = page.win.CidConsent!.get();
    page.win.CidConsent!.show();
    await waitUntil(() => banner(page).panelStatus === 'unavailable', 'the panel file is missing');
    const attempts = () => page.win.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('cid-consent-panel.js')).length;
    const before = attempts();
    await banner(page).updateComplete;
    bannerButton(page, 'customize').click();
    await waitUntil(() => attempts() > before, '“Personnaliser” asks for the file again');
    await waitUntil(() => banner(page).panelStatus === 'unavailable', 'still missing');
    await banner(page).updateComplete;
    bannerButton(page, 'close').click();
    expect(page.bannerOpen()).to.equal(false);
    expect(page.win.CidConsent!.get()).to.deep.equal(decided);
  });

  it('should show a blocked iframe’s placeholder, and load the frame from it, when the panel file is missing', async () => {
    const { open, cookie, run } = context();
    const page = await open({
      noWidget: true,
      after: `<iframe title="Vidéo" data-cid-consent="marketing" data-src="/e2e/tracker?run=${run}&name=video"></iframe>${siblingTag('missing', cookie)}`,
    });
    await waitUntil(() => (page.win as unknown as Window & { logs: string[] }).logs.length > 0, 'the missing file is reported');
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    expect(placeholder.shadowRoot!.textContent).to.contain('Prospection commerciale');
    placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[part~="allow"]')!.click();
    await waitUntil(async () => (await page.requests()).length === 1, 'the frame loads');
    expect(page.doc.querySelector('cid-consent-placeholder')).to.equal(null);
  });
});

describe('announcements before the panel file (issue #19, WCAG 2.2 SC 4.1.3)', () => {
  it('should announce a decision at once in a live region that has been there since start-up', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie) });
    const live = region(page);
    // In the accessibility tree from the start: not inside a box that display: none takes out.
    expect(getComputedStyle(banner(page)).display).to.not.equal('none');
    expect(live.getAttribute('role')).to.equal('status');
    bannerButton(page, 'reject-all').click();
    await waitUntil(() => live.textContent === 'Vos choix sont enregistrés.', 'the decision is announced before the file arrives');
    expect(region(page), 'the same region').to.equal(live);
    expect(page.win.customElements.get('cid-consent-preferences')).to.equal(undefined);
    await held.release();
  });

  it('should never take the live region out of the page, whatever the banner draws', async () => {
    const { open, cookie } = context();
    const held = heldPanel();
    const page = await open({ noWidget: true, after: siblingTag(held.mode, cookie, 'data-manage-button="true"') });
    const live = region(page);
    const removed: Node[] = [];
    new MutationObserver((records) => records.forEach((record) => removed.push(...record.removedNodes))).observe(banner(page).shadowRoot!, { childList: true });
    bannerButton(page, 'customize').click();
    bannerButton(page, 'reject-all').click();
    page.win.CidConsent!.show();
    await banner(page).updateComplete;
    page.win.CidConsent!.hide();
    await banner(page).updateComplete;
    await held.release();
    expect(removed.length, 'the banner did draw itself again').to.be.greaterThan(0);
    expect(removed.includes(live)).to.equal(false);
    expect(live.isConnected).to.equal(true);
  });

  it('should keep the closed banner to a box of 1 px, out of sight', async () => {
    const { open, cookie } = context();
    const page = await open({ noWidget: true, after: siblingTag('missing', cookie) });
    bannerButton(page, 'accept-all').click();
    await banner(page).updateComplete;
    const box = banner(page).getBoundingClientRect();
    expect(box.width * box.height).to.be.at.most(1);
    expect(getComputedStyle(banner(page)).clipPath).to.equal('inset(50%)');
  });
});
