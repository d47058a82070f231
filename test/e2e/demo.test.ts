/** The demo sites (demo/, served by `npm start`) are what CID-IT sees first: they must be right too. */
import { expect } from '@open-wc/testing';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

const PAGES = [
  'cid-it.fr/index.html',
  'cid-it.boutique/index.html',
  'politique-de-confidentialite.html',
  'cid-it.fr/politique-de-cookies.html',
  'cid-it.boutique/politique-de-cookies.html',
];
/** What scripts/serve-demo.mjs maps, rewritten for this test server (which serves the repository root). */
const served = (html: string, site: string) =>
  html
    .replaceAll('"/assets/', '"/dist/')
    .replace(/"\/(consent-config\.js|politique-de-cookies\.html)/g, `"/demo/${site}/$1`)
    .replace(/"\/(demo\.css|demo-console\.js|trackers\/|video\.html|politique-de-confidentialite\.html)/g, '"/demo/$1');

async function demo(path: string, width = 320) {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: 640px; border: 0`;
  frame.srcdoc = served(await (await fetch(`/demo/${path}`)).text(), path.split('/')[0]);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  type Declared = { id?: string; cookies?: (string | { name: string })[] };
  const win = frame.contentWindow as Window & typeof globalThis & { cidConsentConfig?: { purposes: (Declared & { services?: Declared[] })[] } };
  await new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
  return { doc: frame.contentDocument!, win };
}

describe('demo sites', () => {
  for (const path of PAGES) {
    it(`should not scroll sideways at 320 px: ${path}`, async () => {
      const { doc } = await demo(path);
      const wide = [...doc.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > 320.5).map((el) => el.outerHTML.slice(0, 60));
      expect(wide).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(320);
    });

    it(`should follow French typography in its own texts: ${path}`, async () => {
      const { doc } = await demo(path, 1280);
      // Its own texts: not the widget's (tested in test/i18n), not the JSON the demo console prints,
      // and not the timestamped logs of the demo console.
      for (const skip of doc.querySelectorAll('script, style, pre, ol, cid-consent-banner, cid-consent-preferences, cid-consent-declaration')) skip.remove();
      // Collapse white space as the browser shows it; not with \s, which would take the non-breaking spaces too.
      const text = doc.body.textContent!.replace(/[ \t\r\n]+/g, ' ');
      expect(text).to.not.match(/[^\u00a0\u202f][:;?!»]|«[^\u00a0\u202f]/u);
    });
  }

  it('should list every cookie a demo tracker sets for deletion when its purpose is refused', async () => {
    const { win } = await demo('cid-it.fr/index.html', 1280);
    const trackers = { 'analytics.js': 'analytics', 'late-heatmap.js': 'analytics', 'marketing.js': 'marketing', 'partners.js': 'partners' };
    for (const [file, purpose] of Object.entries(trackers)) {
      const source = await (await fetch(`/demo/trackers/${file}`)).text();
      // A purpose's own cookies and its services' (issue #11: each tool of the demo is a service).
      const declared = win.cidConsentConfig!.purposes.find((p) => p.id === purpose)!;
      const patterns = [declared, ...(declared.services ?? [])].flatMap((entry) => entry.cookies ?? []).map((c) => (typeof c === 'string' ? c : c.name));
      const matches = (name: string) =>
        patterns.some((p) => (p.startsWith('/') ? new RegExp(p.slice(1, p.lastIndexOf('/'))).test(name) : p === name));
      // The cookie names the fake trackers write, e.g. '_ga=' (the test server may re-quote the file).
      const names = [...source.matchAll(/["'](\w+)=/g)].map((m) => m[1]);
      expect(names, file).to.not.be.empty;
      for (const name of names) expect(matches(name), `${file} sets ${name}`).to.equal(true);
    }
  });

  it('should have a favicon, so the demo logs no 404', async () => {
    const response = await fetch('/demo/favicon.ico');
    expect(response.ok).to.equal(true);
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).to.deep.equal([0, 0, 1, 0]);
  });
});
