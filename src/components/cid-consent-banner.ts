import { LitElement, html, type PropertyValues } from 'lit';
// Named from 'lit' (render's type below): an inferred type would make the .d.ts import lit-html, not our dependency.
import type { TemplateResult } from 'lit';
import { emit, type ConsentActionDetail } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import type { Texts } from '../i18n/index.js';
import { giveFocusBack } from './focus-return.js';
import { actionOf, button, policyLinks } from './parts.js';
import { reserveRoom } from './scroll-room.js';
import { sharedStyles } from './shared.styles.js';
import { bannerStyles } from './cid-consent-banner.styles.js';

/**
 * The first layer: what the site does with cookies, a link to its policy, and
 * three buttons of equal weight (accept all, reject all, customise). It is a
 * non-modal region, not a wall: the page stays usable while it is open.
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
 * @cssproperty --cid-consent-fg - text colour
 * @cssproperty --cid-consent-muted - colour of the explanation
 * @cssproperty --cid-consent-accent - button and focus colour
 * @cssproperty --cid-consent-accent-fg - button text colour
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 * @cssproperty --cid-consent-max-width - widest the box grows
 * @cssproperty --cid-consent-z-index - stacking order over the page
 */
export class CidConsentBanner extends LitElement {
  static override styles = [sharedStyles, bannerStyles];
  static override properties = {
    open: { type: Boolean, reflect: true },
    manage: { type: Boolean, reflect: true },
    gpc: { type: Boolean },
    policyUrl: { attribute: 'policy-url' },
    cookiePolicyUrl: { attribute: 'cookie-policy-url' },
    texts: { attribute: false },
  };

  /** Shown when set; the script-tag embed opens it while no valid decision is stored. */
  declare open: boolean;
  /** While closed, show a small floating "manage cookies" button (config `manageButton`). */
  declare manage: boolean;
  /** The browser sends Global Privacy Control: say that "accept all" leaves marketing and partners refused. */
  declare gpc: boolean;
  declare policyUrl?: string;
  declare cookiePolicyUrl?: string;
  /** Every visible string; French by default. */
  declare texts: Texts;
  /** Gives back the scroll room reserved under the box while it covers the bottom of the page. */
  private release?: () => void;
  /** Focus was on one of the buttons that this update removes. */
  private losingFocus = false;

  constructor() {
    super();
    this.open = false;
    this.manage = false;
    this.gpc = false;
    this.texts = fr;
  }

  override render(): TemplateResult | '' {
    const t = this.texts;
    if (!this.open) {
      return this.manage ? html`<span @click=${this.onAction}>${button('customize', 'manage', t['action.manage'])}</span>` : '';
    }
    return html`<section part="banner" aria-labelledby="title" aria-describedby=${this.gpc ? 'text gpc' : 'text'}>
      <h2 part="title" id="title">${t['banner.title']}</h2>
      <div class="scroll">
        <p part="text" id="text">
          ${t['banner.text']} ${policyLinks(t, this.policyUrl, this.cookiePolicyUrl)}
        </p>
        ${this.gpc ? html`<p part="gpc" id="gpc">${t['banner.gpc']}</p>` : ''}
      </div>
      <div part="actions" class="actions" @click=${this.onAction}>
        ${button('reject-all', 'reject', t['action.reject'])} ${button('accept-all', 'accept', t['action.accept'])}
        ${button('customize', 'customize', t['action.customize'])}
      </div>
    </section>`;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.coverBottom();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.release?.();
    this.release = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    this.losingFocus = changed.has('open') && !this.open && !!this.shadowRoot?.activeElement;
  }

  protected override updated() {
    this.coverBottom();
    // The button pressed has gone with the banner (WCAG 2.2 SC 2.4.3): focus must not fall to <body>.
    if (this.losingFocus) giveFocusBack();
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

  private onAction(event: Event) {
    const action = actionOf(event);
    if (action) emit(this, 'cid-consent-action', { action } as ConsentActionDetail);
  }
}

if (!customElements.get('cid-consent-banner')) customElements.define('cid-consent-banner', CidConsentBanner);

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-banner': CidConsentBanner;
  }
}
