/**
 * Entries of `purposes[].cookies` and `services[].cookies` (CONTRACT §8, since 0.3): a name or
 * `/regex/` string as before, or an object `{ name, lifetime, description?, party? }` that the
 * cookie declaration shows and the audit checks against what the page really sets (issue #24).
 */
import type { CookieEntry, CookieLifetime } from './types.js';

/** The average month and year, in days: "13 mois" is 395.7 days, the CNIL's 13 months. */
const MONTH_DAYS = 365.25 / 12;
const YEAR_DAYS = 365.25;

/**
 * Units a lifetime may be written in, French or English, by their first letters (minute(s), heure(s)
 * or hour(s), jour(s) or day(s), semaine(s) or week(s), mois or month(s), an(s), année(s) or year(s)),
 * with their length in days. Short on purpose: this check is in the first layer.
 */
const UNITS: Record<string, number> = { mi: 1 / 1440, h: 1 / 24, j: 1, d: 1, s: 7, w: 7, mo: MONTH_DAYS, a: YEAR_DAYS, y: YEAR_DAYS };

/** The name (or `/regex/`) of an entry, whatever its form. */
export const cookieName = (entry: CookieEntry): string => (typeof entry === 'string' ? entry : entry.name);

/**
 * A lifetime in days: `{ days: 395 }` as is, `"13 mois"` / `"2 years"` / `"30 minutes"` converted,
 * `"session"` 0 (gone when the browser closes). `undefined` for anything else, and for no lifetime.
 */
export function lifetimeDays(lifetime: CookieLifetime | undefined): number | undefined {
  if (typeof lifetime === 'object' && lifetime !== null) {
    return Number.isFinite(lifetime.days) && lifetime.days >= 0 ? lifetime.days : undefined;
  }
  if (typeof lifetime !== 'string') return undefined;
  const text = lifetime.trim().toLowerCase();
  if (text === 'session') return 0;
  const match = /^(\d+(?:[.,]\d+)?) *(mi|mo|[hjdswya])[a-zé]*$/.exec(text);
  return match ? Number(match[1].replace(',', '.')) * UNITS[match[2]] : undefined;
}

/** The declared lifetime of an entry in days; `undefined` for a plain string (none declared). */
export const entryDays = (entry: CookieEntry): number | undefined => (typeof entry === 'string' ? undefined : lifetimeDays(entry.lifetime));

/**
 * A lifetime in words in `lang`: "session", minutes or hours under a day, whole years, whole months
 * (within a day), else days. `Intl` writes the units, so both languages agree on their grammar.
 */
export function formatLifetime(days: number, lang: string, session: string): string {
  if (days === 0) return session;
  const unit = (value: number, name: string) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  if (days < 1 / 24) return unit(Math.max(1, days * 1440), 'minute');
  if (days < 1) return unit(days * 24, 'hour');
  const years = Math.round(days / YEAR_DAYS);
  if (years > 0 && Math.abs(days - years * YEAR_DAYS) <= 1) return unit(years, 'year');
  const months = Math.round(days / MONTH_DAYS);
  if (months > 0 && Math.abs(days - months * MONTH_DAYS) <= 1) return unit(months, 'month');
  return unit(days, 'day');
}
