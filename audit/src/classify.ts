// Matches what a page stores against the page's own consent configuration, as the
// running widget reports it through `CidConsent.inventory()` (CONTRACT §4, §5).
import type { PurposeInventory } from '@cid-it/consent';
import { getDomain, parse } from 'tldts';
import { compilePattern } from './pattern.js';

export type { PurposeInventory };
export type ServiceInventory = PurposeInventory['services'][number];

export interface Classification {
  category: 'necessary' | 'purpose' | 'undeclared';
  purpose: string | null;
  service: string | null;
  pattern: string | null;
  note?: string;
  /** Since 0.3: the lifetime in days (0: session) that the matching declaration gives, when it gives one. */
  lifetimeDays?: number;
}

export interface Rule {
  purpose: string;
  service: string | null;
  required: boolean;
  pattern: string;
  test: (name: string) => boolean;
  /** Why the pattern matches nothing in this audit (pattern.ts); null when it runs. */
  problem: string | null;
  /** The declared lifetime in days (`inventory()`'s `lifetimes`, since 0.3), when there is one. */
  days?: number;
}

/** A `cookies` entry the audit could not run, with why: told in the report, never silently dropped. */
export interface PatternProblem {
  pattern: string;
  purpose: string;
  service: string | null;
  problem: string;
}

/** A `cookies` entry's test (an exact name, or a `/regex/flags` run in linear time: pattern.ts). */
export const toTest = (pattern: string): ((name: string) => boolean) => compilePattern(pattern).test;

const isObject = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null;
const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
/** `lifetimes` of a 0.3 widget: days ≥ 0 by pattern; anything else (an older widget, a hostile page) is none. */
const lifetimes = (value: unknown): Record<string, number> =>
  Object.fromEntries(
    Object.entries(isObject(value) ? value : {}).filter((entry): entry is [string, number] => Number.isFinite(entry[1]) && (entry[1] as number) >= 0),
  );

/**
 * What `CidConsent.inventory()` answered, kept only where well formed: the page may be
 * hostile or run another script under that name. Not an array: no configuration.
 */
export function readInventory(value: unknown): PurposeInventory[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter(isObject).filter((p) => typeof p.id === 'string').map((p) => ({
    id: String(p.id),
    required: p.required === true,
    cookies: strings(p.cookies),
    lifetimes: lifetimes(p.lifetimes),
    services: (Array.isArray(p.services) ? (p.services as unknown[]) : [])
      .filter(isObject)
      .filter((s) => typeof s.name === 'string')
      .map((s) => ({
        ...(typeof s.id === 'string' ? { id: s.id } : {}),
        name: String(s.name),
        ...(typeof s.provider === 'string' ? { provider: s.provider } : {}),
        cookies: strings(s.cookies),
        lifetimes: lifetimes(s.lifetimes),
      })),
  }));
}

/**
 * The rules of a configuration, services before their purpose: a service's own entry
 * is the more precise answer. A service inside a required purpose is necessary too.
 */
export function rulesOf(inventory: PurposeInventory[]): Rule[] {
  const services: Rule[] = [];
  const purposes: Rule[] = [];
  for (const purpose of inventory) {
    for (const service of purpose.services ?? []) {
      for (const pattern of service.cookies ?? []) {
        const label = service.id ?? service.name;
        services.push({ purpose: purpose.id, service: label, required: purpose.required, pattern, ...compilePattern(pattern), days: service.lifetimes?.[pattern] });
      }
    }
    for (const pattern of purpose.cookies ?? []) {
      purposes.push({ purpose: purpose.id, service: null, required: purpose.required, pattern, ...compilePattern(pattern), days: purpose.lifetimes?.[pattern] });
    }
  }
  return [...services, ...purposes];
}

/** The rules whose pattern cannot be run, each once. */
export function problemsOf(rules: Rule[]): PatternProblem[] {
  return rules.flatMap(({ pattern, purpose, service, problem }) => (problem ? [{ pattern, purpose, service, problem }] : []));
}

/**
 * Necessary, declared by a purpose or service, or undeclared.
 * @param name a cookie name or a storage key
 */
export function classify(name: string, rules: Rule[]): Classification {
  const rule = rules.find((candidate) => candidate.test(name));
  if (!rule) return { category: 'undeclared', purpose: null, service: null, pattern: null };
  const found: Classification = { category: rule.required ? 'necessary' : 'purpose', purpose: rule.purpose, service: rule.service, pattern: rule.pattern };
  if (rule.days !== undefined) found.lifetimeDays = rule.days;
  return found;
}

/** The widget's own record of the decision: necessary by definition (CNIL guidelines of 17 Sept. 2020, art. 82 exemptions). */
export const CONSENT_RECORD: Classification = {
  category: 'necessary',
  purpose: 'necessary',
  service: null,
  pattern: null,
  note: 'the consent record',
};

/**
 * Whether a cookie is the widget's consent cookie: its value carries the consent id
 * (`1|<id>|…`, src/core/record.ts), whatever name `cookie.name` gave it.
 * @param consentId `CidConsent.get().id`
 */
export function isConsentRecord(value: string, consentId: string | null): boolean {
  if (!consentId) return false;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // A value that is not URI-encoded is read as it is.
  }
  return decoded.split('|')[1] === consentId;
}

/**
 * First party: the cookie's domain falls under the page's registrable domain
 * (public suffix list, private suffixes included: a.github.io and b.github.io are
 * different sites); for localhost and IP addresses, the very same host.
 * @param cookieDomain as the browser reports it (a leading dot for domain cookies)
 */
export function isFirstParty(cookieDomain: string, pageHost: string): boolean {
  const domain = cookieDomain.replace(/^\./, '').toLowerCase();
  const host = pageHost.toLowerCase();
  const registrable = getDomain(host, { allowPrivateDomains: true });
  const site = parse(host).isIp || !registrable ? host : registrable;
  return domain === site || domain.endsWith(`.${site}`);
}

/**
 * The `cookies` entry to add for an undeclared name: a prefix regex when the name ends
 * in a generated part (a container id, a hash: `_ga_ABC123`, `_hjSession_1234`), else the exact name.
 */
export function suggestPattern(name: string): string {
  const generated = /^(.*?[_.-])([A-Za-z0-9]*\d[A-Za-z0-9]*)$/.exec(name);
  if (generated && generated[1].length > 1) return `/^${generated[1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;
  return name;
}
