import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type Plugin,
} from 'chart.js';
import { LitElement, css, html, nothing } from 'lit';
import { formatNumber, formatPercent, TEXTS, type Lang } from './i18n.js';

// Only what the charts use, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#3d3d3d';

export interface Series {
  label: string;
  values: (number | null)[];
}

/**
 * Colours with at least 3:1 contrast on white (WCAG 1.4.11, non-text contrast), and a dash
 * pattern and point shape per series, so that no line is told apart by colour alone
 * (WCAG 1.4.1).
 */
const COLOURS = ['#1f5fbf', '#b3261e', '#1e7a3c', '#8a4b00', '#6a3fa0', '#00707a', '#4d4d4d', '#a3165a'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 4], [8, 8], [4, 2, 1, 2], [12, 4]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'cross', 'dash'] as const;

/** A category label on lines of at most `width` characters, cut between words (Chart.js draws an array as lines). */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * One chart, drawn by Chart.js, with its figures in a table beneath (a canvas says nothing
 * to a screen reader: WCAG 1.1.1, text alternatives). Sets `data-drawn` once painted.
 */
export class CidDashChart extends LitElement {
  static override properties = {
    name: { type: String, reflect: true },
    heading: { type: String },
    description: { type: String },
    kind: { type: String },
    labels: { type: Array },
    series: { type: Array },
    percent: { type: Boolean },
    horizontal: { type: Boolean, reflect: true },
    firstColumn: { type: String },
    compare: { type: Boolean },
    locale: { type: String },
  };

  declare name: string;
  declare heading: string;
  declare description: string;
  declare kind: 'line' | 'bar';
  declare labels: string[];
  declare series: Series[];
  declare percent: boolean;
  declare horizontal: boolean;
  declare firstColumn: string;
  /** Adds a column with the change from the second-last series to the last (points of percentage). */
  declare compare: boolean;
  declare locale: Lang;
  private chart?: Chart;

  constructor() {
    super();
    this.name = '';
    this.heading = '';
    this.description = '';
    this.kind = 'line';
    this.labels = [];
    this.series = [];
    this.percent = false;
    this.horizontal = false;
    this.firstColumn = '';
    this.compare = false;
    this.locale = 'fr';
  }

  static override styles = css`
    :host { display: block; min-width: 0; }
    figure { margin: 0; }
    h3 { font-size: 1.05rem; margin: 0 0 0.25rem; }
    p { margin: 0 0 0.5rem; color: #3d3d3d; font-size: 0.9rem; }
    .plot { position: relative; height: 220px; }
    /* Bars side by side with their labels, each label on as many lines as it needs: room for them. */
    :host([horizontal]) .plot { height: 260px; }
    @media (max-width: 600px) { :host([horizontal]) .plot { height: 340px; } }
    details { margin-top: 0.5rem; }
    summary { cursor: pointer; color: #1f5fbf; font-size: 0.9rem; padding: 0.25rem 0; }
    summary:focus-visible, .table:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
    .table { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; font-size: 0.85rem; margin-top: 0.25rem; }
    caption { text-align: start; font-weight: 600; padding-bottom: 0.25rem; }
    th, td { border-bottom: 1px solid #d0d0d0; padding: 0.2rem 0.6rem; text-align: end; white-space: nowrap; }
    th[scope='row'], thead th:first-child { text-align: start; }
    /* Long column names (a version and its dates) wrap rather than widen the table. */
    thead th { white-space: normal; vertical-align: bottom; }
  `;

  private format(value: number | null): string {
    if (value === null) return '–';
    return this.percent ? formatPercent(this.locale, value) : formatNumber(this.locale, value);
  }

