// Period presets and changes from the period before (issue #25, item 6): what a monthly report asks.
import { TEXTS, type Lang } from './i18n.js';

export const PRESETS = ['today', 'thisMonth', 'lastMonth', 'sinceRevision'] as const;
export type Preset = (typeof PRESETS)[number];

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** YYYY-MM-DD of a UTC date (days here are calendar days, already in the receiver's TIME_ZONE). */
const iso = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days of a preset, `today` being the receiver's (its TIME_ZONE); undefined for "since the last
 * revision" when no revision has decisions.
 */
export function presetRange(preset: Preset, today: string, latestRevisionFrom: string | null | undefined): { from: string; to: string } | undefined {
  const [year, month] = today.split('-').map(Number);
  if (preset === 'today') return { from: today, to: today };
  if (preset === 'thisMonth') return { from: `${today.slice(0, 7)}-01`, to: today };
  if (preset === 'lastMonth') return { from: iso(new Date(Date.UTC(year, month - 2, 1))), to: iso(new Date(Date.UTC(year, month - 1, 0))) };
  return latestRevisionFrom ? { from: latestRevisionFrom, to: today } : undefined;
}

/** A share's change in percentage points, signed: "+3,2 pts"; a share is never compared in percent of itself. */
export function pointsChange(lang: Lang, now: number, before: number): string {
  const points = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format((now - before) * 100);
  return TEXTS[lang].points(points);
}

/** A count's change in percent, signed: "+12 %"; undefined when there was nothing before to compare with. */
export function relativeChange(lang: Lang, now: number, before: number): string | undefined {
  if (before === 0) return undefined;
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format((now - before) / before);
}
