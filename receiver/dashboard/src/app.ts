import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { DashboardData, Rate } from '../../src/dashboard/types.js';
import './chart.js';
import type { Series } from './chart.js';
import { formatDay, formatNumber, formatPercent, itemName, siteName, TEXTS, type Lang, type Texts } from './i18n.js';
import './proof.js';
import './rates.js';
import './journal.js';
import { PRESETS, pointsChange, presetRange, relativeChange, type Preset } from './period.js';
import { sharedStyles } from './styles.js';

const FILTERS = ['site', 'from', 'to', 'revision'] as const;

type Status = 'loading' | 'ready' | 'error';

/** Purposes and services worth a line: "necessary" is granted by every decision, so says nothing. */
function items(rates: Record<string, Rate>): string[] {
  return Object.keys(rates).filter((id) => id !== 'necessary').sort();
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** The dashboard: filters, headline figures, charts with their tables, proof lookup, CSV export. */
export class CidDashboard extends LitElement {
  static override properties = { locale: { state: true }, data: { state: true }, status: { state: true } };
  declare locale: Lang;
  declare data: DashboardData | undefined;
  declare status: Status;
  private query = new URLSearchParams();

  constructor() {
    super();
    this.locale = document.documentElement.lang === 'en' ? 'en' : 'fr';
    this.data = undefined;
    this.status = 'loading';
  }

  static override styles = [sharedStyles, css`
    :host { max-width: 1400px; margin: 0 auto; padding: 0 1.25rem 2rem; }
    header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.75rem 0; border-bottom: 1px solid #d0d0d0; }
    h1 { font-size: 1.4rem; margin: 0; }
    h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .tools form { margin: 0; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-top: 0.75rem; }
    .presets { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .filters label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; font-weight: 600; }
    select, input { font: inherit; font-weight: 400; padding: 0.35rem 0.4rem; border: 1px solid #6b6b6b; border-radius: 4px; background: #fff; color: #1a1a1a; }
    .period { margin: 0.75rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
    .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.75rem; }
    .card { border: 1px solid #d0d0d0; border-radius: 6px; padding: 0.6rem 0.9rem; }
    .card h3 { font-size: 0.95rem; margin: 0; font-weight: 600; }
    .value { font-size: 1.7rem; font-weight: 700; margin: 0.15rem 0; }
    .help { font-size: 0.85rem; color: #3d3d3d; margin: 0; }
    .rates { list-style: none; padding: 0; margin: 0.25rem 0 0; }
    .rates li { display: flex; justify-content: space-between; gap: 0.5rem; }
    .rates strong { font-size: 1.05rem; }
    .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem 1.5rem; }
    .charts > * { border: 1px solid #d0d0d0; border-radius: 6px; padding: 0.75rem 1rem; }
    [aria-busy='true'] .cards, [aria-busy='true'] .charts { opacity: 0.6; }
    @media (max-width: 1100px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    @media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 520px) { .cards { grid-template-columns: minmax(0, 1fr); } }
    /* Printing is for a proof (issue #25, item 8): the figures and the controls stay on screen. */
    @media print {
      .tools, .filters, .status, .period, .figures, .journal { display: none; }
      :host { padding: 0; }
    }
  `];

  override connectedCallback(): void {
    super.connectedCallback();
    const url = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      const value = url.get(name);
      if (value) this.query.set(name, value);
    }
    void this.load();
  }

  private async load(): Promise<void> {
    this.status = 'loading';
    try {
      const response = await fetch(`/dashboard/data?${this.query}`, { credentials: 'same-origin' });
      if (response.status === 401) {
        this.signedOut();
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      this.data = (await response.json()) as DashboardData;
      this.status = 'ready';
    } catch {
      this.status = 'error';
    }
  }

  private signedOut(): void {
    location.assign(`/dashboard?lang=${this.locale}`);
  }

  private remember(): void {
    const url = new URLSearchParams(this.query);
    url.set('lang', this.locale);
    history.replaceState(null, '', `/dashboard?${url}`);
  }

  private apply(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.get(name);
      if (typeof value === 'string' && value !== '') this.query.set(name, value);
    }
    this.remember();
    void this.load();
  }

  /** The proof search without scrolling past the charts: the DPO's usual errand (issue #25, item 8). */
  private toProof(): void {
    this.renderRoot.querySelector<HTMLElement>('cid-dash-proof')?.focus();
  }

  private switchLanguage(): void {
    this.locale = TEXTS[this.locale].otherLang;
    // The page's language follows (WCAG 3.1.1), and the address keeps it for a reload.
    document.documentElement.lang = this.locale;
    document.title = TEXTS[this.locale].title;
    this.remember();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The element's own lang (the server writes one) decides its texts' language, not the page's:
    // it must follow the switch, or English is read with French pronunciation (WCAG 3.1.2).
    if (changed.has('locale')) this.lang = this.locale;
  }

  private filters(texts: Texts, data: DashboardData | undefined) {
    return html`<form class="filters" @submit=${this.apply} aria-label=${texts.filters}>
      <label>${texts.site}
        <select name="site">
          <option value="">${texts.allSites}</option>
          ${(data?.sites ?? []).map((site) => html`<option value=${site} ?selected=${data?.site === site}>${siteName(site)}</option>`)}
        </select>
      </label>
      <label>${texts.from}<input type="date" name="from" .value=${data?.from ?? ''} /></label>
      <label>${texts.to}<input type="date" name="to" .value=${data?.to ?? ''} /></label>
      <label>${texts.revision}
        <select name="revision">
          <option value="">${texts.allRevisions}</option>
          ${(data?.revisions ?? []).map((revision) => html`<option value=${revision} ?selected=${data?.revision === revision}>${texts.revisionN(revision)}</option>`)}
        </select>
      </label>
      <button type="submit">${texts.apply}</button>
      <div class="presets" role="group" aria-label=${texts.presets}>
        ${PRESETS.map((preset) => html`<button type="button" class="secondary" data-preset=${preset}
          ?disabled=${!data?.today || !presetRange(preset, data.today, data.latestRevisionFrom)} @click=${() => this.preset(preset)}>${texts[preset]}</button>`)}
      </div>
    </form>`;
  }

  /** A ready-made period, the site and revision kept (issue #25, item 6). */
  private preset(preset: Preset): void {
    const range = this.data?.today ? presetRange(preset, this.data.today, this.data.latestRevisionFrom) : undefined;
    if (!range) return;
    this.query.set('from', range.from);
    this.query.set('to', range.to);
    this.remember();
    void this.load();
  }

  /** "+3,2 pts compared with 1 – 10 Nov": the change from the period of the same length just before. */
  private change(texts: Texts, data: DashboardData, text: string | undefined) {
    if (!data.previous || text === undefined || data.previous.totals.decisions === 0) return nothing;
    return html`<p class="help delta" data-delta=${text}>${text} ${texts.versus(formatDay(this.locale, data.previous.from, true), formatDay(this.locale, data.previous.to, true))}</p>`;
  }

  private headline(texts: Texts, data: DashboardData) {
    const { totals } = data;
    const before = data.previous?.totals;
    const purposes = items(data.purposes);
    return html`<section aria-labelledby="headline">
      <h2 id="headline">${texts.headline}</h2>
      <div class="cards">
        <div class="card" data-figure="decisions" data-value=${totals.decisions}>
          <h3>${texts.decisions}</h3><p class="value">${formatNumber(this.locale, totals.decisions)}</p>
          ${this.change(texts, data, relativeChange(this.locale, totals.decisions, before?.decisions ?? 0))}<p class="help">${texts.decisionsHelp}</p>
        </div>
        <div class="card" data-figure="grant-rates">
          <h3>${texts.grantRates}</h3>
          <ul class="rates">${purposes.map((id) => html`<li data-purpose=${id} data-value=${data.purposes[id].rate}>
            <span>${itemName(texts, id, data.labels?.[this.locale])}</span><strong>${formatPercent(this.locale, data.purposes[id].rate)}</strong>
            ${data.previous?.purposes[id] ? html`<span class="help" data-delta=${pointsChange(this.locale, data.purposes[id].rate, data.previous.purposes[id].rate)}>${pointsChange(this.locale, data.purposes[id].rate, data.previous.purposes[id].rate)}</span>` : nothing}</li>`)}</ul>
          <p class="help">${texts.grantRatesHelp}</p>
        </div>
        <div class="card" data-figure="reject-all" data-value=${share(totals.rejectAll, totals.decisions)}>
          <h3>${texts.rejectShare}</h3><p class="value">${formatPercent(this.locale, share(totals.rejectAll, totals.decisions))}</p>
          ${this.change(texts, data, before ? pointsChange(this.locale, share(totals.rejectAll, totals.decisions), share(before.rejectAll, before.decisions)) : undefined)}<p class="help">${texts.rejectShareHelp}</p>
        </div>
        <div class="card" data-figure="gpc" data-value=${share(totals.gpc, totals.decisions)}>
          <h3>${texts.gpcShare}</h3><p class="value">${formatPercent(this.locale, share(totals.gpc, totals.decisions))}</p>
          ${this.change(texts, data, before ? pointsChange(this.locale, share(totals.gpc, totals.decisions), share(before.gpc, before.decisions)) : undefined)}<p class="help">${texts.gpcShareHelp}</p>
        </div>
      </div>
      ${totals.decisions === 0 ? html`<p>${texts.noData}</p>` : nothing}
    </section>`;
  }

  private charts(texts: Texts, data: DashboardData) {
    const locale = this.locale;
    const days = data.days.map((day) => formatDay(locale, day.day, true));
    const perDay = (kind: 'purposes' | 'services'): Series[] => items(data[kind]).map((id) => ({
      label: itemName(texts, id, data.labels?.[this.locale]),
      values: data.days.map((day) => day[kind][id]?.rate ?? null),
    }));
    const { totals } = data;
    const kinds = ['acceptAll', 'rejectAll', 'custom', 'placeholder', 'other'] as const;
    const compared = items(data.purposes);
    const revisions: Series[] = data.byRevision.map((figures) => ({
      label: `${texts.revisionN(figures.revision)} (${texts.shownFrom(formatDay(locale, figures.firstDay, true), formatDay(locale, figures.lastDay, true))}; ${texts.decisionsCount(formatNumber(locale, figures.decisions))})`,
      values: [...compared.map((id) => figures.purposes[id]?.rate ?? null), share(figures.rejectAll, figures.decisions)],
    }));
    const services = perDay('services');
    return html`<section aria-labelledby="charts">
      <h2 id="charts">${texts.charts}</h2>
      <div class="charts">
        <cid-dash-chart name="decisions" kind="bar" .locale=${locale} .heading=${texts.chartDecisions} .description=${texts.chartDecisionsText}
          .firstColumn=${texts.day} .labels=${days} .series=${[{ label: texts.decisions, values: data.days.map((day) => day.decisions) }]}></cid-dash-chart>
        <cid-dash-chart name="split" kind="bar" horizontal .locale=${locale} .heading=${texts.chartSplit} .description=${texts.chartSplitText}
          .firstColumn=${texts.kind} .labels=${kinds.map((kind) => texts[kind])}
          .series=${[{ label: texts.count, values: kinds.map((kind) => totals[kind]) }]}></cid-dash-chart>
        <cid-dash-chart name="purposes" kind="line" percent .locale=${locale} .heading=${texts.chartPurposes} .description=${texts.chartPurposesText}
          .firstColumn=${texts.day} .labels=${days} .series=${perDay('purposes')}></cid-dash-chart>
        ${services.length > 0 ? html`<cid-dash-chart name="services" kind="line" percent .locale=${locale} .heading=${texts.chartServices}
          .description=${texts.chartServicesText} .firstColumn=${texts.day} .labels=${days} .series=${services}></cid-dash-chart>` : nothing}
        <cid-dash-chart name="revisions" kind="bar" horizontal percent compare .locale=${locale} .heading=${texts.chartRevisions}
          .description=${texts.chartRevisionsText} .firstColumn=${texts.usage}
          .labels=${[...compared.map((id) => itemName(texts, id, data.labels?.[this.locale])), texts.rejectAll]} .series=${revisions}></cid-dash-chart>
      </div>
    </section>`;
  }

  override render() {
    const texts = TEXTS[this.locale];
    const data = this.data;
    const exportQuery = data ? new URLSearchParams({ from: data.from, to: data.to, ...(data.site ? { site: data.site } : {}), ...(data.revision !== null ? { revision: String(data.revision) } : {}) }) : undefined;
    return html`
      <header>
        <h1>${texts.title}</h1>
        <div class="tools">
          ${data?.role === 'dpo'
            ? html`<button type="button" class="secondary" data-to-proof @click=${this.toProof}>${texts.proofLink}</button>`
            : nothing}
          <button type="button" class="secondary" lang=${texts.otherLang} @click=${this.switchLanguage}>${texts.otherLanguage}</button>
          <form method="post" action="/dashboard/sign-out">
            <input type="hidden" name="lang" .value=${this.locale} />
            <button type="submit" class="secondary">${texts.signOut}</button>
          </form>
        </div>
      </header>
      <main aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
        ${this.filters(texts, data)}
        <p class="status" role="status">${this.status === 'loading' ? texts.loading : this.status === 'error' ? html`<span class="error">${texts.loadError}</span>` : nothing}</p>
        ${data ? html`
          <p class="period">
            <span>${texts.period(formatDay(this.locale, data.from), formatDay(this.locale, data.to))}${data.site ? ` · ${siteName(data.site)}` : ''}${data.revision !== null ? ` · ${texts.revisionN(data.revision)}` : ''}</span>
            <a href="/dashboard/figures.csv?${exportQuery}" download>${texts.exportFigures}</a>
            ${data.role === 'dpo' ? html`<a href="/dashboard/export.csv?${exportQuery}" download>${texts.exportCsv}</a>` : nothing}
          </p>
          <div class="figures">
            ${this.headline(texts, data)}
            <cid-dash-rates .locale=${this.locale} .data=${data}></cid-dash-rates>
            ${this.charts(texts, data)}
          </div>` : nothing}
        ${data?.role === 'dpo'
          ? html`<section aria-labelledby="proof">
              <h2 id="proof">${texts.proof}</h2>
              <cid-dash-proof .locale=${this.locale} @signed-out=${this.signedOut}></cid-dash-proof>
            </section>
            <section aria-labelledby="journal" class="journal">
              <h2 id="journal">${texts.journal}</h2>
              <cid-dash-journal .locale=${this.locale}></cid-dash-journal>
            </section>`
          : nothing}
      </main>`;
  }
}

customElements.define('cid-dashboard', CidDashboard);
