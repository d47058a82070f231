import { TAG, describe, type Logger } from './logger.js';
import { DEFAULT_PURPOSES, NECESSARY, PURPOSE_ID, toMatcher } from './purposes.js';
import { cookieName, lifetimeDays } from './declared-cookies.js';
import type { CookieEntry, Lang, PurposeConfig, ServiceInfo } from './types.js';

/** The configuration after validation: every key present, every value of the expected type. */
export interface ResolvedConfig {
  policyUrl?: string;
  cookiePolicyUrl?: string;
  receiptUrl?: string;
  /** CONTRACT §13: the sister sites' origins, this page's among them; empty without `sites`. */
  sites: string[];
  handoffKey?: string;
  lang: Lang;
  revision: number;
  cookie: { name: string; domain?: string; maxAgeDays: number };
  purposes: PurposeConfig[];
  texts: Partial<Record<Lang, Record<string, string>>>;
  contactEmail?: string;
  googleConsentMode: boolean;
  autoShow: boolean;
  respectGpc: boolean;
  reloadOnRevoke: boolean;
  nonce?: string;
  manageButton: boolean;
  theme: 'light' | 'dark' | 'auto';
  position: 'bottom' | 'center';
}

/** Six months: how long the CNIL recommends keeping a choice, refusal or consent (délibération n° 2020-092). */
export const DEFAULT_MAX_AGE_DAYS = 182;
/** Thirteen months: the CNIL's upper bound for a consent cookie's lifetime. */
export const MAX_AGE_CAP_DAYS = 395;

const LANGS: readonly string[] = ['fr', 'en'];
const FLAGS = ['googleConsentMode', 'autoShow', 'respectGpc', 'reloadOnRevoke', 'manageButton'] as const;
const CHOICES = { theme: ['light', 'dark', 'auto'], position: ['bottom', 'center'] } as const;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): boolean =>
  typeof value === 'string' || (isObject(value) && Object.values(value).every((v) => typeof v === 'string'));

/**
 * Only `http(s):` and relative URLs become links: `javascript:` or `data:` in a
 * configuration must not turn the banner into a script injection point.
 * Browsers ignore control characters and spaces inside a scheme, so do we.
 */
export const isSafeUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const url = value.replace(/[\x00-\x20]/g, '');
  if (!/^https?:/i.test(url) && /^[a-z][\w+.-]*:/i.test(url)) return false;
  // And a URL at all (`https://`, `//` or a port of 99999 are not): it is resolved against the page.
  try {
    return !!new URL(value, 'https://page.invalid/');
  } catch {
    return false;
  }
};

/** An origin exactly as a browser writes it (`new URL(…).origin`): how a sister site is named. */
const isOrigin = (value: unknown): value is string => {
  try {
    return typeof value === 'string' && new URL(value).origin === value;
  } catch {
    return false;
  }
};

export function defaultLang(htmlLang: string | undefined): Lang {
  const primary = (htmlLang ?? '').slice(0, 2).toLowerCase();
  return primary === 'en' ? 'en' : 'fr';
}

/**
 * Validates whatever a site passed. Never throws: each problem is logged once,
 * naming the key and what is expected, and that key falls back to its default.
 */
