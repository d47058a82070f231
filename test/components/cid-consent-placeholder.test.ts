import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/cid-consent-placeholder.js';
import type { CidConsentPlaceholder } from '../../src/components/cid-consent-placeholder.js';

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

  it('should ask to open the preferences panel', async () => {
    const el = await placeholder();
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="customize"]')!.click());
    expect((await oneEvent(document, 'cid-consent-action')).detail).to.deep.equal({ action: 'customize' });
  });
});
