import { emit, type ConsentActionDetail } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import { sitesScope, type Texts } from '../i18n/index.js';
import { actionOf, button, element, policyLinks } from './dom.js';
import { giveFocusBack } from './focus-return.js';
import { PlainElement } from './plain-element.js';
import { reserveRoom } from './scroll-room.js';
import { sharedStyles } from './shared.styles.js';
import { bannerStyles } from './cid-consent-banner.styles.js';

/**
 * The first layer: what the site does with cookies, a link to its policy, and
 * three buttons of equal weight (accept all, reject all, customise). It is a
 * non-modal region, not a wall: the page stays usable while it is open.
 *
 * It is a plain custom element, not a Lit one: it is all a first visit shows,
 * and it shows before Lit and the panel are loaded (issue #15). Properties
 * render in one batch in a microtask, as Lit's do; `updateComplete` waits for it.
 *
 * It also holds the widget's polite live region, from start-up on and whether it is open or not,
 * so that every decision is announced whenever it happens (issue #19, WCAG 2.2 SC 4.1.3): a region
 * made at the moment it speaks is usually missed by screen readers.
 *
 * @tag cid-consent-banner
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'bottom' | 'center'} position - where the banner sits: along the bottom (default) or centred
 * @attr {'fr' | 'en'} lang - language of the texts, set by `start()` so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - a button was pressed; `detail.action` is `accept-all`,
 *   `reject-all`, `customize` (the floating "manage cookies" button also asks for `customize`) or `close`
 * @csspart banner - the box holding everything
 * @csspart title - the heading
 * @csspart text - the explanation, with the policy links
 * @csspart sites - with sister sites, the sentence naming the sites the choice covers
 * @csspart gpc - under Global Privacy Control, the sentence saying what "accept all" leaves refused
 * @csspart panel-status - the sentence saying that the preferences panel could not be loaded
 * @csspart policy-link - the link to the privacy policy
 * @csspart cookie-policy-link - the link to the cookie policy, when `cookie-policy-url` is set
 * @csspart actions - the row of buttons
 * @csspart button - every button (each also has one of the parts below)
 * @csspart accept - the "accept all" button
 * @csspart reject - the "reject all" button
 * @csspart customize - the "customise" button
 * @csspart close - the close button, shown when `closable` is set
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
export class CidConsentBanner extends PlainElement<{
  gpc: boolean;
  texts: Texts;
  policyUrl?: string;
  cookiePolicyUrl?: string;
  panelStatus?: 'loading' | 'unavailable';
  sites: string[];
}> {
  static readonly observedAttributes = ['open', 'manage', 'closable', 'gpc', 'policy-url', 'cookie-policy-url', 'panel-status'];

  /** Whether the last render showed the open banner. */
  private shownOpen = false;
  /** Gives back the scroll room reserved under the box while it covers the bottom of the page. */
  private release?: () => void;
  /** The live region: one node for the element's whole life, never redrawn. */
  private readonly status = element('div', { role: 'status', class: 'visually-hidden' });
  /** The frame that will write the next announcement. */
  private announcing = 0;

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
   * Show a close button: the widget sets it when it opens the first layer again for a visitor who
   * has already decided (to change their mind while the panel's file is unavailable, issue #19).
   * @attr closable
   */
  get closable(): boolean {
    return this.hasAttribute('closable');
  }
  set closable(value: boolean) {
    this.toggleAttribute('closable', !!value);
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

  /**
   * Where the preferences panel is when it was asked for before its file arrived: `loading` (the
   * "customise" button says so) or `unavailable` (a sentence says that accepting or refusing
   * everything here still works, and "customise" tries again).
   * @attr panel-status
   */
  get panelStatus(): 'loading' | 'unavailable' | undefined {
    return this.state.panelStatus;
  }
  set panelStatus(value: 'loading' | 'unavailable' | undefined) {
    this.change({ panelStatus: value ?? undefined });
  }

  /** The origins of the sister sites the choice covers (config `sites`, CONTRACT §13): named when there are two or more. */
  get sites(): string[] {
    return this.state.sites;
  }
  set sites(value: string[]) {
    this.change({ sites: Array.isArray(value) ? value : [] });
  }

  constructor() {
    super({ gpc: false, texts: fr, sites: [] }, ['open', 'manage', 'closable', 'gpc', 'texts', 'policyUrl', 'cookiePolicyUrl', 'panelStatus', 'sites']);
  }

  /**
   * Reads `message` out in the polite live region, even when it is the text already there
   * (WCAG 2.2 SC 4.1.3 Status Messages): the region is emptied, then written on the next
   * frame, so assistive technologies see new text each time.
   */
  announce(message: string): void {
    cancelAnimationFrame(this.announcing);
    this.status.textContent = '';
    this.announcing = requestAnimationFrame(() => {
      this.status.textContent = message;
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'policy-url') this.policyUrl = value ?? undefined;
    else if (name === 'gpc') this.gpc = value !== null;
    else if (name === 'cookie-policy-url') this.cookiePolicyUrl = value ?? undefined;
    else if (name === 'panel-status') this.panelStatus = value === 'loading' || value === 'unavailable' ? value : undefined;
    else if ((old === null) !== (value === null)) this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.release?.();
    this.release = undefined;
  }

  protected draw(): void {
    const root = this.shadow(sharedStyles + bannerStyles, (created) =>
      created.addEventListener('click', (event) => {
        const action = actionOf(event);
        if (action) emit(this, 'cid-consent-action', { action } as ConsentActionDetail);
      }),
    );
    // Focus was on one of the buttons this render removes, or on one it draws again.
    const losingFocus = this.shownOpen && !this.open && !!root.activeElement;
    const focused = root.activeElement;
    this.shownOpen = this.open;
    // The live region stays in place, never taken out and put back: a region new to the
    // accessibility tree is usually not heard (issue #19, WCAG 2.2 SC 4.1.3).
    for (const node of [...root.childNodes]) {
      if (node !== this.status) node.remove();
    }
    if (!this.status.isConnected) root.append(this.status);
    root.append(...this.content());
    this.coverBottom();
    // The button pressed has gone with the banner (WCAG 2.2 SC 2.4.3): focus must not fall to <body>.
    if (losingFocus) giveFocusBack();
    else if (focused) sameButton(root, focused)?.focus();
  }

  private content(): Node[] {
    const t = this.texts;
    if (!this.open) return this.manage ? [element('span', {}, button('customize', 'manage', t['action.manage']))] : [];
    const { gpc, policyUrl, cookiePolicyUrl, panelStatus, sites } = this.state;
    // What went wrong with the panel comes first, where a small screen shows it without scrolling.
    const status = panelStatus === 'unavailable' ? [element('p', { part: 'panel-status', id: 'panel-status' }, t['panel.unavailable'])] : [];
    const gpcNote = gpc ? [element('p', { part: 'gpc', id: 'gpc' }, t['banner.gpc'])] : [];
    const text = element('p', { part: 'text', id: 'text' }, t['banner.text'], ' ', ...policyLinks(t, policyUrl, cookiePolicyUrl));
    const customize = button('customize', 'customize', panelStatus === 'loading' ? t['panel.loading'] : t['action.customize']);
    // Still a button that works: pressing it again while the file is on its way is harmless.
    if (panelStatus === 'loading') customize.setAttribute('aria-busy', 'true');
    const actions = element(
      'div',
      { part: 'actions', class: 'actions' },
      button('reject-all', 'reject', t['action.reject']),
      ' ',
      button('accept-all', 'accept', t['action.accept']),
      ' ',
      customize,
      ...(this.closable ? [' ', button('close', 'close', t['action.close'])] : []),
    );
    const title = element('h2', { part: 'title', id: 'title' }, t['banner.title']);
    const scope = sites.length > 1 ? [element('p', { part: 'sites', id: 'sites' }, sitesScope(t, sites, this.lang))] : [];
    const paragraphs = [...status, text, ...scope, ...gpcNote];
    const describedBy = paragraphs.map((paragraph) => paragraph.id).join(' ');
    return [
      element('section', { part: 'banner', 'aria-labelledby': 'title', 'aria-describedby': describedBy }, title, element('div', { class: 'scroll' }, ...paragraphs), actions),
    ];
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

/**
 * The button drawn again for the one that had focus: the same part, else one asking for the same
 * action (the floating "manage cookies" button gives way to the open banner's "customise" when the
 * first layer opens in the panel's place).
 */
const sameButton = (root: ShadowRoot, focused: Element) =>
  root.querySelector<HTMLElement>(`[part="${focused.getAttribute('part')}"]`) ??
  root.querySelector<HTMLElement>(`[data-action="${focused.getAttribute('data-action')}"]`);

if (typeof customElements !== 'undefined' && !customElements.get('cid-consent-banner')) {
  customElements.define('cid-consent-banner', CidConsentBanner);
}

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-banner': CidConsentBanner;
  }
}
