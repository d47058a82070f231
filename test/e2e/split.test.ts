import { expect, waitUntil } from '@open-wc/testing';
import { CLS_PROBE, context } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type Extra = Record<string, unknown>;

/** Records the time of the first animation frame that paints the open banner. */
const FIRST_FRAME_SPY =
  `<script>window.bannerFrame=0;const spy=()=>{const b=document.querySelector('cid-consent-banner');` +
  `if(b&&b.shadowRoot&&b.shadowRoot.querySelector('section'))bannerFrame=performance.now();else requestAnimationFrame(spy)};requestAnimationFrame(spy)</script>`;

/** The widget's tag loading the bundle from a folder whose panel file is tampered with or held back. */
const siblingTag = (mode: 'tampered' | 'slow', cookie: string) =>
  `<script src="/e2e/sibling/${mode}/cid-consent.js" data-cookie-name="${cookie}" data-policy-url="/p" defer></script>`;

const panelDialog = (doc: Document) => doc.querySelector('cid-consent-preferences')?.shadowRoot?.querySelector('dialog');

describe('the panel in its own file (issue #15, CONTRACT §1)', () => {
  it('should fetch only cid-consent.js before the banner is painted, and the panel file after, even with a gated iframe', async () => {
    const page = await context().open({
      before: FIRST_FRAME_SPY,
      after: '<iframe data-cid-consent="marketing" data-src="/e2e/tracker?name=video" width="400" height="300"></iframe>',
    });
    const fetched = (page.win.performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.name.includes('/dist/'))
      .map((entry) => ({ file: new URL(entry.name).pathname, before: entry.startTime < ((page.win as unknown as Extra).bannerFrame as number) }));
    expect((page.win as unknown as Extra).bannerFrame).to.be.greaterThan(0);
    expect(fetched).to.deep.equal([
      { file: '/dist/cid-consent.js', before: true },
      { file: '/dist/cid-consent-panel.js', before: false },
    ]);
  });

  it('should load the panel file with the tag’s nonce, where scripts are allowed by nonce alone', async () => {
    const nonce = 'n0nc3';
    const page = await context().open({ csp: nonce, nonceOnly: true, attributes: `data-policy-url="/p" nonce="${nonce}"` });
    expect(page.win.customElements.get('cid-consent-preferences')).to.not.equal(undefined);
    page.button('cid-consent-banner', 'customize').click();
    await waitUntil(() => panelDialog(page.doc)?.open, 'the panel opens');
    expect((page.win as unknown as Extra).violations).to.deep.equal([]);
  });

  it('should load the panel file under a policy that allows the build’s files by their hashes, as the site developers’ guide says', async () => {
    const { open, widgetTag } = context();
    const sha384 = async (file: string) =>
      `sha384-${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', await (await fetch(file)).arrayBuffer()))))}`;
    const [main, panel] = await Promise.all([sha384('/dist/cid-consent.js'), sha384('/dist/cid-consent-panel.js')]);
    const nonce = 'h4sh';
    const page = await open({
      csp: nonce,
      hashes: `'${main}' '${panel}'`,
      noWidget: true,
      after: widgetTag(`defer data-policy-url="/p" integrity="${main}" crossorigin="anonymous"`),
    });
    await waitUntil(() => page.win.customElements.get('cid-consent-preferences'), 'the panel file is allowed by its hash', { timeout: 3000 });
    expect((page.win as unknown as Extra).violations).to.deep.equal([]);
  });

  it('should refuse a panel file that does not match the hash in cid-consent.js, say so, and keep the banner’s buttons working', async () => {
    const { open, cookie, readCookie } = context();
    const page = await open({ noWidget: true, after: siblingTag('tampered', cookie) });
    await waitUntil(() => page.win.logs!.length > 0, 'the refusal is reported');
    const panelUrl = `${location.origin}/e2e/sibling/tampered/cid-consent-panel.js?v=`;
    const [said, afterUrl] = page.win.logs![0].split(panelUrl);
    expect(said).to.equal('error: [cid-consent] the preferences panel could not load: ');
    expect(afterUrl.replace(/^[\w%-]+ /, '')).to.equal(
      `did not load or failed its integrity check: it must be the file built with this script (${location.origin}/e2e/sibling/tampered/cid-consent.js), ` +
        'beside it under its own name, with CORS on another origin; in a bundle, import @cid-it/consent instead.',
    );
    expect((page.win as unknown as Extra).tampered, 'none of its code ran').to.equal(undefined);
    page.button('cid-consent-banner', 'reject-all').click();
    expect(page.bannerOpen()).to.equal(false);
    expect(readCookie()).to.be.a('string');
  });

  it('should open the panel when “Personnaliser” is pressed before its file has arrived', async () => {
    const { open, cookie } = context();
    const page = await open({ noWidget: true, after: siblingTag('slow', cookie) });
    expect(page.win.customElements.get('cid-consent-preferences'), 'not arrived yet').to.equal(undefined);
    page.button('cid-consent-banner', 'customize').click();
    await waitUntil(() => panelDialog(page.doc)?.open, 'the panel opens once its file is there', { timeout: 3000 });
    expect(page.win.logs).to.deep.equal([]);
  });

  it('should keep a gated iframe’s box in its placeholder, there from the first layer on, and nothing moves when the panel file arrives', async () => {
    const { open, cookie } = context();
    const page = await open({
      noWidget: true,
      before: CLS_PROBE,
      after:
        '<iframe data-cid-consent="marketing" data-src="/e2e/tracker?name=video" width="400" height="300"></iframe><p id="next">Suite</p>' +
        siblingTag('slow', cookie),
    });
    expect(page.win.customElements.get('cid-consent-preferences'), 'not arrived yet').to.equal(undefined);
    expect(!!page.win.customElements.get('cid-consent-placeholder'), 'the placeholder is the first file’s (issue #19)').to.equal(true);
    // Shifts are reported after the frame that paints them.
    await new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(resolve)));
    const before = (page.win as unknown as Extra).cls as number;
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    const box = placeholder.getBoundingClientRect();
    // The frame's border box: 400 × 300 and its default 2 px border.
    expect([Math.round(box.width), Math.round(box.height)]).to.deep.equal([404, 304]);
    expect(placeholder.shadowRoot!.textContent).to.contain('Prospection commerciale');
    await waitUntil(() => page.win.customElements.get('cid-consent-preferences'), 'the panel file arrives', { timeout: 3000 });
    await new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(resolve)));
    expect((page.win as unknown as Extra).cls).to.equal(before);
  });

  it('should say once per attempt that the panel file could not load, however many calls wait for it, and try again at the next use', async () => {
    const { open, cookie } = context();
    const frame = '<iframe data-cid-consent="marketing" data-src="/e2e/tracker?name=video"></iframe>';
    const page = await open({ noWidget: true, after: frame + frame + siblingTag('tampered', cookie) });
    await waitUntil(() => page.win.logs!.length > 0, 'the first attempt, after the first paint, is refused');
    page.win.CidConsent!.show();
    page.win.CidConsent!.show();
    await waitUntil(() => page.win.logs!.length > 1, 'the next use tries again');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(page.win.logs).to.have.length(2);
    expect(page.doc.querySelectorAll('script[src$="cid-consent-panel.js"]').length, 'refused scripts are taken out').to.equal(0);
  });

  it('should give focus back to where the visitor was before the panel file arrived', async () => {
    const { open, cookie } = context();
    const page = await open({
      noWidget: true,
      after:
        '<main><h1>CID-IT</h1><input id="q" aria-label="Recherche"></main>' +
        '<script>document.addEventListener("DOMContentLoaded",()=>document.getElementById("q").focus())</script>' +
        siblingTag('slow', cookie),
    });
    expect(page.doc.activeElement?.id).to.equal('q');
    await waitUntil(() => page.win.customElements.get('cid-consent-preferences'), 'the panel file arrives', { timeout: 3000 });
    page.button('cid-consent-banner', 'customize').click();
    await waitUntil(() => panelDialog(page.doc)?.open, 'the panel opens');
    page.button('cid-consent-preferences', 'save').click();
    await waitUntil(() => !panelDialog(page.doc)?.open, 'the panel closes');
    expect(page.doc.activeElement?.id).to.equal('q');
  });

  it('should ask for the panel file under a URL that names its hash, so that no cached file of another build is used', async () => {
    const page = await context().open();
    const script = page.doc.querySelector<HTMLScriptElement>('script[src*="cid-consent-panel.js"]')!;
    expect(script.integrity).to.match(/^sha384-[\w+/]{64}$/);
    expect(new URL(script.src).searchParams.get('v')).to.equal(script.integrity.slice(7, 23));
  });

  it('should name, when the bundle runs under another name, the file it ran from and where it looked for its panel', async () => {
    const { open, cookie } = context();
    const page = await open({
      noWidget: true,
      after: `<script src="/e2e/sibling/renamed/app.js" data-cookie-name="${cookie}" data-policy-url="/p" defer></script>`,
    });
    await waitUntil(() => page.win.logs!.length > 0, 'the failure is reported');
    expect(page.win.logs![0]).to.contain(`/e2e/sibling/renamed/cid-consent-panel.js?v=`);
    expect(page.win.logs![0]).to.contain(`it must be the file built with this script (${location.origin}/e2e/sibling/renamed/app.js), beside it`);
  });
});
