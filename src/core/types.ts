import type { DeclarationTextKey } from '../i18n/declaration.js';
import type { TextKey } from '../i18n/fr.js';

/** A text given once, or per language (`{ fr: '…', en: '…' }`). */
export type LocalizedText = string | Partial<Record<Lang, string>>;

export type Lang = 'fr' | 'en';

/**
 * How long a cookie lives (CONTRACT §8, since 0.3): `{ days: 395 }`, a text of a number and a unit,
 * French or English (`"13 mois"`, `"2 years"`, `"30 minutes"`), or `"session"`.
 */
export type CookieLifetime = { days: number } | string;

/** A cookie declared with what the cookie declaration shows about it (issue #24). */
export interface CookieDeclaration {
  /** An exact name, or a `/regex/flags` string, as the plain string entries. */
  name: string;
  lifetime: CookieLifetime;
  /** What it is for; per language or once. */
  description?: LocalizedText;
  /** Set by the site itself (`first`, the default) or by another domain (`third`). */
  party?: 'first' | 'third';
}

/** An entry of `cookies`: a name or `/regex/` string (no lifetime declared), or a declaration. */
export type CookieEntry = string | CookieDeclaration;

/** A third party that receives data under a purpose, listed in the preferences panel. */
export interface ServiceInfo {
  /** Makes the service choosable on its own (CONTRACT §4); shares one namespace with purpose ids. */
  id?: string;
  name: string;
  provider?: string;
  policyUrl?: string;
  /** Cookies this service sets: exact names, `/regex/` strings, or declarations with a lifetime. */
  cookies?: CookieEntry[];
}

/** One reason for which consent is asked (CONTRACT §4). */
export interface PurposeConfig {
  id: string;
  /** Always granted, its toggle disabled (strictly necessary cookies need no consent). */
  required?: boolean;
  label?: LocalizedText;
  description?: LocalizedText;
  /** Cookies deleted when the purpose is revoked: exact names, `/regex/` strings, or declarations with a lifetime. */
  cookies?: CookieEntry[];
  services?: ServiceInfo[];
}

/** What a site may pass as `window.cidConsentConfig`, `data-*` attributes or to `start()` (CONTRACT §3). */
export interface ConsentConfig {
  policyUrl: string;
  cookiePolicyUrl?: string;
  lang?: Lang;
  revision?: number;
  cookie?: { name?: string; domain?: string; maxAgeDays?: number };
  purposes?: PurposeConfig[];
  /** Per-language overrides of any visible string, by key (`TextKey`, the cookie declaration's `DeclarationTextKey`). */
  texts?: Partial<Record<Lang, Partial<Record<TextKey | DeclarationTextKey, string>>>>;
  contactEmail?: string;
  googleConsentMode?: boolean;
  autoShow?: boolean;
  respectGpc?: boolean;
  reloadOnRevoke?: boolean;
  nonce?: string;
  manageButton?: boolean;
  theme?: 'light' | 'dark' | 'auto';
  position?: 'bottom' | 'center';
  /** Where each decision is sent as a proof-of-consent receipt (CONTRACT §10); `data-receipt-url` on the tag. */
  receiptUrl?: string;
  /**
   * The exact origins (this page's among them) of the controller's sites that share one decision,
   * one purposes list and one `revision` (CONTRACT §13).
   */
  sites?: string[];
  /** The receiver's Ed25519 public key (raw 32 bytes, base64url) that signs sister-site tokens (CONTRACT §13). */
  handoffKey?: string;
}

/** The visitor's consent as the API and the events report it (CONTRACT §5). */
export interface ConsentState {
  decided: boolean;
  purposes: Record<string, boolean>;
  /** Each service that can be chosen on its own (it has an `id`), granted or not (CONTRACT §4, §5). */
  services: Record<string, boolean>;
  /** Random id of the stored decision, `null` before one is made. */
  id: string | null;
  /** ISO 8601 time of the stored decision, `null` before one is made. */
  updatedAt: string | null;
  revision: number;
}

export interface ConsentChange {
  state: ConsentState;
  previous: ConsentState;
  granted: string[];
  revoked: string[];
  /** `false` when the browser refused to keep the decision: it holds for this page only. */
  stored: boolean;
}

/** What a purpose declares, as `CidConsent.inventory()` lists it for audits (`cid-consent-audit`). */
export interface PurposeInventory {
  id: string;
  required: boolean;
  /** Exact cookie names, or `/regex/flags` strings, as configured (the `name` of a declaration). */
  cookies: string[];
  /** Since 0.3: the declared lifetime in days (0: a session cookie) of each entry of `cookies` that has one. */
  lifetimes?: Record<string, number>;
  services: { id?: string; name: string; provider?: string; cookies: string[]; lifetimes?: Record<string, number> }[];
}
