import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/cid-consent-placeholder.js';
import type { CidConsentPlaceholder } from '../../src/components/cid-consent-placeholder.js';
import { en } from '../../src/i18n/en.js';

async function placeholder() {
  const el = await fixture<CidConsentPlaceholder>(html`<cid-consent-placeholder></cid-consent-placeholder>`);
  el.purposes = ['marketing', 'partners'];
  el.labels = ['Prospection commerciale', 'Offres de nos partenaires'];
  await el.updateComplete;
  return el;
}

describe('<cid-consent-placeholder>', () => {
  it('should say which purposes the content needs', async () => {
    const el = await placeholder();
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal(
      'Ce contenu est fourni par un service tiers. Pour l’afficher, autorisez «\u00a0Prospection commerciale, Offres de nos partenaires\u00a0».',
    );
  });

  it('should be accessible', async () => {
    await expect(await placeholder()).to.be.accessible();
  });

  it('should grant exactly the purposes of the frame', async () => {
    const el = await placeholder();
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({
      action: 'save',
      choices: { marketing: true, partners: true },
    });
  });

  it('should name the service and its provider when the frame needs a service', async () => {
    const el = await placeholder();
    el.purposes = ['youtube'];
    el.labels = ['YouTube'];
    el.services = [{ name: 'YouTube', provider: 'Google Ireland' }];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal(
      'Ce contenu est fourni par YouTube (Google Ireland). Pour l’afficher, autorisez «\u00a0YouTube\u00a0».',
    );
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="save"]')!.click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'save', choices: { youtube: true } });
  });

  it('should name a service without a provider by its name alone, in English too', async () => {
    const el = await placeholder();
    el.texts = en;
    el.purposes = ['vimeo'];
    el.labels = ['Vimeo'];
    el.services = [{ name: 'Vimeo' }];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('This content is provided by Vimeo. To show it, allow “Vimeo”.');
  });

  it('should keep the purpose sentence when the frame needs a purpose besides a service', async () => {
    const el = await placeholder();
    el.purposes = ['youtube', 'partners'];
    el.labels = ['YouTube', 'Offres de nos partenaires'];
    el.services = [{ name: 'YouTube', provider: 'Google Ireland' }];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.contain('service tiers');
  });

  it('should ask to open the preferences panel', async () => {
    const el = await placeholder();
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="customize"]')!.click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'customize' });
  });
});
