import { LitElement, html, nothing, type PropertyValues } from 'lit';
// Named from 'lit' (render's type below): an inferred type would make the .d.ts import lit-html, not our dependency.
import type { TemplateResult } from 'lit';
import { emit, type ConsentActionDetail } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import { formatDuration, viewPurposes, type PurposeView, type Texts } from '../i18n/index.js';
import { DEFAULT_MAX_AGE_DAYS } from '../core/config.js';
import { DEFAULT_PURPOSES } from '../core/purposes.js';
import { deepActiveElement, giveFocusBack } from './focus-return.js';
import { actionOf, button, link, policyLinks } from './parts.js';
import { sharedStyles } from './shared.styles.js';
import { preferencesStyles } from './cid-consent-preferences.styles.js';

/**
 * The second layer: a modal native `<dialog>` listing every purpose with a
 * checkbox (none ticked unless the visitor chose it), the services behind it,
 * and buttons to accept all, reject all, save the choices shown, or close.
 * Closing decides nothing.
 *
 * @tag cid-consent-preferences
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'fr' | 'en'} lang - language of the texts, set by `start()` so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - `detail.action` is `accept-all`, `reject-all`,
 *   `close`, or `save` with `detail.choices`
 * @csspart dialog - the `<dialog>`
 * @csspart title - the heading
 * @csspart text - the introduction
 * @csspart gpc - the note saying the browser's Global Privacy Control signal is honoured
 * @csspart purposes - the list of purposes
 * @csspart purpose - one purpose
 * @csspart toggle - the checkbox of a purpose (a required purpose's is `aria-disabled`, focusable and always ticked)
 * @csspart description - the description of a purpose
 * @csspart service-link - the link to a service's own privacy policy
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
 * @cssproperty --cid-consent-fg - text colour
 * @cssproperty --cid-consent-muted - colour of descriptions
 * @cssproperty --cid-consent-accent - button, checkbox and focus colour
 * @cssproperty --cid-consent-accent-fg - button text colour
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 * @cssproperty --cid-consent-max-width - widest the dialog grows
 */
export class CidConsentPreferences extends LitElement {
  static override styles = [sharedStyles, preferencesStyles];
  static override properties = {
    open: { type: Boolean, reflect: true },
    policyUrl: { attribute: 'policy-url' },
    cookiePolicyUrl: { attribute: 'cookie-policy-url' },
    contactEmail: { attribute: 'contact-email' },
    texts: { attribute: false },
    purposes: { attribute: false },
    choices: { attribute: false },
    gpc: { type: Boolean },
    maxAgeDays: { type: Number, attribute: 'max-age-days' },
    status: { attribute: false },
  };

  /** The dialog is shown (modal) while set. */
  declare open: boolean;
  declare policyUrl?: string;
  declare cookiePolicyUrl?: string;
  declare contactEmail?: string;
  declare texts: Texts;
  declare purposes: PurposeView[];
  /** What the toggles show each time the dialog opens: the current or the previous decision. */
  declare choices: Record<string, boolean>;
  /** The browser sends Global Privacy Control: say that it is honoured. */
  declare gpc: boolean;
  /** How long the choice is kept (config `cookie.maxAgeDays`), said in the introduction as `{duration}`. */
  declare maxAgeDays: number;
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
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @click=${this.onAction}>
      <div class="head">
        <h2 part="title" id="title">${t['panel.title']}</h2>
        <button type="button" part="button close" data-action="close" aria-label=${t['action.close']}>×</button>
      </div>
      <p part="text">${t['panel.text'].replace('{duration}', formatDuration(this.maxAgeDays, this.lang === 'en' ? 'en' : 'fr'))}</p>
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
      <div part="actions" class="actions">
        ${button('reject-all', 'reject', t['action.reject'])} ${button('accept-all', 'accept', t['action.accept'])}
        ${button('save', 'save', t['action.save'])}
      </div>
    </dialog>`;
  }

  private renderPurpose(p: PurposeView) {
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
        ${p.label} ${p.required ? html`<small>${this.texts['panel.required']}</small>` : ''}
      </label>
      <p part="description" id="d-${p.id}">${p.description}</p>
      ${p.services?.length
        ? html`<ul>
            ${p.services.map(
              (s) => html`<li>${link('service-link', s.policyUrl, s.name) || s.name}${s.provider ? ` (${s.provider})` : ''}</li>`,
            )}
          </ul>`
        : ''}
    </li>`;
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
      for (const input of this.toggles) input.checked = isRequired(input) || this.choices[input.name] === true;
      dialog.showModal();
    }
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

customElements.get('cid-consent-preferences') || customElements.define('cid-consent-preferences', CidConsentPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-preferences': CidConsentPreferences;
  }
}
