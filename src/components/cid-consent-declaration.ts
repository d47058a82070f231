import { LitElement, html, nothing, unsafeCSS } from 'lit';
// Named from 'lit' (render's type below): an inferred type would make the .d.ts import lit-html, not our dependency.
import type { TemplateResult } from 'lit';
import type { ResolvedConfig } from '../core/config.js';
import { emit } from '../core/events.js';
import type { ConsentState, Lang } from '../core/types.js';
import { sitesScope } from '../i18n/index.js';
import { declarationTexts, ownStorage, purposeSections, type AllTexts, type PurposeSection } from './declaration-model.js';
import { link } from './parts.js';
import { sharedStyles } from './shared.styles.js';
import { declarationStyles } from './cid-consent-declaration.styles.js';

/**
 * The cookie declaration for a site's cookie-policy page (CONTRACT §9, issue #24), drawn from the
 * configuration that gates the page, so that it never drifts from it: each purpose (label,
 * description, legal basis) with a table of its cookies and its services' (name, service, lifetime,
 * party, use), the services (provider, privacy policy), what the widget itself keeps, the sister sites
 * the decision covers, and the visitor's current choices with their consent id and date and a button
 * that opens the preferences panel.
 *
 * The widget fills it: `start()` (or the script tag) sets `config` and `state` on every
 * `<cid-consent-declaration>` in the page once it is parsed, and `state` again on each change.
 *
 * @tag cid-consent-declaration
 * @attr {'light' | 'dark' | 'auto'} theme - colour scheme; `auto` (the default) follows `prefers-color-scheme`
 * @attr {'fr' | 'en'} lang - language of the declaration; the configuration's when the page sets none
 * @fires {CustomEvent<ConsentActionDetail>} cid-consent-action - `detail.action` is `customize` when the visitor
 *   asks to change their choices (the widget opens the preferences panel)
 * @csspart title - the heading
 * @csspart intro - the introduction
 * @csspart choices - the visitor's current choices: a list of purposes and services, granted or refused
 * @csspart consent-id - the visitor's consent id and the date of their decision, once decided
 * @csspart sites - with sister sites, the sentence naming the sites the decision covers
 * @csspart manage - the button that opens the preferences panel (also part `button`)
 * @csspart button - every button
 * @csspart purpose - one purpose's section
 * @csspart basis - the legal basis of a purpose
 * @csspart table - every table (each cookie's name is a row header)
 * @csspart services - the list of a purpose's services
 * @csspart service-link - the link to a service's own privacy policy
 * @csspart own - the section on what the widget itself keeps
 * @cssproperty --cid-consent-bg - background colour
 * @cssproperty --cid-consent-fg - text and focus-ring colour
 * @cssproperty --cid-consent-muted - colour of descriptions
 * @cssproperty --cid-consent-accent - button colour
 * @cssproperty --cid-consent-accent-fg - button text colour, in browsers that cannot derive it
 * @cssproperty --cid-consent-border - border colour of the tables
 * @cssproperty --cid-consent-radius - corner radius
 * @cssproperty --cid-consent-font - font shorthand
 * @cssproperty --cid-consent-spacing - spacing
 */
export class CidConsentDeclaration extends LitElement {
  static override styles = [unsafeCSS(sharedStyles), declarationStyles];
  static override properties = {
    config: { attribute: false },
    state: { attribute: false },
  };

  /** The page's resolved configuration, set by the widget; nothing is shown without it. */
  declare config?: ResolvedConfig;
  /** The visitor's consent now (CONTRACT §5 `get()`), set by the widget at start and on each change. */
  declare state?: ConsentState;

  /** The configuration's theme where the page gave the element none (as the widget's other elements). */
  override willUpdate(): void {
    if (this.config && !this.hasAttribute('theme')) this.setAttribute('theme', this.config.theme);
  }

  private get language(): Lang {
    const lang = (this.lang || this.config?.lang || 'fr').slice(0, 2).toLowerCase();
    return lang === 'en' ? 'en' : 'fr';
  }

