/** The panel with services inside a purpose (issue #11, CONTRACT §4, §9) and the visitor's consent id (issue #12). */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/cid-consent-preferences.js';
import type { CidConsentPreferences } from '../../src/components/cid-consent-preferences.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { viewPurposes } from '../../src/i18n/index.js';

const PURPOSES = viewPurposes(
  [
    { id: 'necessary', required: true, services: [{ id: 'session', name: 'Session' }] },
    {
      id: 'analytics',
      services: [
        { id: 'ga4', name: 'Google Analytics 4', provider: 'Google Ireland', policyUrl: 'https://policies.google.com/privacy' },
        { name: 'Matomo', provider: 'InnoCraft' },
      ],
    },
    {
      id: 'marketing',
      services: [
        { id: 'meta', name: 'Meta pixel', provider: 'Meta Platforms Ireland' },
        { id: 'youtube', name: 'YouTube', provider: 'Google Ireland', policyUrl: 'javascript:alert(1)' },
      ],
    },
    { id: 'partners' },
  ],
  fr,
  'fr',
);

async function openPanel(choices: Record<string, boolean> = {}) {
  const el = await fixture<CidConsentPreferences>(html`<cid-consent-preferences policy-url="/p"></cid-consent-preferences>`);
  el.purposes = PURPOSES;
  el.choices = choices;
  el.open = true;
  await el.updateComplete;
  return el;
}

const toggle = (el: CidConsentPreferences, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
/** What a screen reader is told of a checkbox: on, off, or mixed. */
const stateOf = (input: HTMLInputElement) => {
  if (input.indeterminate) return input.getAttribute('aria-checked') === 'mixed' ? 'mixed' : 'indeterminate without aria-checked';
  return input.hasAttribute('aria-checked') ? `stale aria-checked ${input.getAttribute('aria-checked')}` : input.checked ? 'on' : 'off';
};
const save = async (el: CidConsentPreferences) => {
  setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click());
  return (await oneEvent(document, 'cid-consent-action')).detail;
};

