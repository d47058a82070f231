import { emit, type ConsentActionDetail } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import type { Texts } from '../i18n/index.js';
import { actionOf, button, element, policyLinks } from './dom.js';
import { giveFocusBack } from './focus-return.js';
import { reserveRoom } from './scroll-room.js';
import { sharedStyles } from './shared.styles.js';
import { bannerStyles } from './cid-consent-banner.styles.js';

/** One stylesheet for every banner of the document, built on first use. */
let sheet: CSSStyleSheet | undefined;

/**
 * The page's `HTMLElement`; where there is no DOM (a server importing the ES module, issue #10), a
 * stand-in, so that the class is still declared (it is never defined there). Named like the global
 * it stands for, so the manifest names the real superclass.
 */
const HTMLElement = globalThis.HTMLElement ?? (class {} as typeof globalThis.HTMLElement);

/**
 * The first layer: what the site does with cookies, a link to its policy, and
 * three buttons of equal weight (accept all, reject all, customise). It is a
 * non-modal region, not a wall: the page stays usable while it is open.
 *
 * It is a plain custom element, not a Lit one: it is all a first visit shows,
 * and it shows before Lit and the panel are loaded (issue #15). Properties
 * render in one batch in a microtask, as Lit's do; `updateComplete` waits for it.
 *
 * @tag cid-consent-banner
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'bottom' | 'center'} position - where the banner sits: along the bottom (default) or centred
 * @attr {'fr' | 'en'} lang - language of the texts, set by `start()` so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - a button was pressed; `detail.action` is `accept-all`,
 *   `reject-all` or `customize` (the floating "manage cookies" button also asks for `customize`)
 * @csspart banner - the box holding everything
 * @csspart title - the heading
 * @csspart text - the explanation, with the policy links
 * @csspart gpc - under Global Privacy Control, the sentence saying what "accept all" leaves refused
 * @csspart policy-link - the link to the privacy policy
 * @csspart cookie-policy-link - the link to the cookie policy, when `cookie-policy-url` is set
 * @csspart actions - the row of buttons
 * @csspart button - every button (each also has one of the parts below)
 * @csspart accept - the "accept all" button
 * @csspart reject - the "reject all" button
 * @csspart customize - the "customise" button
 * @csspart manage - the floating "manage cookies" button shown after a decision when `manage` is set
 * @cssproperty --cid-consent-bg - background colour
 * @cssproperty --cid-consent-fg - text and focus-ring colour
 * @cssproperty --cid-consent-muted - colour of the explanation
 * @cssproperty --cid-consent-accent - button colour; the text on it (white or black) and the shade of it that lines
 *   need are derived from it, so that any accent keeps 4.5:1 text and 3:1 edges in both themes
 * @cssproperty --cid-consent-accent-fg - button text colour, in browsers that cannot derive it (before Chrome 119,
 *   Safari 16.4, Firefox 128) only
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 * @cssproperty --cid-consent-max-width - widest the box grows
 * @cssproperty --cid-consent-z-index - stacking order over the page
 */
export class CidConsentBanner extends HTMLElement {
  static readonly observedAttributes = ['open', 'manage', 'gpc', 'policy-url', 'cookie-policy-url'];

  /** Resolves once the latest property change is rendered. */
  updateComplete: Promise<boolean> = Promise.resolve(true);
  private state: { gpc: boolean; texts: Texts; policyUrl?: string; cookiePolicyUrl?: string } = { gpc: false, texts: fr };
  private pending = false;
  /** Whether the last render showed the open banner. */
  private shownOpen = false;
  /** Gives back the scroll room reserved under the box while it covers the bottom of the page. */
  private release?: () => void;
  /** Properties the page set before this element was defined, applied when it is connected. */
  private taken?: Partial<Pick<CidConsentBanner, 'open' | 'manage' | 'gpc' | 'texts' | 'policyUrl' | 'cookiePolicyUrl'>>;

  /**
   * Shown when set; the script-tag embed opens it while no valid decision is stored.
   * @attr open
   */
  get open(): boolean {
    return this.hasAttribute('open');
  }
  set open(value: boolean) {
    this.toggleAttribute('open', !!value);
  }

  /**
   * While closed, show a small floating "manage cookies" button (config `manageButton`).
   * @attr manage
   */
  get manage(): boolean {
    return this.hasAttribute('manage');
  }
  set manage(value: boolean) {
    this.toggleAttribute('manage', !!value);
  }

  /**
   * The browser sends Global Privacy Control: say that "accept all" leaves marketing and partners refused.
   * @attr gpc
   */
  get gpc(): boolean {
    return this.state.gpc;
  }
  set gpc(value: boolean) {
    this.change({ gpc: !!value });
  }

  /** Every visible string; French by default. */
  get texts(): Texts {
    return this.state.texts;
  }
  set texts(value: Texts) {
    this.change({ texts: value });
  }

