import { LitElement, html, unsafeCSS, nothing, type PropertyValues } from 'lit';
// Named from 'lit' (render's type below): an inferred type would make the .d.ts import lit-html, not our dependency.
import type { TemplateResult } from 'lit';
import { emit, type ConsentActionDetail } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import { formatDuration, sitesScope, viewPurposes, type PurposeView, type Texts } from '../i18n/index.js';
import { DEFAULT_MAX_AGE_DAYS } from '../core/config.js';
import { DEFAULT_PURPOSES } from '../core/purposes.js';
import type { ServiceInfo } from '../core/types.js';
import { deepActiveElement, giveFocusBack } from './focus-return.js';
import { actionOf, button, link, policyLinks } from './parts.js';
import { sharedStyles } from './shared.styles.js';
import { preferencesStyles } from './cid-consent-preferences.styles.js';

/**
 * The second layer: a modal native `<dialog>` listing every purpose with a
 * checkbox (none ticked unless the visitor chose it), the services behind it
 * (each one with an `id` has its own checkbox: CONTRACT §4), and buttons to
 * accept all, reject all, save the choices shown, or close. A purpose's
 * checkbox is on when all its services are, off when none are, and mixed in
 * between. Closing decides nothing. Once the visitor has decided, it shows
 * their consent id and the date of the decision, so that they can cite them.
 *
 * @tag cid-consent-preferences
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'fr' | 'en'} lang - language of the texts, set by `start()` so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - `detail.action` is `accept-all`, `reject-all`,
 *   `close`, or `save` with `detail.choices` (every purpose and every service with an id)
 * @csspart dialog - the `<dialog>`
 * @csspart title - the heading
 * @csspart text - the introduction
 * @csspart sites - with sister sites, the sentence naming the sites the choice covers
 * @csspart gpc - the note saying the browser's Global Privacy Control signal is honoured
 * @csspart purposes - the list of purposes
 * @csspart purpose - one purpose
 * @csspart toggle - every checkbox: a purpose's (a required purpose's is `aria-disabled`, focusable and always
 *   ticked; one with services is `indeterminate` and `aria-checked="mixed"` when some are on) and a service's
 * @csspart description - the description of a purpose
 * @csspart services - the group of a purpose's services, labelled by the purpose's name
 * @csspart service - a service that can be chosen on its own (it has an `id`)
 * @csspart service-toggle - the checkbox of such a service (also part `toggle`)
 * @csspart service-link - the link to a service's own privacy policy
 * @csspart consent-id - the visitor's consent id and the date of their decision, once decided
 * @csspart links - policy links and data-protection contact
 * @csspart policy-link - the link to the privacy policy
 * @csspart cookie-policy-link - the link to the cookie policy, when `cookie-policy-url` is set
 * @csspart contact-link - the data-protection contact's e-mail link, when `contact-email` is set
 * @csspart actions - the row of buttons
 * @csspart button - every button (each also has one of the parts below)
 * @csspart accept - the "accept all" button
 * @csspart reject - the "reject all" button
 * @csspart save - the "save my choices" button
 * @csspart close - the close (×) button
 * @cssproperty --cid-consent-bg - background colour
 * @cssproperty --cid-consent-fg - text and focus-ring colour
 * @cssproperty --cid-consent-muted - colour of descriptions
 * @cssproperty --cid-consent-accent - button and checkbox colour; the text on it (white or black) and the shade of it that lines
 *   need are derived from it, so that any accent keeps 4.5:1 text and 3:1 edges in both themes
 * @cssproperty --cid-consent-accent-fg - button text colour, in browsers that cannot derive it (before Chrome 119,
 *   Safari 16.4, Firefox 128) only
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 * @cssproperty --cid-consent-max-width - widest the dialog grows
 */
export class CidConsentPreferences extends LitElement {
  static override styles = [unsafeCSS(sharedStyles), preferencesStyles];
  static override properties = {
    open: { type: Boolean, reflect: true },
    policyUrl: { attribute: 'policy-url' },
    cookiePolicyUrl: { attribute: 'cookie-policy-url' },
    contactEmail: { attribute: 'contact-email' },
    texts: { attribute: false },
    purposes: { attribute: false },
    choices: { attribute: false },
    gpc: { type: Boolean },
    sites: { attribute: false },
    maxAgeDays: { type: Number, attribute: 'max-age-days' },
    consentId: { attribute: 'consent-id' },
    decidedAt: { attribute: 'decided-at' },
    status: { attribute: false },
  };