  override render(): TemplateResult | typeof nothing {
    const config = this.config;
    if (!config) return nothing;
    const lang = this.language;
    const t = declarationTexts(config, lang);
    return html`<h2 part="title">${t['declaration.title']}</h2>
      <p part="intro">${t['declaration.intro']}</p>
      ${this.renderChoices(t, lang)}
      ${purposeSections(config, t, lang).map((section) => this.renderPurpose(section, t))}
      <section part="own" aria-labelledby="own">
        <h3 id="own">${t['declaration.own']}</h3>
        <div>
          <table part="table">
            <caption>${t['declaration.ownCaption']}</caption>
            <thead><tr>${[t['declaration.name'], t['declaration.where'], t['declaration.lifetime'], t['declaration.content']].map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
            <tbody>
              ${ownStorage(config, t, lang, !!config.receiptUrl).map(
                (r) => html`<tr><th scope="row">${r.words ? r.name : html`<code>${r.name}</code>`}</th><td>${r.where}</td><td>${r.lifetime}</td><td>${r.content}</td></tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  private renderChoices(t: AllTexts, lang: Lang) {
    const state = this.state;
    const config = this.config!;
    const decided = !!state?.decided && !!state.id;
    const answer = (granted: boolean | undefined, required?: boolean) =>
      required ? t['declaration.always'] : granted ? t['declaration.granted'] : t['declaration.refused'];
    const sections = purposeSections(config, t, lang);
    return html`<section aria-labelledby="choices">
      <h3 id="choices">${t['declaration.choices']}</h3>
      ${decided
        ? html`<p part="consent-id">${t['panel.consentId'].replace('{id}', state!.id!)}<br />${t['declaration.decidedAt'].replace('{date}', this.formatDate(state!.updatedAt))}</p>`
        : html`<p>${t['declaration.undecided']}</p>`}
      <ul part="choices">
        ${sections.map(
          ({ purpose, services }) => html`<li>
            ${purpose.label}\u00a0: <strong>${answer(decided && state?.purposes[purpose.id], purpose.required)}</strong>
            ${services.some((s) => s.id)
              ? html`<ul>
                  ${services
                    .filter((s) => s.id)
                    .map((s) => html`<li>${s.name}\u00a0: <strong>${answer(decided && state?.services[s.id!], purpose.required)}</strong></li>`)}
                </ul>`
              : nothing}
          </li>`,
        )}
      </ul>
      ${config.sites.length > 1 ? html`<p part="sites">${sitesScope(t, config.sites, lang)}</p>` : nothing}
      <button type="button" part="button manage" @click=${this.manage}>${t['declaration.manage']}</button>
    </section>`;
  }

  private renderPurpose({ purpose, rows, services }: PurposeSection, t: AllTexts) {
    const id = `purpose-${purpose.id}`;
    const basis = purpose.required ? t['declaration.basis.necessary'] : t['declaration.basis.consent'];
    return html`<section part="purpose" aria-labelledby=${id}>
      <h3 id=${id}>${purpose.label}</h3>
      ${purpose.description ? html`<p>${purpose.description}</p>` : nothing}
      <p part="basis">${t['declaration.basis'].replace('{basis}', basis)}</p>
      ${services.length
        ? html`<h4>${t['declaration.services']}</h4>
            <ul part="services">
              ${services.map(
                (s) => html`<li>
                  <strong>${s.name}</strong>${s.provider ? html`, ${t['declaration.provider'].replace('{provider}', s.provider)}` : nothing}
                  ${link('service-link', s.policyUrl, t['panel.servicePolicy'].replace('{name}', s.name))}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${rows.length
        ? html`<div>
            <table part="table">
              <caption>${t['declaration.caption'].replace('{purpose}', purpose.label)}</caption>
              <thead>
                <tr>
                  ${[t['declaration.name'], t['declaration.service'], t['declaration.lifetime'], t['declaration.party'], t['declaration.use']].map(
                    (h) => html`<th scope="col">${h}</th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr>
                    <th scope="row"><code>${r.name}</code></th>
                    <td>${r.service ?? '—'}</td>
                    <td>${r.lifetime}</td>
                    <td>${r.party}</td>
                    <td>${r.use || '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t['declaration.none']}</p>`}
    </section>`;
  }

  /** The date of the decision in the declaration's language; the raw value if it is no date. */
  private formatDate(value: string | null | undefined): string {
    const date = new Date(value ?? NaN);
    if (isNaN(date.getTime())) return value ?? '';
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }

  /** The widget opens the panel (steps.ts `onAction`); focus goes back to this button when it closes. */
  private manage() {
    emit(this, 'cid-consent-action', { action: 'customize' });
  }
}

if (!customElements.get('cid-consent-declaration')) customElements.define('cid-consent-declaration', CidConsentDeclaration);

declare global {
  interface HTMLElementTagNameMap {
    'cid-consent-declaration': CidConsentDeclaration;
  }
}
