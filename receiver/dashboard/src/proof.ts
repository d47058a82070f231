import { LitElement, css, html, nothing } from 'lit';
import { labelsOf } from '../../src/dashboard/types.js';
import { formatDateTime, itemName, siteName, TEXTS, type Lang, type Texts } from './i18n.js';
import { sharedStyles } from './styles.js';
import { verdicts } from './verdicts.js';

const CONSENT_ID = /^[a-z0-9]{8,32}$/;

interface ProofReceipt {
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
  method: string;
  gpc: boolean;
  site: string;
  page: string;
  noticeHash: string;
  notice: unknown;
  receivedAt: string;
  /** Another receipt of this id has the same decidedAt and a different content (README, "What a proof shows"). */
  conflict: boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'message'; text: keyof Pick<Texts, 'badId' | 'notFound' | 'loadError'> }
  | { kind: 'found'; consentId: string; receipts: ProofReceipt[]; at: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Proof lookup for a data-protection request (GDPR art. 7(1): the controller must be able
 * to show that the visitor consented): every receipt of a consent id, oldest first, each
 * with the notice exactly as shown, and a download of them as JSON.
 */
export class CidDashProof extends LitElement {
  static override properties = { locale: { type: String }, state: { state: true } };
  declare locale: Lang;
  declare state: State;

  constructor() {
    super();
    this.locale = 'fr';
    this.state = { kind: 'idle' };
  }

  static override styles = [sharedStyles, css`
    form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
    /* At most 22rem, and narrower on a narrow screen: no sideways scrolling at 320 px (WCAG 1.4.10). */
    .field { display: flex; flex-direction: column; gap: 0.25rem; flex: 0 1 22rem; min-width: 0; }
    input { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; width: 100%; box-sizing: border-box; }
    .help { font-size: 0.85rem; color: #3d3d3d; }
    ol { padding-inline-start: 1.25rem; }
    li { margin-block: 1rem; }
    article { border: 1px solid #d0d0d0; border-radius: 6px; padding: 0.75rem 1rem; }
    h3 { font-size: 1rem; margin: 0 0 0.5rem; }
    h4 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .conflict { color: #b3261e; font-weight: 600; border-inline-start: 4px solid #b3261e; padding-inline-start: 0.5rem; }
    pre { background: #f4f4f4; padding: 0.5rem; overflow: auto; max-height: 20rem; font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .status:focus { outline: none; }
    .summary dl { grid-template-columns: max-content 1fr; }
    .printed { display: none; }
    /* A DPO attaches the printed proof to an answer: the proof, its consent id and when it was looked up. */
    @media print {
      form, .actions, details { display: none; }
      .printed { display: block; }
      article { break-inside: avoid; }
    }
  `];

  /** Takes the keyboard to the consent id field (the header's link to the proof, issue #25 item 8). */
  override focus(): void {
    const input = this.renderRoot.querySelector('input');
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  }

  private async lookup(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const consentId = (input?.value ?? '').trim();
    if (!CONSENT_ID.test(consentId)) {
      this.state = { kind: 'message', text: 'badId' };
      return;
    }
    this.state = { kind: 'loading' };
    try {
      const response = await fetch(`/dashboard/proof/${consentId}`, { credentials: 'same-origin' });
      if (response.status === 401) {
        this.dispatchEvent(new CustomEvent('signed-out', { bubbles: true, composed: true }));
        return;
      }
      if (response.status === 404) this.state = { kind: 'message', text: 'notFound' };
      else if (!response.ok) this.state = { kind: 'message', text: 'loadError' };
      else {
        const body = (await response.json()) as { receipts: ProofReceipt[] };
        this.state = { kind: 'found', consentId, receipts: body.receipts, at: new Date().toISOString() };
      }
    } catch {
      this.state = { kind: 'message', text: 'loadError' };
    }
    await this.updateComplete;
    // Says the outcome where the keyboard is (WCAG 4.1.3, status messages).
    this.renderRoot.querySelector<HTMLElement>('.status')?.focus();
  }

  private notice(texts: Texts, notice: unknown) {
    if (!isRecord(notice)) return nothing;
    const strings = isRecord(notice.texts) ? Object.entries(notice.texts).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
    const purposes = Array.isArray(notice.purposes) ? notice.purposes.filter(isRecord) : [];
    return html`
      <h4>${texts.notice}</h4>
      ${strings.length > 0 ? html`<p><strong>${texts.noticeTexts}</strong></p>
        <dl>${strings.map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>` : nothing}
      ${purposes.length > 0 ? html`<p><strong>${texts.noticePurposes}</strong></p>
        <ul>${purposes.map((purpose) => html`<li>${String(purpose.label ?? purpose.id ?? '')}${typeof purpose.description === 'string' ? html` : ${purpose.description}` : nothing}</li>`)}</ul>` : nothing}
      <details><summary>${texts.noticeJson}</summary><pre>${JSON.stringify(notice, null, 2)}</pre></details>`;
  }

  private receipt(texts: Texts, receipt: ProofReceipt) {
    // Purposes in the banner's order, then services (the store keeps JSON keys in its own order).
    const known = Object.keys(texts.purposes);
    const rank = (id: string) => (known.includes(id) ? known.indexOf(id) : known.length);
    const purposes = Object.entries(receipt.choices).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
    const choices = [...purposes, ...Object.entries(receipt.services)];
    // Each choice named as this receipt's own notice named it to the visitor.
    const shown = labelsOf(receipt.notice);
    return html`<li><article>
      <h3>${formatDateTime(this.locale, receipt.decidedAt)}</h3>
      ${receipt.conflict ? html`<p class="conflict" data-conflict>${texts.conflict(formatDateTime(this.locale, receipt.receivedAt))}</p>` : nothing}
      <dl>
        <dt>${texts.receivedAt}</dt><dd data-received>${formatDateTime(this.locale, receipt.receivedAt)}</dd>
        <dt>${texts.method}</dt><dd>${texts.methods[receipt.method] ?? receipt.method}</dd>
        <dt>${texts.site}</dt><dd>${siteName(receipt.site)}</dd>
        <dt>${texts.page}</dt><dd>${receipt.page}</dd>
        <dt>${texts.revision}</dt><dd>${receipt.revision}</dd>
        <dt>${texts.gpc}</dt><dd>${receipt.gpc ? texts.yes : texts.no}</dd>
        <dt>${texts.choices}</dt><dd>${choices.map(([id, granted], index) => html`${index > 0 ? ', ' : ''}${itemName(texts, id, shown)} : ${granted ? texts.granted : texts.refused}`)}</dd>
        <dt>${texts.noticeHash}</dt><dd><code>${receipt.noticeHash}</code></dd>
      </dl>
      ${this.notice(texts, receipt.notice)}
    </article></li>`;
  }

  private result(texts: Texts) {
    const state = this.state;
    if (state.kind === 'loading') return html`<p class="status" tabindex="-1" role="status">${texts.loading}</p>`;
    if (state.kind === 'message') return html`<p class="status error" tabindex="-1" role="status">${texts[state.text]}</p>`;
    if (state.kind !== 'found') return html`<p class="status" tabindex="-1" role="status"></p>`;
    return html`
      <p class="status" tabindex="-1" role="status">${texts.found(state.receipts.length)}</p>
      <p class="printed">${texts.consentId} : <code>${state.consentId}</code>. ${texts.printedAt(formatDateTime(this.locale, state.at))}</p>
      ${this.summary(texts, state.receipts)}
      <p class="actions">
        <a class="button" href="/dashboard/proof/${state.consentId}?download=1" download="consent-${state.consentId}.json">${texts.download}</a>
        <button type="button" class="secondary" @click=${() => window.print()}>${texts.print}</button>
      </p>
      <ol>${state.receipts.map((receipt) => this.receipt(texts, receipt))}</ol>`;
  }

  /** Purposes in the banner's order, then services (the store keeps JSON keys in its own order). */
  private ordered<T extends { id: string; kind: 'purpose' | 'service' }>(texts: Texts, list: T[]): T[] {
    const known = Object.keys(texts.purposes);
    const rank = (item: T) => (item.kind === 'service' ? known.length + 1 : known.includes(item.id) ? known.indexOf(item.id) : known.length);
    return [...list].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }

  /** Each purpose and service with a plain verdict: never accepted, or accepted and withdrawn on which dates. */
  private summary(texts: Texts, receipts: ProofReceipt[]) {
    const shown = labelsOf(receipts[receipts.length - 1]?.notice);
    const when = (at: string) => formatDateTime(this.locale, at);
    return html`<section class="summary" aria-labelledby="summary">
      <h3 id="summary">${texts.summary}</h3>
      <p class="help">${texts.summaryHelp}</p>
      <dl>${this.ordered(texts, verdicts(receipts)).map(({ id, kind, changes }) => html`<dt>${itemName(texts, id, shown)}</dt>
        <dd data-verdict=${`${kind}:${id}`}>${changes.length === 0
          ? texts.neverGranted
          : changes.map((change) => (change.granted ? texts.grantedOn(when(change.at)) : texts.withdrawnOn(when(change.at)))).join(', ')}</dd>`)}</dl>
    </section>`;
  }

  override render() {
    const texts = TEXTS[this.locale];
    return html`
      <p>${texts.proofText}</p>
      <form @submit=${this.lookup} novalidate>
        <div class="field">
          <label for="consent-id">${texts.consentId}</label>
          <input id="consent-id" name="consentId" autocomplete="off" spellcheck="false" aria-describedby="consent-id-help" />
          <span id="consent-id-help" class="help">${texts.consentIdHelp}</span>
        </div>
        <button type="submit">${texts.search}</button>
      </form>
      ${this.result(texts)}`;
  }
}

customElements.define('cid-dash-proof', CidDashProof);
