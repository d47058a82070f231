import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/cid-consent-preferences.js';
import type { CidConsentPreferences } from '../../src/components/cid-consent-preferences.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { en } from '../../src/i18n/en.js';
import { viewPurposes } from '../../src/i18n/index.js';

const toggles = (el: CidConsentPreferences) => [...el.shadowRoot!.querySelectorAll('input')];
const press = (el: CidConsentPreferences, action: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();

async function openPanel(choices: Record<string, boolean> = {}) {
  const el = await fixture<CidConsentPreferences>(
    html`<cid-consent-preferences policy-url="/p" cookie-policy-url="/c" contact-email="dpo@example.fr"></cid-consent-preferences>`,
  );
  el.choices = choices;
  el.open = true;
  await el.updateComplete;
  return el;
}

describe('<cid-consent-preferences>', () => {
  it('should open as a modal dialog with one checkbox per purpose', async () => {
    const el = await openPanel();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(toggles(el).map((i) => i.name)).to.deep.equal(['necessary', 'analytics', 'marketing', 'partners']);
  });

  it('should tick nothing but the necessary purpose, which cannot be unticked yet stays focusable', async () => {
    const el = await openPanel();
    // aria-disabled, not disabled: a disabled control is skipped by Tab, and "always active" never heard.
    expect(toggles(el).map((i) => [i.checked, i.disabled, i.getAttribute('aria-disabled')])).to.deep.equal([
      [true, false, 'true'],
      [false, false, null],
      [false, false, null],
      [false, false, null],
    ]);
    const [necessary] = toggles(el);
    necessary.click();
    necessary.closest('label')!.click();
    expect(necessary.checked).to.equal(true);
    necessary.focus();
    expect(el.shadowRoot!.activeElement).to.equal(necessary);
    expect(el.shadowRoot!.querySelector('small')!.textContent).to.equal('Toujours actifs');
  });

  it('should name the sister sites the choice covers, three of them as a list (issue #21)', async () => {
    const el = await openPanel();
    expect(el.shadowRoot!.querySelector('[part="sites"]')).to.equal(null);
    el.sites = ['https://www.cid-it.fr', 'https://www.cid-it.boutique', 'https://location.cid-it.fr'];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="sites"]')!.textContent).to.equal(
      'Votre choix vaut pour nos sites www.cid-it.fr, www.cid-it.boutique et location.cid-it.fr.',
    );
  });

  it('should say how long the choice is kept, from maxAgeDays', async () => {
    const el = await openPanel();
    const text = () => el.shadowRoot!.querySelector('[part="text"]')!.textContent!;
    expect(text()).to.contain('conservé 6\u00a0mois.');
    el.maxAgeDays = 30;
    await el.updateComplete;
    expect(text()).to.contain('conservé 1\u00a0mois.');
    el.texts = en;
    el.lang = 'en';
    el.maxAgeDays = 90;
    await el.updateComplete;
    expect(text()).to.contain('kept for 90 days.');
  });

  it('should expose no second banner landmark inside the dialog', async () => {
    const el = await openPanel();
    expect(el.shadowRoot!.querySelector('header, [role="banner"]')).to.equal(null);
  });

  it('should show the choices it is given', async () => {
    const el = await openPanel({ analytics: true, partners: true });
    expect(toggles(el).map((i) => i.checked)).to.deep.equal([true, true, false, true]);
  });

  it('should be accessible', async () => {
    const el = await openPanel();
    await expect(el).to.be.accessible();
  });

  it('should tie each description to its checkbox', async () => {
    const el = await openPanel();
    for (const input of toggles(el)) {
      const description = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!);
      expect(description!.textContent!.length, input.name).to.be.greaterThan(20);
    }
  });

  it('should save the toggles as they are, and close', async () => {
    const el = await openPanel();
    toggles(el)[0].click();
    toggles(el)[2].click();
    setTimeout(() => press(el, 'save'));
    const { detail } = await oneEvent(document, 'cid-consent-action');
    expect(detail).to.deep.equal({
      action: 'save',
      choices: { necessary: true, analytics: false, marketing: true, partners: false },
    });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
  });

  it('should forget an unsaved toggle when opened again', async () => {
    const el = await openPanel();
    toggles(el)[1].click();
    press(el, 'close');
    await el.updateComplete;
    el.open = true;
    await el.updateComplete;
    expect(toggles(el)[1].checked).to.equal(false);
  });

  for (const action of ['accept-all', 'reject-all', 'close']) {
    it(`should ask for ${action} and close`, async () => {
      const el = await openPanel();
      setTimeout(() => press(el, action));
      expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action });
      await el.updateComplete;
      expect(el.open).to.equal(false);
    });
  }

  it('should tell the page when Escape closed it', async () => {
    const el = await openPanel();
    setTimeout(() => el.shadowRoot!.querySelector('dialog')!.requestClose?.() ?? el.shadowRoot!.querySelector('dialog')!.close());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'close' });
    expect(el.open).to.equal(false);
  });

  it('should give focus back to the element that opened it', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>open</button>`);
    opener.focus();
    const el = await openPanel();
    expect(el.shadowRoot!.activeElement).to.not.equal(null);
    press(el, 'close');
    await el.updateComplete;
    expect(document.activeElement).to.equal(opener);
  });

  it('should announce its status in a polite live region outside the dialog', async () => {
    const el = await openPanel();
    el.open = false;
    el.status = 'Vos choix sont enregistrés.';
    await el.updateComplete;
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.textContent).to.equal('Vos choix sont enregistrés.');
    expect(region.closest('dialog')).to.equal(null);
  });

  it('should announce a message anew each time, even the same one: cleared, then written on the next frame', async () => {
    const el = await openPanel();
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 2; i++) {
      el.announce('Vos choix sont enregistrés.');
      await el.updateComplete;
      expect(region.textContent, `announcement ${i + 1}, first`).to.equal('');
      await nextFrame();
      await el.updateComplete;
      expect(region.textContent, `announcement ${i + 1}, then`).to.equal('Vos choix sont enregistrés.');
    }
  });

  it('should say that Global Privacy Control is honoured, and stay accessible', async () => {
    const el = await openPanel();
    el.gpc = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="gpc"]')!.textContent).to.contain('Global Privacy Control');
    await expect(el).to.be.accessible();
  });

  it('should link to both policies and the data-protection contact', async () => {
    const el = await openPanel();
    const links = [...el.shadowRoot!.querySelectorAll('[part="links"] a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['/p', '/c', 'mailto:dpo@example.fr']);
  });

  it('should list the services of a purpose, linking only safe URLs', async () => {
    const el = await openPanel();
    el.texts = en;
    el.purposes = viewPurposes(
      [
        ...DEFAULT_PURPOSES.slice(0, 1),
        {
          id: 'analytics',
          services: [
            { name: 'Google Analytics', provider: 'Google', policyUrl: 'https://policies.google.com/privacy' },
            { name: 'Evil', policyUrl: 'javascript:alert(1)' },
          ],
        },
      ],
      en,
      'en',
    );
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('li li')];
    expect(items.map((li) => li.textContent!.trim())).to.deep.equal(['Google Analytics (Google)', 'Evil']);
    expect(items[0].querySelector('a')!.href).to.equal('https://policies.google.com/privacy');
    expect(items[1].querySelector('a')).to.equal(null);
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.contain('Strictly necessary');
  });
});
