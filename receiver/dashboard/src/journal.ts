import { LitElement, css, html, nothing } from 'lit';
import { formatDateTime, type Lang } from './i18n.js';
import { sharedStyles } from './styles.js';

interface Entry {
  at: string;
  role: 'dpo' | 'marketing';
  action: 'proof' | 'export';
  via: 'api' | 'dashboard';
  subject: string;
  allowed: boolean;
}

/** This view's own words (issue #25, item 7): who looked at which visitor's proof, or exported receipts. */
const WORDS = {
  fr: {
    show: 'Afficher le journal des consultations',
    intro: 'Chaque consultation d’une preuve et chaque export des décisions une à une, refus compris, les plus récents d’abord (1 000 au plus). Personne ne peut le modifier.',
    caption: 'Journal des consultations',
    table: 'Tableau du journal, défilant',
    at: 'Quand (heure de Paris)',
    role: 'Qui',
    action: 'Quoi',
    subject: 'Sur quoi',
    via: 'Par',
    outcome: 'Résultat',
    roles: { dpo: 'DPO', marketing: 'Marketing' },
    actions: { proof: 'Preuve d’un visiteur', export: 'Export des décisions' },
    vias: { api: 'programme (API)', dashboard: 'tableau de bord' },
    allowed: 'servi',
    refused: 'refusé',
    empty: 'Aucune consultation pour l’instant.',
    error: 'Le journal ne peut pas être lu pour le moment.',
  },
  en: {
    show: 'Show the access journal',
    intro: 'Every lookup of a proof and every export of the decisions one by one, refusals included, newest first (at most 1,000). No one can change it.',
    caption: 'Access journal',
    table: 'Journal table, scrolling',
    at: 'When (Paris time)',
    role: 'Who',
    action: 'What',
    subject: 'Of what',
    via: 'Through',
    outcome: 'Outcome',
    roles: { dpo: 'DPO', marketing: 'Marketing' },
    actions: { proof: 'A visitor’s proof', export: 'Export of the decisions' },
    vias: { api: 'program (API)', dashboard: 'dashboard' },
    allowed: 'served',
    refused: 'refused',
    empty: 'No access yet.',
    error: 'The journal cannot be read right now.',
  },
} as const;

/**
 * The DPO's view of the access journal (GET /dashboard/journal), read when asked: every read of it
 * is a request of the DPO's own, never made behind their back.
 *
 * @tag cid-dash-journal
 */
export class CidDashJournal extends LitElement {
  static override properties = { locale: {}, entries: { state: true }, failed: { state: true } };
  declare locale: Lang;
  declare entries: Entry[] | undefined;
  declare failed: boolean;

  constructor() {
    super();
    this.locale = 'fr';
    this.entries = undefined;
    this.failed = false;
  }

  static override styles = [sharedStyles, css`
    p { max-width: 70ch; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; min-width: 100%; }
    caption { text-align: start; font-weight: 600; padding: 0.25rem 0; }
    th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d0d0; text-align: start; vertical-align: top; }
    td.subject { overflow-wrap: anywhere; }
  `];

  private async load(): Promise<void> {
    try {
      const response = await fetch('/dashboard/journal', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      this.entries = ((await response.json()) as { entries: Entry[] }).entries;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  override render() {
    const words = WORDS[this.locale];
    const entries = this.entries;
    return html`<p>${words.intro}</p>
      <p><button type="button" class="secondary" @click=${this.load}>${words.show}</button></p>
      <div role="status">${this.failed ? html`<p class="error">${words.error}</p>` : entries?.length === 0 ? html`<p>${words.empty}</p>` : nothing}</div>
      ${entries?.length
        ? html`<div class="scroll" tabindex="0" role="region" aria-label=${words.table}>
            <table>
              <caption>${words.caption}</caption>
              <thead><tr>${[words.at, words.role, words.action, words.subject, words.via, words.outcome].map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
              <tbody>${entries.map((entry) => html`<tr data-entry>
                <td>${formatDateTime(this.locale, entry.at)}</td>
                <td>${words.roles[entry.role] ?? entry.role}</td>
                <td>${words.actions[entry.action] ?? entry.action}</td>
                <td class="subject"><code>${entry.subject}</code></td>
                <td>${words.vias[entry.via] ?? entry.via}</td>
                <td>${entry.allowed ? words.allowed : html`<strong>${words.refused}</strong>`}</td>
              </tr>`)}</tbody>
            </table>
          </div>`
        : nothing}`;
  }
}

customElements.define('cid-dash-journal', CidDashJournal);