  /** The dialog is shown (modal) while set. */
  declare open: boolean;
  declare policyUrl?: string;
  declare cookiePolicyUrl?: string;
  declare contactEmail?: string;
  declare texts: Texts;
  declare purposes: PurposeView[];
  /**
   * What the toggles show each time the dialog opens, purpose and service ids alike (the current
   * or the previous decision). A service not listed takes its purpose's value.
   */
  declare choices: Record<string, boolean>;
  /** The browser sends Global Privacy Control: say that it is honoured. */
  declare gpc: boolean;
  /** The origins of the sister sites the choice covers (config `sites`, CONTRACT §13): named when there are two or more. */
  declare sites: string[];
  /** How long the choice is kept (config `cookie.maxAgeDays`), said in the introduction as `{duration}`. */
  declare maxAgeDays: number;
  /** The id of the visitor's decision (CONTRACT §10 `consentId`); shown, with `decidedAt`, when set. */
  declare consentId?: string;
  /** When the visitor decided, as an ISO 8601 string; shown after the consent id in the page's language. */
  declare decidedAt?: string;
  /** Read out by screen readers (a polite live region), e.g. "choices saved"; see `announce()` to say it again. */
  declare status: string;
  /** The frame that will write the next announcement. */
  private announcing = 0;
  /** The dialog has been rendered once (it is, from its first opening on). */
  private opened = false;
  /**
   * Where focus was before the dialog opened: it goes back there on close, or, when a decision
   * closed the banner that held it, to where the visitor was before (WCAG 2.2 SC 2.4.3).
   */
  private opener?: HTMLElement;

  constructor() {
    super();
    this.open = false;
    this.texts = fr;
    this.purposes = viewPurposes(DEFAULT_PURPOSES, fr, 'fr');
    this.choices = {};
    this.gpc = false;
    this.sites = [];
    this.maxAgeDays = DEFAULT_MAX_AGE_DAYS;
    this.status = '';
  }

  /**
   * Reads `message` out in the polite live region, even when it is the text already there
   * (WCAG 2.2 SC 4.1.3 Status Messages): the region is emptied, then written on the next
   * frame, so assistive technologies see new text each time.
   */
  announce(message: string): void {
    cancelAnimationFrame(this.announcing);
    this.status = '';
    this.announcing = requestAnimationFrame(() => {
      this.status = message;
    });
  }

  private get dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  private get toggles() {
    return [...this.renderRoot.querySelectorAll('input')];
  }

  override render(): TemplateResult {
    // Most visitors never open the panel: its dialog is first rendered when it first opens,
    // which keeps it off the main thread while the banner comes up. The live region stays the
    // same node throughout: a region replaced on first opening would miss what is said in it.
    if (this.open) this.opened = true;
    return html`<div role="status" class="visually-hidden">${this.status}</div>${this.opened ? this.renderDialog() : ''}`;
  }