describe('<cid-consent-preferences> with services', () => {
  it('should give each service with an id its own checkbox, and none to the others or to a required purpose’s', async () => {
    const el = await openPanel();
    const names = [...el.shadowRoot!.querySelectorAll('input')].map((i) => i.name);
    expect(names).to.deep.equal(['necessary', 'analytics', 'ga4', 'marketing', 'meta', 'youtube', 'partners']);
    const toggles = [...el.shadowRoot!.querySelectorAll('[part~="service-toggle"]')].map((i) => i.getAttribute('name'));
    expect(toggles).to.deep.equal(['ga4', 'meta', 'youtube']);
  });

  it('should tick no service, and show no purpose as mixed, before a choice', async () => {
    const el = await openPanel();
    expect(['ga4', 'meta', 'youtube', 'analytics', 'marketing'].map((id) => stateOf(toggle(el, id)))).to.deep.equal([
      'off',
      'off',
      'off',
      'off',
      'off',
    ]);
  });

  it('should name each service with its provider, and link only a safe policy URL', async () => {
    const el = await openPanel();
    const items = [...el.shadowRoot!.querySelectorAll('[part~="service"]')];
    expect(items.map((li) => li.querySelector('label')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Google Analytics 4 (Google Ireland)',
      'Meta pixel (Meta Platforms Ireland)',
      'YouTube (Google Ireland)',
    ]);
    const link = items[0].querySelector<HTMLAnchorElement>('[part~="service-link"]')!;
    expect(link.href).to.equal('https://policies.google.com/privacy');
    expect(link.textContent).to.contain('Google Analytics 4');
    expect(items[2].querySelector('a')).to.equal(null);
  });

  it('should group the services of a purpose under its name', async () => {
    const el = await openPanel();
    const group = toggle(el, 'youtube').closest('[role="group"]')!;
    expect(group.getAttribute('part')).to.equal('services');
    const name = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!;
    expect(name.textContent).to.equal('Prospection commerciale');
  });

  it('should show a purpose as mixed (indeterminate, aria-checked="mixed") when only some of its services are on', async () => {
    const el = await openPanel({ meta: false, youtube: true, ga4: true, analytics: true });
    expect(stateOf(toggle(el, 'marketing'))).to.equal('mixed');
    expect(toggle(el, 'marketing').checked).to.equal(false);
    expect(stateOf(toggle(el, 'analytics'))).to.equal('on');
  });

  it('should switch every service of a purpose with its toggle, from off, mixed and on', async () => {
    const el = await openPanel({ youtube: true });
    const services = () => ['meta', 'youtube'].map((id) => toggle(el, id).checked);
    toggle(el, 'marketing').click();
    expect([stateOf(toggle(el, 'marketing')), ...services()]).to.deep.equal(['on', true, true]);
    toggle(el, 'marketing').click();
    expect([stateOf(toggle(el, 'marketing')), ...services()]).to.deep.equal(['off', false, false]);
  });

  it('should update the purpose as its services are switched: off, mixed, on, mixed', async () => {
    const el = await openPanel();
    const marketing = toggle(el, 'marketing');
    toggle(el, 'youtube').click();
    expect(stateOf(marketing)).to.equal('mixed');
    toggle(el, 'meta').click();
    expect(stateOf(marketing)).to.equal('on');
    toggle(el, 'youtube').click();
    expect(stateOf(marketing)).to.equal('mixed');
    toggle(el, 'meta').click();
    expect(stateOf(marketing)).to.equal('off');
  });

  it('should let a service take its purpose’s value when the choices do not list it', async () => {
    const el = await openPanel({ marketing: true });
    expect([stateOf(toggle(el, 'marketing')), toggle(el, 'meta').checked, toggle(el, 'youtube').checked]).to.deep.equal(['on', true, true]);
  });

  it('should save every purpose and every service', async () => {
    const el = await openPanel();
    toggle(el, 'youtube').click();
    toggle(el, 'ga4').click();
    expect(await save(el)).to.deep.equal({
      action: 'save',
      choices: { necessary: true, analytics: true, ga4: true, marketing: false, meta: false, youtube: true, partners: false },
    });
  });

  it('should show again the stored choices when reopened, mixed state included', async () => {
    const el = await openPanel({ youtube: true });
    toggle(el, 'meta').click();
    el.open = false;
    await el.updateComplete;
    el.open = true;
    await el.updateComplete;
    expect([stateOf(toggle(el, 'marketing')), toggle(el, 'meta').checked]).to.deep.equal(['mixed', false]);
  });

  it('should be accessible with a purpose mixed', async () => {
    const el = await openPanel({ youtube: true });
    await expect(el).to.be.accessible();
  });
});

describe('<cid-consent-preferences> consent id (issue #12)', () => {
  const line = (el: CidConsentPreferences) => el.shadowRoot!.querySelector('[part="consent-id"]');

  it('should show the consent id and the date of the decision, so the visitor can cite them', async () => {
    const el = await openPanel();
    el.consentId = 'k3x9q2m7ab1c';
    el.decidedAt = '2026-11-26T10:00:00.000Z';
    await el.updateComplete;
    const date = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeStyle: 'short' }).format(new Date('2026-11-26T10:00:00.000Z'));
    expect(line(el)!.textContent).to.equal(`Identifiant de votre consentement\u00a0: k3x9q2m7ab1c — ${date}`);
    el.texts = en;
    el.lang = 'en';
    await el.updateComplete;
    expect(line(el)!.textContent).to.match(/^Your consent ID: k3x9q2m7ab1c — November 26, 2026/);
  });

  it('should show no consent id before a decision', async () => {
    const el = await openPanel();
    expect(line(el)).to.equal(null);
  });

  it('should show no date that cannot be read', async () => {
    const el = await openPanel();
    el.consentId = 'k3x9q2m7ab1c';
    el.decidedAt = 'not a date';
    await el.updateComplete;
    expect(line(el)!.textContent).to.equal('Identifiant de votre consentement\u00a0: k3x9q2m7ab1c');
  });
});