  private config(): ChartConfiguration {
    // Values are skipped rather than turned sideways when they do not all fit.
    const percentAxis = { min: 0, max: 1, ticks: { maxRotation: 0, callback: (value: string | number) => formatPercent(this.locale, Number(value)) } };
    const countAxis = { beginAtZero: true, ticks: { maxRotation: 0, precision: 0, callback: (value: string | number) => formatNumber(this.locale, Number(value)) } };
    const valueAxis = this.percent ? percentAxis : countAxis;
    // Categories (how visitors decided, banner versions) are few and each one matters: every label
    // is shown, on as many lines as it needs, never skipped as days are on a long period.
    // A line holds what about a third of the chart's width fits (~7 px a character), so that a label
    // is never cut at the canvas's edge on a narrow screen.
    const categoryAxis = {
      ticks: { autoSkip: false, callback: (_value: string | number, index: number) => wrap(this.labels[index] ?? '', Math.max(10, Math.floor(this.clientWidth / 21))) },
    };
    // Says when the chart is painted, and how many of its category labels are shown (for tests).
    const drawn: Plugin = {
      id: 'drawn',
      afterRender: (chart) => {
        this.setAttribute('data-drawn', '');
        this.setAttribute('data-labels-shown', String(chart.scales[this.horizontal ? 'y' : 'x']?.ticks.length ?? 0));
      },
    };
    return {
      type: this.kind,
      data: {
        labels: this.labels,
        datasets: this.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          borderColor: COLOURS[index % COLOURS.length],
          backgroundColor: COLOURS[index % COLOURS.length],
          borderDash: this.kind === 'line' ? DASHES[index % DASHES.length] : undefined,
          pointStyle: POINTS[index % POINTS.length],
          pointRadius: this.labels.length > 60 ? 0 : 3,
          borderWidth: 2,
          spanGaps: false,
        })),
      },
      options: {
        // Figures, not motion: nothing moves (WCAG 2.3.3) and the charts show at once.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: this.horizontal ? 'y' : 'x',
        scales: this.horizontal ? { x: valueAxis, y: categoryAxis } : { x: { ticks: { autoSkip: true, maxRotation: 0 } }, y: valueAxis },
        plugins: {
          // A line chart always names its lines (which service a lone line is, for instance).
          legend: { display: this.series.length > 1 || this.kind === 'line', labels: { usePointStyle: this.kind === 'line' } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${this.format(item.parsed[this.horizontal ? 'x' : 'y'])}` } },
        },
      },
      plugins: [drawn],
    } as ChartConfiguration;
  }

  protected override updated(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    if (this.chart) {
      const next = this.config();
      this.chart.data = next.data;
      this.chart.options = next.options ?? {};
      this.chart.update('none');
    } else {
      this.chart = new Chart(canvas, this.config());
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.dismiss);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.dismiss);
    this.chart?.destroy();
    this.chart = undefined;
  }

  /**
   * Escape closes the tooltip without moving the pointer (WCAG 1.4.13, content on hover: dismissible),
   * wherever the keyboard is; the next move of the pointer over a bar or point shows it again.
   */
  private readonly dismiss = (event: KeyboardEvent): void => {
    const chart = this.chart;
    if (event.key !== 'Escape' || !chart || chart.getActiveElements().length === 0) return;
    chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    chart.setActiveElements([]);
    chart.update('none');
  };

  private change(row: number): string {
    const last = this.series[this.series.length - 1]?.values[row] ?? null;
    const before = this.series[this.series.length - 2]?.values[row] ?? null;
    if (last === null || before === null) return '–';
    const points = Math.round((last - before) * 1000) / 10;
    const sign = points > 0 ? '+' : '';
    return TEXTS[this.locale].points(`${sign}${formatNumber(this.locale, points)}`);
  }

  override render() {
    const texts = TEXTS[this.locale];
    const compare = this.compare && this.series.length >= 2;
    return html`<figure>
      <figcaption><h3>${this.heading}</h3><p>${this.description}</p></figcaption>
      <div class="plot"><canvas role="img" aria-label=${texts.chartImage(this.heading)}></canvas></div>
      <details>
        <summary>${texts.showFigures}</summary>
        <div class="table" tabindex="0" role="region" aria-label=${this.heading}>
          <table>
            <caption>${this.heading}</caption>
            <thead><tr>
              <th scope="col">${this.firstColumn}</th>
              ${this.series.map((series) => html`<th scope="col">${series.label}</th>`)}
              ${compare ? html`<th scope="col">${texts.change}</th>` : nothing}
            </tr></thead>
            <tbody>${this.labels.map((label, row) => html`<tr>
              <th scope="row">${label}</th>
              ${this.series.map((series) => html`<td>${this.format(series.values[row] ?? null)}</td>`)}
              ${compare ? html`<td>${this.change(row)}</td>` : nothing}
            </tr>`)}</tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

customElements.define('cid-dash-chart', CidDashChart);