  private renderDialog() {
    const t = this.texts;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @click=${this.onAction} @change=${this.onToggle}>
      <div class="head">
        <h2 part="title" id="title">${t['panel.title']}</h2>
        <button type="button" part="button close" data-action="close" aria-label=${t['action.close']}>×</button>
      </div>
      <p part="text">${t['panel.text'].replace('{duration}', formatDuration(this.maxAgeDays, this.lang === 'en' ? 'en' : 'fr'))}</p>
      ${this.sites.length > 1 ? html`<p part="sites">${sitesScope(t, this.sites, this.lang)}</p>` : ''}
      ${this.gpc ? html`<p part="gpc" role="note">${t['panel.gpc']}</p>` : ''}
      <ul part="purposes">
        ${this.purposes.map((p) => this.renderPurpose(p))}
      </ul>
      <p part="links">
        ${policyLinks(t, this.policyUrl, this.cookiePolicyUrl)}
        ${this.contactEmail
          ? html`<br />${t['panel.contact']}
              <a part="contact-link" href="mailto:${this.contactEmail}">${this.contactEmail}</a>`
          : ''}
      </p>
      ${this.consentId
        ? html`<p part="consent-id">${t['panel.consentId'].replace('{id}', this.consentId)}${this.formatDate()}</p>`
        : ''}
      <div part="actions" class="actions">
        ${button('reject-all', 'reject', t['action.reject'])} ${button('accept-all', 'accept', t['action.accept'])}
        ${button('save', 'save', t['action.save'])}
      </div>
    </dialog>`;
  }

  /** The date of the decision in the page's language; nothing for a value that is not a date. */
  private formatDate() {
    const date = new Date(this.decidedAt ?? NaN);
    if (isNaN(date.getTime())) return '';
    const format = new Intl.DateTimeFormat(this.lang === 'en' ? 'en' : 'fr', { dateStyle: 'long', timeStyle: 'short' });
    return ` — ${format.format(date)}`;
  }

  private renderPurpose(p: PurposeView) {
    // Ids of purposes and services share one namespace (CONTRACT §4): "n-" and "d-" ids stay unique.
    return html`<li part="purpose">
      <label>
        <input
          type="checkbox"
          part="toggle"
          name=${p.id}
          aria-disabled=${p.required ? 'true' : nothing}
          aria-describedby="d-${p.id}"
          @click=${p.required ? keepTicked : nothing}
        />
        <span id="n-${p.id}">${p.label}</span> ${p.required ? html`<small>${this.texts['panel.required']}</small>` : ''}
      </label>
      <p part="description" id="d-${p.id}">${p.description}</p>
      ${p.services?.length
        ? html`<div part="services" role="group" aria-labelledby="n-${p.id}">
            <ul>
              ${p.services.map((s) => this.renderService(s, p))}
            </ul>
          </div>`
        : ''}
    </li>`;
  }

  /** A service with an `id` outside a required purpose is chosen on its own; any other is a plain line. */
  private renderService(s: ServiceInfo, p: PurposeView) {
    const provider = s.provider ? ` (${s.provider})` : '';
    if (!s.id || p.required) return html`<li>${link('service-link', s.policyUrl, s.name) || s.name}${provider}</li>`;
    return html`<li part="service">
      <label><input type="checkbox" part="toggle service-toggle" name=${s.id} data-purpose=${p.id} />${s.name}${provider}</label>
      ${link('service-link', s.policyUrl, this.texts['panel.servicePolicy'].replace('{name}', s.name))}
    </li>`;
  }

  /** The service checkboxes of a purpose. */
  private servicesOf(purpose: string) {
    return this.toggles.filter((input) => input.dataset.purpose === purpose);
  }

  /**
   * A purpose's checkbox says how many of its services are on: all, none, or some (mixed). The
   * native `indeterminate` is what browsers expose as "mixed"; `aria-checked` says it too and is
   * removed otherwise, so that it never contradicts the native state (ARIA in HTML, input checkbox).
   */
  private showPurposes() {
    for (const input of this.toggles) {
      const services = this.servicesOf(input.name);
      if (!services.length) continue;
      const on = services.filter((service) => service.checked).length;
      input.checked = on === services.length;
      input.indeterminate = on > 0 && !input.checked;
      if (input.indeterminate) input.setAttribute('aria-checked', 'mixed');
      else input.removeAttribute('aria-checked');
    }
  }

  /** A purpose switches all its services (a service has none); then every purpose shows its services. */
  private onToggle(event: Event) {
    const input = event.target as HTMLInputElement;
    for (const service of this.servicesOf(input.name)) service.checked = input.checked;
    this.showPurposes();
  }

  protected override updated(changed: PropertyValues<this>) {
    const { dialog } = this;
    if (dialog && changed.has('open') && this.open !== dialog.open) {
      if (!this.open) {
        dialog.close();
        return giveFocusBack(this.opener);
      }
      this.opener = deepActiveElement();
      // Toggles show the stored choice each time: a change left unsaved last time is not a choice.
      for (const input of this.toggles) input.checked = isRequired(input) || this.chosen(input);
      this.showPurposes();
      dialog.showModal();
    }
  }

  /** A toggle's stored value; a service not listed takes its purpose's. */
  private chosen(input: HTMLInputElement): boolean {
    const value = this.choices[input.name];
    return typeof value === 'boolean' ? value : this.choices[input.dataset.purpose ?? ''] === true;
  }

  private onAction(event: Event) {
    const action = actionOf(event);
    if (!action) return;
    const detail: ConsentActionDetail = { action } as ConsentActionDetail;
    if (action === 'save') detail.choices = Object.fromEntries(this.toggles.map((i) => [i.name, i.checked || isRequired(i)]));
    emit(this, 'cid-consent-action', detail);
    // Every action of the panel ends it, with or without a runtime listening.
    this.open = false;
  }

  /** Escape closes the native dialog by itself: keep `open` true to the truth and tell the page. */
  private onClose() {
    if (!this.open) return;
    this.open = false;
    giveFocusBack(this.opener);
    emit(this, 'cid-consent-action', { action: 'close' });
  }
}

/**
 * A required purpose's toggle is `aria-disabled`, not `disabled`: a disabled control is skipped by
 * Tab, so a keyboard user would never hear "always active" (WCAG 2.2 SC 2.1.1, 4.1.2). Its click
 * (also from its label, or Space) is cancelled, so it stays ticked.
 */
const isRequired = (input: HTMLInputElement) => input.getAttribute('aria-disabled') === 'true';
const keepTicked = (event: Event) => event.preventDefault();

if (!customElements.get('cid-consent-preferences')) customElements.define('cid-consent-preferences', CidConsentPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-preferences': CidConsentPreferences;
  }
}
