import { TAG, type Logger } from '../core/logger.js';
import type { Lang, LocalizedText, PurposeConfig } from '../core/types.js';
import { en } from './en.js';
import { fr, type TextKey } from './fr.js';

export type { TextKey };
export type Texts = Record<TextKey, string>;

const BUILT_IN: Record<Lang, Texts> = { fr, en };

/** The built-in texts of `lang` with the site's overrides on top; unknown keys are reported, not used. */
export function resolveTexts(lang: Lang, overrides: Record<string, string> | undefined, log: Logger): Texts {
  const texts = { ...BUILT_IN[lang] };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    // The cookie declaration's own texts are read in its own file (src/i18n/declaration.ts).
    if (key.startsWith('declaration.')) continue;
    if (!(key in texts)) log.warn(`${TAG} texts.${lang}.${key} is not a known text; ignored.`);
    else if (typeof value !== 'string') log.error(`${TAG} texts.${lang}.${key}: expected a string.`);
    else texts[key as TextKey] = value;
  }
  return texts;
}

/** The average month: 182 days (the CNIL's six months) is 6 of them, give or take a day. */
const MONTH_DAYS = 365.25 / 12;

/**
 * How long a choice is kept, in words, for `{duration}` in `panel.text`: whole months when the
 * lifetime is one within a day (182 → "6 mois", "6 months"), else days ("100 jours").
 */
export function formatDuration(days: number, lang: Lang): string {
  const months = Math.round(days / MONTH_DAYS);
  const whole = months > 0 && Math.abs(days - months * MONTH_DAYS) <= 1;
  const unit = whole ? 'month' : 'day';
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(whole ? months : days);
}

/**
 * "a.fr, b.fr et c.fr", "a.fr, b.fr, and c.fr": what `Intl.ListFormat` says in our two languages (a test
 * holds them equal), without it. The banner names the sister sites before its first paint, and a page's
 * first Intl formatter loads the locale data: 30 to 60 ms on our machines (issue #23).
 */
function conjunction(items: string[], lang: string): string {
  const last = items.length > 1 ? items.pop() : undefined;
  if (last === undefined) return items.join('');
  const and = lang === 'en' ? (items.length > 1 ? ', and ' : ' and ') : ' et ';
  return items.join(', ') + and + last;
}

/** "Votre choix vaut pour nos sites a.fr et b.fr.": the sister sites a decision covers, by host (CONTRACT §13). */
export function sitesScope(texts: Texts, sites: string[], lang: string): string {
  const hosts = sites.map((site) => new URL(site).host);
  return texts['sites.scope'].replace('{sites}', conjunction(hosts, lang));
}

/** A purpose as the panel shows it, in one language. */
export interface PurposeView extends PurposeConfig {
  label: string;
  description: string;
}

function pick(text: LocalizedText | undefined, lang: Lang): string | undefined {
  return typeof text === 'string' ? text : (text?.[lang] ?? text?.fr ?? text?.en);
}

/** A site's own label wins; else the built-in text for a known id; else the id itself. */
export function viewPurposes(purposes: PurposeConfig[], texts: Texts, lang: Lang): PurposeView[] {
  const builtIn = texts as Record<string, string>;
  return purposes.map((purpose) => ({
    ...purpose,
    label: pick(purpose.label, lang) ?? builtIn[`${purpose.id}.label`] ?? purpose.id,
    description: pick(purpose.description, lang) ?? builtIn[`${purpose.id}.description`] ?? '',
  }));
}
