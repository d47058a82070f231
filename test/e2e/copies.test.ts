import { expect } from '@open-wc/testing';
import type { CidConsentApi } from '../../src/core/api.js';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type Module = { consent: CidConsentApi; start: (config: object) => CidConsentApi };

/** Imports the published ES module inside the page, as a bundled app on the same page would. */
const importModule = (page: E2EPage) => (page.win as unknown as { eval(code: string): Promise<Module> }).eval(`import('/dist/index.js')`);

describe('two copies of the widget on one page', () => {
  it('should give the ES module the state and events of a script tag that started first', async () => {
    const { open } = context();
    const page = await open();
    const { consent } = await importModule(page);
    const heard: string[][] = [];
    consent.on('change', (change) => heard.push(change.granted));
    page.win.CidConsent!.acceptAll();
    expect(consent).to.equal(page.win.CidConsent);
    expect(consent.has('analytics')).to.equal(true);
    expect(heard).to.deep.equal([['analytics', 'marketing', 'partners']]);
  });

  it('should give the script tag the state of an ES module that started first', async () => {
    const { open, widgetTag, cookie } = context();
    const page = await open({ noWidget: true });
    const { consent, start } = await importModule(page);
    start({ policyUrl: '/p', cookie: { name: cookie } });
    consent.set({ analytics: true });
    const loaded = new Promise((resolve) => {
      const holder = page.doc.createElement('div');
      holder.innerHTML = widgetTag('data-policy-url="/p"');
      const script = page.doc.createElement('script');
      script.src = holder.querySelector('script')!.src;
      script.addEventListener('load', resolve);
      page.doc.body.append(script);
    });
    await loaded;
    expect(page.win.CidConsent).to.equal(consent);
    expect(page.win.CidConsent!.has('analytics')).to.equal(true);
    expect(page.doc.querySelectorAll('cid-consent-banner')).to.have.length(1);
  });
});