export function parseConfig(input: unknown, htmlLang: string | undefined, log: Logger): ResolvedConfig {
  const config: ResolvedConfig = {
    lang: defaultLang(htmlLang),
    revision: 1,
    cookie: { name: 'cid_consent', maxAgeDays: DEFAULT_MAX_AGE_DAYS },
    purposes: DEFAULT_PURPOSES,
    texts: {},
    sites: [],
    googleConsentMode: false,
    autoShow: true,
    respectGpc: true,
    reloadOnRevoke: false,
    manageButton: false,
    theme: 'auto',
    position: 'bottom',
  };
  const expected = (key: string, what: string) => log.error(`${TAG} config${key && '.' + key}: expected ${what}.`);
  if (!isObject(input)) {
    expected('', 'a plain object with at least policyUrl');
    return config;
  }

  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if ((FLAGS as readonly string[]).includes(key)) {
      if (typeof value === 'boolean') (config as unknown as Record<string, unknown>)[key] = value;
      else expected(key, 'true or false');
    } else if (key === 'theme' || key === 'position') {
      if ((CHOICES[key] as readonly unknown[]).includes(value)) (config[key] as unknown) = value;
      else expected(key, CHOICES[key].map((c) => `"${c}"`).join(' or '));
    } else if (key === 'policyUrl' || key === 'cookiePolicyUrl' || key === 'receiptUrl') {
      if (isSafeUrl(value) && value) config[key] = value;
      else expected(key, 'an http(s) or relative URL');
    } else if (key === 'contactEmail' || key === 'nonce') {
      if (typeof value === 'string') config[key] = value;
      else expected(key, 'a string');
    } else if (key === 'lang') {
      if (LANGS.includes(value as string)) config.lang = value as Lang;
      else {
        log.warn(`${TAG} config.lang: "${describe(value)}" is not available, using "fr".`);
        config.lang = 'fr';
      }
    } else if (key === 'revision') {
      if (Number.isInteger(value) && (value as number) >= 0) config.revision = value as number;
      else expected(key, 'a whole number ≥ 0');
    } else if (key === 'cookie') {
      parseCookie(value, config, expected, log);
    } else if (key === 'purposes') {
      config.purposes = parsePurposes(value, expected);
      warnUndeclaredLifetimes(config.purposes, log);
    } else if (key === 'sites') {
      if (Array.isArray(value) && value.length && value.every(isOrigin)) config.sites = value;
      else expected(key, 'origins such as ["https://www.cid-it.fr"]');
    } else if (key === 'handoffKey') {
      // An Ed25519 public key is 32 bytes: 43 base64url characters.
      if (typeof value === 'string' && /^[\w-]{42}[AEIMQUYcgkosw048]$/.test(value)) config.handoffKey = value;
      else expected(key, 'the key npm run receiver:keygen prints');
    } else if (key === 'texts') {
      if (isObject(value) && Object.values(value).every(isObject)) config.texts = value as ResolvedConfig['texts'];
      else expected(key, 'an object of languages, each an object of strings');
    } else {
      log.warn(`${TAG} config.${key} is not a known option; it is ignored.`);
    }
  }
  if (!config.policyUrl) expected('policyUrl', 'the URL of the privacy policy (it is required)');
  return config;
}

const isCookiePattern = (pattern: unknown): boolean => {
  try {
    return typeof pattern === 'string' && !!toMatcher(pattern);
  } catch {
    return false;
  }
};

type Expected = (key: string, what: string) => void;

function parseCookie(value: unknown, config: ResolvedConfig, expected: Expected, log: Logger): void {
  if (!isObject(value)) return expected('cookie', 'an object { name, domain, maxAgeDays }');
  const { name, domain, maxAgeDays } = value;
  if (name !== undefined) {
    if (typeof name === 'string' && /^[\w-]{1,64}$/.test(name)) config.cookie.name = name;
    else expected('cookie.name', 'letters, digits, "_" or "-"');
  }
  if (domain !== undefined) {
    if (typeof domain === 'string' && /^\.?[a-z0-9.-]+$/i.test(domain)) config.cookie.domain = domain;
    else expected('cookie.domain', 'a host name such as ".example.fr"');
  }
  if (maxAgeDays !== undefined) {
    if (typeof maxAgeDays !== 'number' || !(maxAgeDays > 0)) expected('cookie.maxAgeDays', 'a number of days > 0');
    else if (maxAgeDays > MAX_AGE_CAP_DAYS) {
      log.warn(`${TAG} config.cookie.maxAgeDays: ${maxAgeDays} is over the 13 months allowed; using ${MAX_AGE_CAP_DAYS}.`);
      config.cookie.maxAgeDays = MAX_AGE_CAP_DAYS;
    } else config.cookie.maxAgeDays = maxAgeDays;
  }
}

function parsePurposes(value: unknown, expected: Expected): PurposeConfig[] {
  if (!Array.isArray(value)) {
    expected('purposes', 'an array of { id, required?, label?, description?, cookies?, services? }');
    return DEFAULT_PURPOSES;
  }
  const purposes: PurposeConfig[] = [];
  const used = new Set<string>();
  // Purpose ids first: a service that takes a purpose's id loses its id, never the purpose its place.
  const purposeIds = new Set(value.flatMap((entry: unknown) => (isObject(entry) && typeof entry.id === 'string' ? [entry.id] : [])));
  value.forEach((entry: unknown, index) => {
    const at = `purposes[${index}]`;
    if (!isObject(entry) || typeof entry.id !== 'string' || !PURPOSE_ID.test(entry.id)) {
      return expected(`${at}.id`, 'a letter then letters, digits, "_" or "-" (32 at most)');
    }
    // Purposes and services share one namespace (CONTRACT §4): `has(id)` and gating markup name either.
    if (used.has(entry.id)) return expected(`${at}.id`, `an id not used before ("${entry.id}" is)`);
    used.add(entry.id);
    const purpose: PurposeConfig = { id: entry.id, required: entry.required === true };
    if (entry.label !== undefined && !isText(entry.label)) expected(`${at}.label`, 'a string or { fr, en }');
    else purpose.label = entry.label as PurposeConfig['label'];
    if (entry.description !== undefined && !isText(entry.description)) expected(`${at}.description`, 'a string or { fr, en }');
    else purpose.description = entry.description as PurposeConfig['description'];
    const cookies = entry.cookies === undefined ? undefined : parseCookieEntries(entry.cookies, `${at}.cookies`, expected);
    if (cookies) purpose.cookies = cookies;
    if (entry.services !== undefined) purpose.services = parseServices(entry.services, `${at}.services`, expected, used, purposeIds);
    purposes.push(purpose);
  });
  // `necessary` is always granted (CONTRACT §5), so it must exist even if a site forgot it.
  if (!purposes.some((p) => p.id === NECESSARY)) purposes.unshift(DEFAULT_PURPOSES[0]);
  return purposes;
}

