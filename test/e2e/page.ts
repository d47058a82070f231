import { uniqueId } from '../helpers.js';

/** One end-to-end page: a real document in an iframe, loading the built bundle like a site would. */
export interface E2EPage {
  frame: HTMLIFrameElement;
  win: Window & { ran?: string[]; logs?: string[]; CidConsent?: import('../../src/core/api.js').CidConsentApi };
  doc: Document;
  /** Names of trackers this test's pages fetched, as the server saw them. */
  requests(): Promise<string[]>;
  /** A button inside one of the widget's shadow roots. */
  button(tag: 'cid-consent-banner' | 'cid-consent-preferences', action: string): HTMLButtonElement;
  bannerOpen(): boolean;
  /** Loads the same page again, as a visitor's next page view. */
  reload(): Promise<void>;
}

export interface PageOptions {
  lang?: string;
  /** Attributes of the widget's script tag, besides src and the test's cookie name. */
  attributes?: string;
  /** Markup placed before the widget's script tag. */
  before?: string;
  /** Markup placed after it. */
  after?: string;
  /** Serve the page with a strict Content-Security-Policy allowing inline scripts with this nonce only. */
  csp?: string;
  /** With `csp`: scripts from the page's own origin need the nonce too. */
  nonceOnly?: boolean;
  /** With `csp`: scripts allowed by the nonce and by these source expressions only (e.g. `'sha384-…'`), not by origin. */
  hashes?: string;
  /** Put the console spy, `before` and the widget's tag in <head> instead of <body>. */
  inHead?: boolean;
  /** How the widget's tag loads: `defer` (default), `async`, or `blocking` (neither). */
  loading?: 'defer' | 'async' | 'blocking';
  /** Leave out the widget's script tag (the test inserts it itself). */
  noWidget?: boolean;
  /** Serve the page in two network chunks, split at the first `@@chunk@@` in its markup. */
  chunked?: boolean;
}

/** Captures the page's console and any CSP violation, so tests read what a site developer would see. */
const consoleSpy = (nonce = '') =>
  `<script nonce="${nonce}">window.logs=[];window.violations=[];for(const k of ['error','warn']){const o=console[k];console[k]=(...a)=>{logs.push(k+': '+a.join(' '));o.apply(console,a)}}` +
  `document.addEventListener('securitypolicyviolation',(e)=>violations.push(e.violatedDirective+' '+e.blockedURI))</script>`;

export function context() {
  const run = uniqueId('run');
  const cookie = uniqueId('c');
  const tracker = (name: string, purposes = name) =>
    `<script type="text/plain" data-cid-consent="${purposes}" src="/e2e/tracker?run=${run}&name=${name}"></script>`;
  const inline = (name: string, purposes = name) =>
    `<script type="text/plain" data-cid-consent="${purposes}">(window.ran = window.ran || []).push(${JSON.stringify(name)})</script>`;

  async function open(options: PageOptions = {}): Promise<E2EPage> {
    const loading = options.loading === 'blocking' ? '' : (options.loading ?? 'defer');
    const widget = options.noWidget ? '' : widgetTag(`${loading} ${options.attributes ?? 'data-policy-url="/politique"'}`);
    const start = consoleSpy(options.csp) + (options.before ?? '') + widget;
    const [head, html] = options.inHead ? [start, options.after ?? ''] : ['', start + (options.after ?? '')];
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 600px; border: 0';
    frame.src = `/e2e/page?lang=${options.lang ?? 'fr'}&csp=${options.csp ?? ''}${options.nonceOnly ? '&nonceOnly=1' : ''}${options.hashes ? `&hashes=${encodeURIComponent(options.hashes)}` : ''}${options.chunked ? '&chunked=1' : ''}&head=${encodeURIComponent(head)}&html=${encodeURIComponent(html)}`;
    const loaded = () => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const wait = loaded();
    document.body.append(frame);
    await wait;
    if (!options.noWidget) await panelLoaded(frame);
    const page: E2EPage = {
      frame,
      get win() {
        return frame.contentWindow as E2EPage['win'];
      },
      get doc() {
        return frame.contentDocument!;
      },
      requests: () => fetch(`/e2e/requests?run=${run}`).then((r) => r.json()),
      button: (tag, action) =>
        page.doc.querySelector(tag)!.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!,
      bannerOpen: () => page.doc.querySelector('cid-consent-banner')!.open,
      async reload() {
        const again = loaded();
        frame.contentWindow!.location.reload();
        await again;
        await panelLoaded(frame);
      },
    };
    return page;
  }

  /** The widget's tag with this test's cookie name and the given attributes. */
  const widgetTag = (attributes: string) => `<script src="/dist/cid-consent.js" data-cookie-name="${cookie}" ${attributes}></script>`;
  const readCookie = () => document.cookie.split('; ').find((c) => c.startsWith(`${cookie}=`))?.slice(cookie.length + 1);
  return { run, cookie, tracker, inline, open, readCookie, widgetTag };
}

/**
 * The script-tag build loads the panel and the placeholder from a sibling file after the banner's
 * first paint (issue #15); tests that reach into them start once it has arrived, as a visitor's
 * click would a moment later. A page whose widget never starts is not waited for long.
 */
async function panelLoaded(frame: HTMLIFrameElement): Promise<void> {
  const win = frame.contentWindow as Window & typeof globalThis;
  if (!win.document.querySelector('script[src^="/dist/cid-consent.js"]')) return;
  await Promise.race([win.customElements.whenDefined('cid-consent-preferences'), new Promise((resolve) => setTimeout(resolve, 2000))]);
}

/** Markup that records every layout shift of the page from its first paint on, in `window.cls`. */
export const CLS_PROBE =
  '<script>window.cls=0;new PerformanceObserver((l)=>{for(const e of l.getEntries())if(!e.hadRecentInput)cls+=e.value}).observe({type:"layout-shift",buffered:true})</script>';

/** Gives externally loaded scripts time to arrive, for tests that prove something did NOT happen. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
