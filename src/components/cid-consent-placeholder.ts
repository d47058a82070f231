import { emit } from '../core/events.js';
import { fr } from '../i18n/fr.js';
import type { Texts } from '../i18n/index.js';
import { actionOf, button, element } from './dom.js';
import { PlainElement } from './plain-element.js';
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
 * It is a plain custom element, in the first file with the banner: a blocked frame must still say
 * what it is and offer to load it when the panel's file is slow or never arrives (issue #19,
 * CONTRACT §8). Properties render in one batch in a microtask; `updateComplete` waits for it.
 *
 * @tag cid-consent-placeholder
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'fr' | 'en'} lang - language of the texts, set by the widget so screen readers pronounce them right
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - `save` with `detail.choices` granting the frame's
 *   purposes, or `customize`
 * @csspart placeholder - the inner box
 * @csspart text - the explanation
 * @csspart button - both buttons (each also has one of the parts below)
 * @csspart allow - the button that grants what the frame needs (absent when it names nothing the site configured)
 * @csspart customize - the button that opens the preferences panel
 * @cssproperty --cid-consent-bg - background colour
 * @cssproperty --cid-consent-fg - text and focus-ring colour
 * @cssproperty --cid-consent-muted - colour of secondary text
 * @cssproperty --cid-consent-accent - button colour; the text on it (white or black) and the shade of it that lines
 *   need are derived from it, so that any accent keeps 4.5:1 text and 3:1 edges in both themes
 * @cssproperty --cid-consent-accent-fg - button text colour, in browsers that cannot derive it (before Chrome 119,
 *   Safari 16.4, Firefox 128) only
 * @cssproperty --cid-consent-border - border colour
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - inner spacing
 */
export class CidConsentPlaceholder extends PlainElement<{ purposes: string[]; labels: string[]; services: ServiceLabel[]; texts: Texts }> {
  /**
   * Ids of the purposes or services the frame needs (`data-cid-consent`), all configured; empty
   * when it names one the site did not configure: nothing can grant it, so there is no "allow".
   */
  get purposes(): string[] {
    return this.state.purposes;
  }
  set purposes(value: string[]) {
    this.change({ purposes: value });
  }

  /** Their labels in the page's language (a service's: its name), for the sentence. */
  get labels(): string[] {
    return this.state.labels;
  }
  set labels(value: string[]) {
    this.change({ labels: value });
  }

  /**
   * The services among them, with their providers: when the frame needs services only, the
   * sentence names each one and who provides it (CONTRACT §8).
   */
  get services(): ServiceLabel[] {
    return this.state.services;
  }
  set services(value: ServiceLabel[]) {
    this.change({ services: value });
  }

  /** Every visible string; French by default. */
  get texts(): Texts {
    return this.state.texts;
  }
  set texts(value: Texts) {
    this.change({ texts: value });
  }

  constructor() {
    super({ purposes: [], labels: [], services: [], texts: fr }, ['purposes', 'labels', 'services', 'texts']);
  }

  protected draw(): void {
    const root = this.shadow(sharedStyles + placeholderStyles, (created) => created.addEventListener('click', (event) => this.onAction(event)));
    const t = this.texts;
    const { purposes, labels, services } = this.state;
    const names = labels.join(', ');
    const text = !purposes.length
      ? t['placeholder.unavailable'].replace('{name}', names)
      : services.length && services.length === purposes.length
        ? t['placeholder.service']
            .replace('{service}', services.map((s) => (s.provider ? `${s.name} (${s.provider})` : s.name)).join(', '))
            .replace('{name}', services.map((s) => s.name).join(', '))
        : t['placeholder.text'].replace('{purpose}', names);
    const allow = purposes.length ? [button('save', 'allow', t['placeholder.allow']), ' '] : [];
    // Focus stays on the same button when the texts change under it.
    const focusedPart = root.activeElement?.getAttribute('part');
    root.replaceChildren(
      element(
        'div',
        { part: 'placeholder' },
        element('p', { part: 'text' }, text),
        element('div', { class: 'actions' }, ...allow, button('customize', 'customize', t['action.manage'])),
      ),
    );
    if (focusedPart) root.querySelector<HTMLElement>(`[part="${focusedPart}"]`)?.focus();
  }

  private onAction(event: Event) {
    const action = actionOf(event);
    if (action === 'save') emit(this, 'cid-consent-action', { action, choices: Object.fromEntries(this.purposes.map((p) => [p, true])) });
    else if (action === 'customize') emit(this, 'cid-consent-action', { action });
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('cid-consent-placeholder')) {
  customElements.define('cid-consent-placeholder', CidConsentPlaceholder);
}

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-placeholder': CidConsentPlaceholder;
  }
}
