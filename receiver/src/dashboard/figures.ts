// The figures export (issue #25, item 3): GET /dashboard/figures.csv, for marketing's monthly report.
// What a spreadsheet needs and nothing about a visitor: per period (day or month, on the TIME_ZONE
// calendar), site and banner revision, the decisions and each purpose's and service's acceptance,
// with and without Global Privacy Control. Read from the daily rollups only, never the receipts, so
// that it holds no consent id and costs the same whatever their number. French Excel opens it as is:
// UTF-8 with a byte-order mark (without it Excel reads the accents as Windows-1252), `;` between
// cells and a decimal comma (the French list separator and decimal mark), CRLF line ends.
import { stringify } from 'csv-stringify/sync';
import type { Sql } from '../store/sql.js';
import type { Filter } from './queries.js';

export type Period = 'day' | 'month';

interface DecisionRow { day: string; site: string; revision: number; gpc: boolean; decisions: number }
interface GrantRow extends DecisionRow { kind: 'purpose' | 'service'; item: string; granted: number }

const WHERE = `day >= $1::date AND day <= $2::date AND ($3::text IS NULL OR site = $3) AND ($4::int IS NULL OR revision = $4)`;

/** The period's rollups per day, site, revision and GPC. */
export async function figureRollups(sql: Sql, filter: Filter): Promise<{ decisions: DecisionRow[]; grants: GrantRow[] }> {
  const params = [filter.from, filter.to, filter.site, filter.revision];
  const [decisions, grants] = await Promise.all([
    sql.query<DecisionRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, site, revision, gpc, sum(decisions)::float8 AS decisions
       FROM stats_daily WHERE ${WHERE} GROUP BY day, site, revision, gpc`,
      params,
    ),
    sql.query<GrantRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, site, revision, gpc, kind, item,
              sum(granted)::float8 AS granted, sum(decisions)::float8 AS decisions
       FROM stats_daily_grants WHERE ${WHERE} GROUP BY day, site, revision, gpc, kind, item`,
      params,
    ),
  ]);
  return { decisions, grants };
}

/** The first day of `from`'s month and the last of `to`'s (YYYY-MM-DD). */
export function wholeMonths(from: string, to: string): { from: string; to: string } {
  const [year, month] = to.split('-').map(Number);
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { from: `${from.slice(0, 7)}-01`, to: last };
}

interface Counts { granted: number; decisions: number }
interface Line { period: string; site: string; revision: number; decisions: Counts; items: Map<string, { gpc: Counts; other: Counts }> }

/**
 * Text a spreadsheet cannot run: labels come from notices, which anyone may post (OWASP, "CSV
 * Injection"). Control characters become spaces (Excel starts a new row at a bare line feed, which
 * csv-stringify does not quote), and a cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`,
 * their full-width forms, after any spaces) gets a quote first.
 */
function cell(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(flat) ? `'${flat}` : flat;
}

/** A rate as French spreadsheets read a number: a percentage with one decimal, a comma; empty without decisions. */
function percent({ granted, decisions }: Counts): string {
  return decisions === 0 ? '' : ((granted / decisions) * 100).toFixed(1).replace('.', ',');
}

const add = (to: Counts, granted: number, decisions: number) => {
  to.granted += granted;
  to.decisions += decisions;
};

/**
 * The file: a byte-order mark, a header, then one line per period, site and revision, oldest first.
 * `labels`: id → the name visitors were shown (from the period's notices); an id without one is shown as is.
 */
export function figuresCsv(rows: { decisions: DecisionRow[]; grants: GrantRow[] }, by: Period, labels: Record<string, string>): string {
  const lines = new Map<string, Line>();
  const lineOf = (row: DecisionRow): Line => {
    const period = by === 'month' ? row.day.slice(0, 7) : row.day;
    const key = `${period}\u0000${row.site}\u0000${row.revision}`;
    let line = lines.get(key);
    if (!line) {
      line = { period, site: row.site, revision: row.revision, decisions: { granted: 0, decisions: 0 }, items: new Map() };
      lines.set(key, line);
    }
    return line;
  };
  // decisions.granted counts the decisions taken with GPC, so that its "rate" is the GPC share.
  for (const row of rows.decisions) add(lineOf(row).decisions, row.gpc ? row.decisions : 0, row.decisions);
  // Keyed by kind and id: a purpose and a service of one id (forged receipts only) stay two columns.
  const kinds = new Map<string, { kind: 'purpose' | 'service'; id: string }>();
  for (const row of rows.grants) {
    const key = `${row.kind}:${row.item}`;
    kinds.set(key, { kind: row.kind, id: row.item });
    const items = lineOf(row).items;
    let counts = items.get(key);
    if (!counts) {
      counts = { gpc: { granted: 0, decisions: 0 }, other: { granted: 0, decisions: 0 } };
      items.set(key, counts);
    }
    add(row.gpc ? counts.gpc : counts.other, row.granted, row.decisions);
  }
  // Purposes first, then services, each in the order of their ids: the same columns every month.
  // "necessary" is granted by every decision: it says nothing (as on the dashboard).
  const items = [...kinds]
    .filter(([, { kind, id }]) => !(kind === 'purpose' && id === 'necessary'))
    .sort(([, x], [, y]) => (x.kind === y.kind ? x.id.localeCompare(y.id) : x.kind === 'purpose' ? -1 : 1))
    .map(([key]) => key);
  const header = ['Période', 'Site', 'Révision', 'Décisions', 'Part des décisions avec GPC (%)'];
  for (const key of items) {
    const { id } = kinds.get(key)!;
    const name = cell(labels[id] ?? id);
    header.push(`${name} : acceptation (%)`, `${name} : acceptation sans GPC (%)`, `${name} : acceptation avec GPC (%)`);
  }
  const body = [...lines.values()]
    .sort((a, b) => a.period.localeCompare(b.period) || a.site.localeCompare(b.site) || a.revision - b.revision)
    .map((line) => {
      const cells = [line.period, cell(line.site), String(line.revision), String(line.decisions.decisions), percent(line.decisions)];
      for (const item of items) {
        const counts = line.items.get(item) ?? { gpc: { granted: 0, decisions: 0 }, other: { granted: 0, decisions: 0 } };
        const all = { granted: counts.gpc.granted + counts.other.granted, decisions: counts.gpc.decisions + counts.other.decisions };
        cells.push(percent(all), percent(counts.other), percent(counts.gpc));
      }
      return cells;
    });
  return `\uFEFF${stringify([header, ...body], { delimiter: ';', record_delimiter: 'windows' })}`;
}
