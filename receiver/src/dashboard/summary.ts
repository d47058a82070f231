// Shapes the rollups of a period into what the page draws (types.ts).
import { statsByDay, type DayStats } from '../stats.js';
import type { DailyRow, GrantRow } from '../store/receipts.js';
import type { ItemRow, MethodRow } from './queries.js';
import type { DashboardData, DashboardDay, Rate, RevisionFigures, Split } from './types.js';

const DAY_MS = 86_400_000;
/** The default period: 30 days, the span marketing reviews a change over. */
export const DEFAULT_DAYS = 30;
/** A longer period would only draw an unreadable chart; 10 years keeps the answer bounded. */
export const MAX_DAYS = 3660;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * Sums rows under a key (a day, a revision, or one key for the whole period) and lets
 * statsByDay (the same grouping as GET /stats) split the methods and compute the rates.
 */
function rollup(methods: MethodRow[], items: ItemRow[], keyOf: (row: { day: string; revision: number }) => string): DayStats[] {
  const daily = new Map<string, DailyRow>();
  for (const row of methods) {
    const key = keyOf(row);
    const id = `${key}\u0000${row.method}\u0000${row.gpc}`;
    const entry = daily.get(id);
    if (entry) entry.decisions += row.decisions;
    else daily.set(id, { day: key, method: row.method, gpc: row.gpc, decisions: row.decisions });
  }
  const grants = new Map<string, GrantRow>();
  for (const row of items) {
    const key = keyOf(row);
    const id = `${key}\u0000${row.kind}\u0000${row.item}\u0000${row.gpc}`;
    const entry = grants.get(id);
    if (entry) {
      entry.granted += row.granted;
      entry.decisions += row.decisions;
    } else {
      grants.set(id, { day: key, kind: row.kind, item: row.item, gpc: row.gpc, granted: row.granted, decisions: row.decisions });
    }
  }
  return statsByDay([...daily.values()], [...grants.values()]);
}

function split(stats: DayStats | undefined): Split {
  return {
    decisions: stats?.decisions ?? 0,
    acceptAll: stats?.acceptAll ?? 0,
    rejectAll: stats?.rejectAll ?? 0,
    custom: stats?.custom ?? 0,
    placeholder: stats?.placeholder ?? 0,
    other: stats?.other ?? 0,
    gpc: stats?.gpc ?? 0,
  };
}

function rates(map: Record<string, Rate> | undefined): Record<string, Rate> {
  return { ...(map ?? {}) };
}

/** The filter and its choices, as the dashboard's data repeats them, and the period's rollups. */
export interface SummaryInput extends Pick<DashboardData, 'from' | 'to' | 'site' | 'revision' | 'sites' | 'revisions'> {
  methods: MethodRow[];
  items: ItemRow[];
}

export function summarise(input: SummaryInput): Omit<DashboardData, 'labels'> {
  const keep = <T extends { revision: number }>(row: T) => input.revision === null || row.revision === input.revision;
  const methods = input.methods.filter(keep);
  const items = input.items.filter(keep);

  const perDay = new Map(rollup(methods, items, (row) => row.day).map((stats) => [stats.day, stats]));
  const days: DashboardDay[] = [];
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    const stats = perDay.get(day);
    days.push({ day, ...split(stats), purposes: rates(stats?.purposes), services: rates(stats?.services) });
  }
  const [whole] = rollup(methods, items, () => 'period');

  const spans = new Map<number, { firstDay: string; lastDay: string }>();
  for (const row of input.methods) {
    const span = spans.get(row.revision);
    if (!span) spans.set(row.revision, { firstDay: row.day, lastDay: row.day });
    else {
      if (row.day < span.firstDay) span.firstDay = row.day;
      if (row.day > span.lastDay) span.lastDay = row.day;
    }
  }
  const byRevision: RevisionFigures[] = rollup(input.methods, input.items, (row) => String(row.revision))
    .map((stats) => {
      const revision = Number(stats.day);
      const span = spans.get(revision) ?? { firstDay: input.from, lastDay: input.from };
      return { revision, ...span, ...split(stats), purposes: rates(stats.purposes), services: rates(stats.services) };
    })
    .sort((a, b) => a.revision - b.revision);

  return {
    from: input.from,
    to: input.to,
    site: input.site,
    revision: input.revision,
    sites: input.sites,
    revisions: input.revisions,
    totals: split(whole),
    purposes: rates(whole?.purposes),
    services: rates(whole?.services),
    days,
    byRevision,
  };
}
