import { LitElement, html, unsafeCSS } from 'lit';
// Named from 'lit' (render's type below): an inferred type would make the .d.ts import lit-html, not our dependency.
import type { TemplateResult } from 'lit';
import { emit } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import type { Texts } from '../i18n/index.js';
import { giveFocusBack } from './focus-return.js';
import { actionOf } from './parts.js';
import { sharedStyles } from './shared.styles.js';
import { placeholderStyles } from './cid-consent-placeholder.styles.js';

/** A service as a placeholder names it. */
export interface ServiceLabel {
  name: string;
  provider?: string;
}

/**
 * Stands in the box of a gated iframe until what it names is granted: says
 * which purpose, or which service and provider, the content needs, with a
 * button that grants exactly those and one that opens the preferences panel.
 * The widget inserts it.
 *
 * @tag cid-consent-placeholder
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'fr' | 'en'} lang - language of the texts, set by the widget so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - `save` with `detail.choices` granting the frame's
 *   purposes, or `customize`
 * @csspart placeholder - the inner box
 * @csspart text - the explanation
 * @csspart button - both buttons (each also has one of the parts below)
 * @csspart allow - the button that grants what the frame needs
 * @csspart customize - the button that opens the preferences panel
 * @cssproperty --cid-consent-bg - background colour
 * @cssproperty --cid-consent-fg - text colour
 * @cssproperty --cid-consent-muted - colour of secondary text
 * @cssproperty --cid-consent-accent - button and focus colour
 * @cssproperty --cid-consent-accent-fg - button text colour
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 */
export class CidConsentPlaceholder extends LitElement {
  static override styles = [unsafeCSS(sharedStyles), placeholderStyles];
  static override properties = {
    purposes: { attribute: false },
    labels: { attribute: false },
    services: { attribute: false },
    texts: { attribute: false },
  };

  /** Ids of the purposes or services the frame needs (`data-cid-consent`). */
  declare purposes: string[];
  /** Their labels in the page's language (a service's: its name), for the sentence. */
  declare labels: string[];
  /**
   * The services among them, with their providers: when the frame needs services only, the
   * sentence names each one and who provides it (CONTRACT §8).
   */
  declare services: ServiceLabel[];
  declare texts: Texts;
  /** "Allow" was pressed: the widget removes this placeholder as the frame loads. */
  private granted = false;

  constructor() {
    super();
    this.purposes = [];
    this.labels = [];
    this.services = [];
    this.texts = fr;
  }

  override render(): TemplateResult {
    const t = this.texts;
    const { services } = this;
    const text =
      services.length && services.length === this.purposes.length
        ? t['placeholder.service']
            .replace('{service}', services.map((s) => (s.provider ? `${s.name} (${s.provider})` : s.name)).join(', '))
            .replace('{name}', services.map((s) => s.name).join(', '))
        : t['placeholder.text'].replace('{purpose}', this.labels.join(', '));
    return html`<div part="placeholder">
      <p part="text">${text}</p>
      <div class="actions" @click=${this.onAction}>
        <button type="button" part="button allow" data-action="save">${t['placeholder.allow']}</button>
        <button type="button" part="button customize" data-action="customize">${t['action.manage']}</button>
      </div>
    </div>`;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // The button pressed went with the placeholder (WCAG 2.2 SC 2.4.3): focus must not stay on <body>.
    if (this.granted && (!document.activeElement || document.activeElement === document.body)) giveFocusBack();
  }

  private onAction(event: Event) {
    const action = actionOf(event);
    if (action === 'save') {
      this.granted = true;
      emit(this, 'cid-consent-action', { action, choices: Object.fromEntries(this.purposes.map((p) => [p, true])) });
    } else if (action === 'customize') emit(this, 'cid-consent-action', { action });
  }
}

if (!customElements.get('cid-consent-placeholder')) customElements.define('cid-consent-placeholder', CidConsentPlaceholder);

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-placeholder': CidConsentPlaceholder;
  }
}