  /**
   * The privacy policy's URL, linked from the text.
   * @attr policy-url
   */
  get policyUrl(): string | undefined {
    return this.state.policyUrl;
  }
  set policyUrl(value: string | undefined) {
    this.change({ policyUrl: value ?? undefined });
  }

  /**
   * The cookie policy's URL, linked where given.
   * @attr cookie-policy-url
   */
  get cookiePolicyUrl(): string | undefined {
    return this.state.cookiePolicyUrl;
  }
  set cookiePolicyUrl(value: string | undefined) {
    this.change({ cookiePolicyUrl: value ?? undefined });
  }

  constructor() {
    super();
    // Properties a page set before this element was defined would hide the accessors: take them
    // over, to apply once connected, after its attributes, which they override (as Lit's do).
    for (const name of ['open', 'manage', 'gpc', 'texts', 'policyUrl', 'cookiePolicyUrl'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        this.taken = { ...this.taken, [name]: this[name] };
        delete this[name];
      }
    }
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'policy-url') this.policyUrl = value ?? undefined;
    else if (name === 'gpc') this.gpc = value !== null;
    else if (name === 'cookie-policy-url') this.cookiePolicyUrl = value ?? undefined;
    else if ((old === null) !== (value === null)) this.requestUpdate();
  }

  /** Rendered at once, not in a later task: the banner is visible in the first frame after the script ran. */
  connectedCallback(): void {
    if (this.taken) {
      Object.assign(this, this.taken);
      this.taken = undefined;
    }
    this.render();
  }

  disconnectedCallback(): void {
    this.release?.();
    this.release = undefined;
  }

  private change(values: Partial<CidConsentBanner['state']>): void {
    this.state = { ...this.state, ...values };
    this.requestUpdate();
  }

  private requestUpdate(): void {
    if (this.pending || !this.isConnected) return;
    this.pending = true;
    this.updateComplete = Promise.resolve().then(() => {
      // A render since (on connection) has already shown these changes.
      if (this.pending) this.render();
      return true;
    });
  }

  private render(): void {
    this.pending = false;
    let root = this.shadowRoot;
    if (!root) {
      root = this.attachShadow({ mode: 'open' });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(sharedStyles + bannerStyles);
      }
      // A constructed stylesheet, not a <style> element: a strict CSP (`style-src 'self'`) allows it.
      root.adoptedStyleSheets = [sheet];
      root.addEventListener('click', (event) => {
        const action = actionOf(event);
        if (action) emit(this, 'cid-consent-action', { action } as ConsentActionDetail);
      });
    }
    // Focus was on one of the buttons this render removes, or on one it draws again.
    const losingFocus = this.shownOpen && !this.open && !!root.activeElement;
    const focusedPart = root.activeElement?.getAttribute('part');
    this.shownOpen = this.open;
    root.replaceChildren(...this.content());
    this.coverBottom();
    // The button pressed has gone with the banner (WCAG 2.2 SC 2.4.3): focus must not fall to <body>.
    if (losingFocus) giveFocusBack();
    else if (focusedPart) root.querySelector<HTMLElement>(`[part="${focusedPart}"]`)?.focus();
  }

  private content(): Node[] {
    const t = this.texts;
    if (!this.open) return this.manage ? [element('span', {}, button('customize', 'manage', t['action.manage']))] : [];
    const { gpc, policyUrl, cookiePolicyUrl } = this.state;
    const text = element('p', { part: 'text', id: 'text' }, t['banner.text'], ' ', ...policyLinks(t, policyUrl, cookiePolicyUrl));
    const scroll = element('div', { class: 'scroll' }, text, ...(gpc ? [element('p', { part: 'gpc', id: 'gpc' }, t['banner.gpc'])] : []));
    const actions = element(
      'div',
      { part: 'actions', class: 'actions' },
      button('reject-all', 'reject', t['action.reject']),
      ' ',
      button('accept-all', 'accept', t['action.accept']),
      ' ',
      button('customize', 'customize', t['action.customize']),
    );
    const title = element('h2', { part: 'title', id: 'title' }, t['banner.title']);
    return [element('section', { part: 'banner', 'aria-labelledby': 'title', 'aria-describedby': gpc ? 'text gpc' : 'text' }, title, scroll, actions)];
  }

  /** Reserves scroll room under the box while it covers the bottom of the page (WCAG 2.2 SC 2.4.11). */
  private coverBottom() {
    const covers = this.isConnected && (this.open ? this.getAttribute('position') !== 'center' : this.manage);
    if (covers && !this.release) this.release = reserveRoom(this);
    if (!covers && this.release) {
      this.release();
      this.release = undefined;
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('cid-consent-banner')) {
  customElements.define('cid-consent-banner', CidConsentBanner);
}

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-banner': CidConsentBanner;
  }
}
