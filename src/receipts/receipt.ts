import type { DecisionMethod } from '../core/api.js';
import type { ConsentChange, ConsentState, Lang } from '../core/types.js';
import { formatDuration, sitesScope, type PurposeView, type Texts } from '../i18n/index.js';

/** The receiver refuses bodies over 16 KB (CONTRACT §11). */
export const RECEIPT_LIMIT = 16 * 1024;
/** What a receipt holds besides its notice, at most (ids, choices of a large configuration, page path). */
const RECEIPT_OVERHEAD = 2048;

/**
 * Bytes of a notice, when a receipt carrying it could go over the receiver's limit (a configuration
 * with very long descriptions): the site is told at start-up rather than by receipts refused later.
 */
export function oversizedNotice(notice: Notice): number | undefined {
  const bytes = new TextEncoder().encode(JSON.stringify(notice)).length;
  return bytes + RECEIPT_OVERHEAD > RECEIPT_LIMIT ? bytes : undefined;
}

/** This widget's version, named in every receipt's notice (kept equal to package.json by a test). */
export const WIDGET_VERSION = '0.2.0';

/**
 * What the visitor was shown when deciding (CONTRACT §10): texts (their `{duration}` filled in as the
 * panel says it) and purposes, in the page's language, how long the choice is kept and whom to write to.
 */
export interface Notice {
  widget: string;
  policyUrl?: string;
  cookiePolicyUrl?: string;
  /** The data protection contact the panel gives (config `contactEmail`). */
  contactEmail?: string;
  /** How long the choice is kept, in days (config `cookie.maxAgeDays`), said in `panel.text`. */
  maxAgeDays: number;
  /** The sister sites the choice covers (CONTRACT §13), as `sites.scope` names them; absent without. */
  sites?: string[];
  texts: Texts;
  purposes: { id: string; required: boolean; label: string; description: string; services: object[] }[];
}

/** A proof-of-consent receipt, format 1 (CONTRACT §10). Names no person: only the random consent id. */
export interface Receipt {
  v: 1;
  consentId: string;
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
  method: DecisionMethod;
  gpc: boolean;
  lang: Lang;
  site: string;
  page: string;
  notice: Notice;
}

export interface ReceiptContext {
  notice: Notice;
  gpc: boolean;
  lang: Lang;
  /** The page's origin and path: never its query or fragment, which may hold personal data. */
  location: { origin: string; pathname: string };
  now: () => number;
}

/** What the page shows besides its texts and purposes. */
export interface Shown {
  policyUrl?: string;
  cookiePolicyUrl?: string;
  contactEmail?: string;
  maxAgeDays: number;
  lang: Lang;
  /** The sister sites the choice covers (CONTRACT §13). */
  sites?: string[];
}

/** The notice of a page, built once: links made absolute, so the proof says where they led. */
export function buildNotice(texts: Texts, purposes: PurposeView[], base: string, shown: Shown): Notice {
  const absolute = (url?: string) => (url ? new URL(url, base).href : undefined);
  const sisters = shown.sites ?? [];
  return {
    widget: WIDGET_VERSION,
    policyUrl: absolute(shown.policyUrl),
    cookiePolicyUrl: absolute(shown.cookiePolicyUrl),
    contactEmail: shown.contactEmail,
    maxAgeDays: shown.maxAgeDays,
    sites: sisters.length > 1 ? sisters : undefined,
    // Filled in as the panel and the banner fill them (cid-consent-preferences.ts, cid-consent-banner.ts).
    texts: {
      ...texts,
      'panel.text': texts['panel.text'].replace('{duration}', formatDuration(shown.maxAgeDays, shown.lang)),
      'sites.scope': sisters.length > 1 ? sitesScope(texts, sisters, shown.lang) : texts['sites.scope'],
    },
    purposes: purposes.map(({ id, required, label, description, services }) => ({
      id,
      required: !!required,
      label,
      description,
      services: (services ?? []).map(({ id: serviceId, name, provider, policyUrl }) => ({ id: serviceId, name, provider, policyUrl })),
    })),
  };
}

/**
 * Whether a receipt is that of the decision in force (CONTRACT §10): only the answer to it may set
 * the consent cookie. A receipt resent later for an older decision must not overwrite a newer one;
 * a reset is in force while no decision is stored, and grants from a placeholder alone (no decision
 * yet) are written by the page only.
 */
export function inForce(body: string, state: ConsentState): boolean {
  try {
    const { consentId, decidedAt, method } = JSON.parse(body) as Receipt;
    return method === 'reset' ? state.id === null : state.decided && state.id === consentId && state.updatedAt === decidedAt;
  } catch {
    return false;
  }
}

/**
 * The receipt of one decision taken in the page. `consentId` and `decidedAt`
 * are the stored record's; a reset has no record left, so it names the
 * forgotten one's id and the time of the reset.
 */
export function buildReceipt(change: ConsentChange, method: DecisionMethod, context: ReceiptContext): Receipt | undefined {
  const { state, previous } = change;
  const consentId = state.id ?? previous.id;
  if (!consentId) return;
  return {
    v: 1,
    consentId,
    decidedAt: state.updatedAt ?? new Date(context.now()).toISOString(),
    revision: state.revision,
    choices: { ...state.purposes },
    services: { ...state.services },
    method,
    gpc: context.gpc,
    lang: context.lang,
    site: context.location.origin,
    page: context.location.pathname,
    notice: context.notice,
  };
}
