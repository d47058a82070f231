import type { Rate, Share, Split } from './dashboard/types.js';
import type { DailyRow, GrantRow } from './store/receipts.js';

/** One day of `GET /stats`: the dashboard's split of decisions, with each purpose's and service's rate. */
export interface DayStats extends Split {
  day: string;
  methods: Record<string, number>;
  purposes: Record<string, Rate>;
  services: Record<string, Rate>;
}

const GROUP: Record<string, 'acceptAll' | 'rejectAll' | 'custom' | 'placeholder' | 'other'> = {
  'banner-accept-all': 'acceptAll',
  'panel-accept-all': 'acceptAll',
  'banner-reject-all': 'rejectAll',
  'panel-reject-all': 'rejectAll',
  'panel-save': 'custom',
  placeholder: 'placeholder',
  api: 'other',
  reset: 'other',
  // Never counted in practice: a hand-off repeats a decision already counted where it was taken
  // (one decision per consentId and decidedAt, CONTRACT §13).
  handoff: 'other',
};

/** Shapes the daily rollups into one entry per day (CONTRACT §11, GET /stats). */
export function statsByDay(daily: DailyRow[], grants: GrantRow[]): DayStats[] {
  const days = new Map<string, DayStats>();
  const dayOf = (day: string): DayStats => {
    let entry = days.get(day);
    if (!entry) {
      entry = { day, decisions: 0, acceptAll: 0, rejectAll: 0, custom: 0, placeholder: 0, other: 0, gpc: 0, methods: {}, purposes: {}, services: {} };
      days.set(day, entry);
    }
    return entry;
  };
  for (const row of daily) {
    const entry = dayOf(row.day);
    entry.decisions += row.decisions;
    entry[GROUP[row.method] ?? 'other'] += row.decisions;
    entry.methods[row.method] = (entry.methods[row.method] ?? 0) + row.decisions;
    if (row.gpc) entry.gpc += row.decisions;
  }
  for (const row of grants) {
    const entry = dayOf(row.day);
    const target = row.kind === 'purpose' ? entry.purposes : entry.services;
    const rate = (target[row.item] ??= { ...share(0, 0), withGpc: share(0, 0), withoutGpc: share(0, 0) });
    const part = row.gpc ? rate.withGpc : rate.withoutGpc;
    Object.assign(part, share(part.granted + row.granted, part.decisions + row.decisions));
    Object.assign(rate, share(rate.withGpc.granted + rate.withoutGpc.granted, rate.withGpc.decisions + rate.withoutGpc.decisions));
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** granted of decisions, and their rate (0 to 1, four decimals; 0 when no decision named it). */
export function share(granted: number, decisions: number): Share {
  return { granted, decisions, rate: decisions === 0 ? 0 : Math.round((granted / decisions) * 10000) / 10000 };
}