function parseServices(value: unknown, at: string, expected: Expected, used: Set<string>, purposeIds: Set<string>): ServiceInfo[] {
  const shape = '{ id?, name: string, provider?: string, policyUrl?: http(s) URL, cookies?: [] }';
  if (!Array.isArray(value)) {
    expected(at, `an array of ${shape}`);
    return [];
  }
  const services: ServiceInfo[] = [];
  value.forEach((service: unknown, index) => {
    const { id, name, provider, policyUrl, cookies } = isObject(service) ? service : ({} as Record<string, unknown>);
    if (typeof name !== 'string' || (provider !== undefined && typeof provider !== 'string')) {
      return expected(`${at}[${index}]`, shape);
    }
    // An unsafe link is dropped, not the service: visitors must still see who receives their data.
    const safe = policyUrl === undefined || isSafeUrl(policyUrl);
    if (!safe) expected(`${at}[${index}].policyUrl`, 'an http(s) or relative URL');
    const entry: ServiceInfo = { name, provider, policyUrl: safe ? (policyUrl as string | undefined) : undefined };
    // A service whose id is malformed or taken stays listed, but cannot be chosen alone.
    if (id !== undefined) {
      if (typeof id !== 'string' || !PURPOSE_ID.test(id)) expected(`${at}[${index}].id`, 'a letter then letters, digits, "_" or "-" (32 at most)');
      else if (used.has(id) || purposeIds.has(id)) expected(`${at}[${index}].id`, `an id no purpose or service uses ("${id}" is)`);
      else {
        used.add(id);
        entry.id = id;
      }
    }
    const declared = cookies === undefined ? undefined : parseCookieEntries(cookies, `${at}[${index}].cookies`, expected);
    if (declared) entry.cookies = declared;
    services.push(entry);
  });
  return services;
}

/**
 * A `cookies` list (CONTRACT §8): names, `/regex/` strings, or `{ name, lifetime, description?, party? }`.
 * A name that is no name drops the list (as before 0.3: which cookies it meant is unknown); a
 * declaration whose other fields are wrong keeps its name, so that revoking still deletes it.
 */
const DECLARATION = '{ name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" }';

function parseCookieEntries(value: unknown, at: string, expected: Expected): CookieEntry[] | undefined {
  const named = (entry: unknown) => isCookiePattern(isObject(entry) ? entry.name : entry);
  if (!Array.isArray(value) || !value.every(named)) {
    expected(at, `an array of cookie names, valid "/regex/" strings or ${DECLARATION}`);
    return undefined;
  }
  return value.map((entry: unknown, index): CookieEntry => {
    if (!isObject(entry)) return entry as string;
    const { name, lifetime, description, party } = entry as Record<string, unknown> & { name: string };
    if (lifetimeDays(lifetime as string) !== undefined && [undefined, 'first', 'third'].includes(party as string) && (description === undefined || isText(description))) {
      return entry as unknown as CookieEntry;
    }
    expected(`${at}[${index}]`, `${DECLARATION} ("${name}" kept without them)`);
    return name;
  });
}

/**
 * The configuration check (issue #24): a cookie with no lifetime is shown as "lifetime not declared"
 * in the cookie declaration, which the CNIL's guidelines expect to give each cookie's lifetime
 * (délibération n° 2020-091, art. 2): one warning names them all.
 */
function warnUndeclaredLifetimes(purposes: PurposeConfig[], log: Logger): void {
  const entries = purposes.flatMap((p) => [...(p.cookies ?? []), ...(p.services ?? []).flatMap((s) => s.cookies ?? [])]);
  const missing = entries.filter((entry) => typeof entry === 'string').map(cookieName);
  if (missing.length) {
    log.warn(`${TAG} config.purposes: no lifetime for the cookies ${missing.join(', ')}; write them { name, lifetime }.`);
  }
}
