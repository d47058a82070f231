/** What the panel pre-ticks when a visitor is asked again (issue #19, item 4): nothing they were not shown. */
import { expect } from '@open-wc/testing';
import type { CidConsentApi } from '../../src/core/api.js';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const GPC = `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })</script>`;

/** The demo's purposes at `revision`, with `added` services added to marketing. */
const config = (revision: number, added: string[] = []) => `<script>window.cidConsentConfig = { policyUrl: '/p', revision: ${revision}, purposes: [
  { id: 'necessary', required: true },
  { id: 'analytics', services: [{ id: 'ga4', name: 'GA4' }, { id: 'hotjar', name: 'Hotjar' }] },
  { id: 'marketing', services: ${JSON.stringify(['meta', 'youtube', ...added].map((id) => ({ id, name: id })))} },
  { id: 'partners' } ] }</script>`;

/** A visitor decides on a page of revision 1, then opens one of revision 2 (with `added` services): asked again. */
async function askedAgain(decide: (api: CidConsentApi) => void, { gpc = false, added = [] as string[] } = {}) {
  const { open } = context();
  const first = await open({ before: (gpc ? GPC : '') + config(1), attributes: '' });
  decide(first.win.CidConsent!);
  const page = await open({ before: (gpc ? GPC : '') + config(2, added), attributes: '' });
  expect(page.win.CidConsent!.get().decided, 'asked again').to.equal(false);
  return page;
}

/** Opens the panel and lists the toggles it shows ticked. */
async function ticked(page: E2EPage): Promise<string[]> {
  page.win.CidConsent!.show();
  const panel = page.doc.querySelector('cid-consent-preferences')!;
  await panel.updateComplete;
  return [...panel.shadowRoot!.querySelectorAll('input')].filter((input) => input.checked).map((input) => input.name);
}

describe('panel pre-fill after a revision bump', () => {
  it('should not pre-tick a service added to a purpose the visitor granted before, only those they were shown', async () => {
    const page = await askedAgain((api) => api.acceptAll(), { added: ['maps'] });
    expect(await ticked(page)).to.deep.equal(['necessary', 'analytics', 'ga4', 'hotjar', 'meta', 'youtube', 'partners']);
  });

  it('should pre-tick again every service of a purpose granted in full when its services did not change', async () => {
    const page = await askedAgain((api) => api.set({ marketing: true }));
    expect(await ticked(page)).to.deep.equal(['necessary', 'marketing', 'meta', 'youtube']);
  });

  it('should pre-tick no service of a purpose that a 0.2 cookie granted in full: it does not say which services were shown', async () => {
    const { open, cookie } = context();
    document.cookie = `${cookie}=1|visitor0042|${Date.now().toString(36)}|1|analytics=1&marketing=1&partners=0; path=/`;
    const page = await open({ before: config(2), attributes: '' });
    expect(await ticked(page)).to.deep.equal(['necessary']);
  });

  it('should leave a purpose with services unticked under Global Privacy Control, and saving keep it refused', async () => {
    const page = await askedAgain((api) => api.set({ marketing: true }), { gpc: true });
    expect(await ticked(page)).to.deep.equal(['necessary']);
    page.button('cid-consent-preferences', 'save').click();
    expect(page.win.CidConsent!.get()).to.deep.include({ decided: true, services: { ga4: false, hotjar: false, meta: false, youtube: false } });
    expect(page.win.CidConsent!.has('marketing')).to.equal(false);
  });

  it('should not pre-tick under Global Privacy Control a service the visitor had granted alone', async () => {
    const page = await askedAgain((api) => api.set({ youtube: true }), { gpc: true });
    expect(await ticked(page)).to.deep.equal(['necessary']);
  });
});
