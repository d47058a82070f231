import { LitElement, css, html, nothing } from 'lit';
import type { DashboardData, Rate, Share } from '../../src/dashboard/types.js';
import { formatNumber, formatPercent, itemName, TEXTS, type Lang } from './i18n.js';
import { sharedStyles } from './styles.js';

/**
 * This table's own words (issue #25, items 1 and 2), beside the dashboard's in i18n.ts: a rate with
 * and without Global Privacy Control says what the banner obtained from people who were asked, where
 * the mixed rate hides that a GPC browser refuses for its user on every site.
 */
const WORDS = {
  fr: {
    heading: 'Taux d’acceptation sur la période',
    intro: 'Part des décisions de la période qui acceptent chaque finalité et chaque service. Les navigateurs qui envoient Global Privacy Control (GPC) refusent d’office les offres commerciales et les partenaires : le taux « sans GPC » est celui des personnes qui ont répondu au bandeau.',
    purposes: 'Finalités',
    services: 'Services, du moins accepté au plus accepté',
    item: 'Finalité ou service',
    decisions: 'Décisions',
    all: 'Acceptation',
    withoutGpc: 'Sans GPC',
    withGpc: 'Avec GPC',
    none: 'aucune décision',
  },
  en: {
    heading: 'Acceptance over the period',
    intro: 'Share of the period’s decisions that accept each purpose and each service. Browsers that send Global Privacy Control (GPC) refuse marketing and partners for their user: the “without GPC” rate is that of the people who answered the banner.',
    purposes: 'Purposes',
    services: 'Services, least accepted first',
    item: 'Purpose or service',
    decisions: 'Decisions',
    all: 'Acceptance',
    withoutGpc: 'Without GPC',
    withGpc: 'With GPC',
    none: 'no decision',
  },
} as const;

/**
 * The period's acceptance of each purpose and service, in one table each, split by GPC.
 *
 * @tag cid-dash-rates
 */
export class CidDashRates extends LitElement {
  static override properties = { locale: {}, data: { attribute: false } };
  declare locale: Lang;
  declare data: DashboardData | undefined;

  constructor() {
    super();
    this.locale = 'fr';
    this.data = undefined;
  }

  static override styles = [sharedStyles, css`
    h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
    p { margin: 0 0 0.5rem; max-width: 70ch; }
    .scroll { overflow-x: auto; margin-bottom: 1rem; }
    table { border-collapse: collapse; min-width: 100%; }
    caption { text-align: start; font-weight: 600; padding: 0.25rem 0; }
    th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d0d0; text-align: end; white-space: nowrap; }
    th[scope='row'], thead th:first-child { text-align: start; white-space: normal; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `];

  private table(caption: string, kind: 'purposes' | 'services', ids: string[]) {
    const data = this.data!;
    const words = WORDS[this.locale];
    const texts = TEXTS[this.locale];
    // A dash for the eye, words for a screen reader (WCAG 1.1.1: "—" alone is read as nothing, or "dash").
    const cell = (share: Share) => (share.decisions === 0
      ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${words.none}</span>`
      : formatPercent(this.locale, share.rate));
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${caption}>
      <table data-rates=${kind}>
        <caption>${caption}</caption>
        <thead><tr>${[words.item, words.decisions, words.all, words.withoutGpc, words.withGpc].map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
        <tbody>
          ${ids.map((id) => {
            const rate: Rate = data[kind][id];
            return html`<tr data-item=${id} data-rate=${rate.rate} data-without-gpc=${rate.withoutGpc.rate} data-with-gpc=${rate.withGpc.rate}>
              <th scope="row">${itemName(texts, id, data.labels?.[this.locale])}</th>
              <td>${formatNumber(this.locale, rate.decisions)}</td>
              <td>${cell(rate)}</td>
              <td>${cell(rate.withoutGpc)}</td>
              <td>${cell(rate.withGpc)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const data = this.data;
    if (!data || data.totals.decisions === 0) return nothing;
    const words = WORDS[this.locale];
    // "necessary" is granted by every decision: it says nothing.
    const purposes = Object.keys(data.purposes).filter((id) => id !== 'necessary').sort();
    // Lowest first: the service that costs the most consent is the one marketing looks for (issue #25, item 2).
    const services = Object.keys(data.services).sort((a, b) => data.services[a].rate - data.services[b].rate || a.localeCompare(b));
    return html`<section aria-labelledby="rates">
      <h2 id="rates">${words.heading}</h2>
      <p>${words.intro}</p>
      ${this.table(words.purposes, 'purposes', purposes)}
      ${services.length ? this.table(words.services, 'services', services) : nothing}
    </section>`;
  }
}

customElements.define('cid-dash-rates', CidDashRates);
