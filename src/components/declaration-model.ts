/**
 * What the cookie declaration shows (issue #24), computed from the resolved configuration in one
 * language: plain data, so that the element only lays it out and tests can read it directly.
 */
import type { ResolvedConfig } from '../core/config.js';
import { cookieName, entryDays, formatLifetime } from '../core/declared-cookies.js';
import type { CookieEntry, Lang, LocalizedText, ServiceInfo } from '../core/types.js';
import { declarationEn, declarationFr, type DeclarationTexts } from '../i18n/declaration.js';
import { resolveTexts, viewPurposes, type PurposeView, type Texts } from '../i18n/index.js';

export type AllTexts = Texts & DeclarationTexts;

/** One row of a purpose's table. */
export interface CookieRow {
  name: string;
  service?: string;
  lifetime: string;
  party: string;
  use: string;
}

export interface PurposeSection {
  purpose: PurposeView;
  rows: CookieRow[];
  services: ServiceInfo[];
}

/** Warnings for unknown keys were given by the widget at start-up: none again here. */
const quiet = { warn() {}, error() {} };

/** The widget's texts in `lang` with the declaration's, each with the site's overrides. */
export function declarationTexts(config: ResolvedConfig, lang: Lang): AllTexts {
  const overrides = config.texts[lang] ?? {};
  const own = { ...(lang === 'en' ? declarationEn : declarationFr) };
  for (const key of Object.keys(own) as (keyof DeclarationTexts)[]) {
    if (typeof overrides[key] === 'string') own[key] = overrides[key];
  }
  return { ...resolveTexts(lang, overrides, quiet), ...own };
}

const pick = (text: LocalizedText | undefined, lang: Lang): string =>
  (typeof text === 'string' ? text : (text?.[lang] ?? text?.fr ?? text?.en)) ?? '';

/**
 * A cookie name as a visitor reads it: a pattern for the names that begin with a prefix
 * (`/^_ga_/`) is shown `_ga_*`, as cookie declarations usually write it; one for an exact name shows
 * the name; any other pattern is shown as written, which is still what the site declared.
 */
export function shownName(name: string): string {
  // Letters, digits, "_", "-" and escaped dots only: an unescaped "." matches any character.
  const pattern = /^\/\^((?:[\w-]|\\\.)+)(\$?)\/$/.exec(name);
  if (!pattern) return name;
  const prefix = pattern[1].replace(/\\\./g, '.');
  return pattern[2] ? prefix : `${prefix}*`;
}

/** A row per entry: its lifetime in words, "lifetime not declared" for a plain name (issue #24). */
function row(entry: CookieEntry, t: AllTexts, lang: Lang, service?: string): CookieRow {
  const days = entryDays(entry);
  const declared = typeof entry === 'string' ? undefined : entry;
  return {
    name: shownName(cookieName(entry)),
    service,
    lifetime: days === undefined ? t['declaration.undeclared'] : formatLifetime(days, lang, t['declaration.session']),
    party: declared?.party === 'third' ? t['declaration.third'] : t['declaration.first'],
    use: pick(declared?.description, lang),
  };
}

/** Each purpose with its cookies, its services' cookies after its own, and its services. */
export function purposeSections(config: ResolvedConfig, t: AllTexts, lang: Lang): PurposeSection[] {
  return viewPurposes(config.purposes, t, lang).map((purpose) => ({
    purpose,
    rows: [
      ...(purpose.cookies ?? []).map((entry) => row(entry, t, lang)),
      ...(purpose.services ?? []).flatMap((service) => (service.cookies ?? []).map((entry) => row(entry, t, lang, service.name))),
    ],
    services: purpose.services ?? [],
  }));
}

/** One thing the widget keeps; `words` when its name is a description, not a key to look up. */
export interface OwnRow {
  name: string;
  words?: boolean;
  where: string;
  lifetime: string;
  content: string;
}

/** The widget's own storage: the consent cookie, and with receipts the outbox and the receiver's proofs. */
export function ownStorage(config: ResolvedConfig, t: AllTexts, lang: Lang, receipts: boolean): OwnRow[] {
  const rows: OwnRow[] = [
    {
      name: config.cookie.name,
      where: t['declaration.cookie'],
      lifetime: formatLifetime(config.cookie.maxAgeDays, lang, t['declaration.session']),
      content: t['declaration.cookieHolds'],
    },
  ];
  if (!receipts) return rows;
  return [
    ...rows,
    { name: 'cid_consent_outbox', where: t['declaration.outbox'], lifetime: t['declaration.outboxLifetime'], content: t['declaration.outboxHolds'] },
    { name: t['declaration.receiptsName'], words: true, where: t['declaration.receipts'], lifetime: t['declaration.receiptsLifetime'], content: t['declaration.receiptsHolds'] },
  ];
}
