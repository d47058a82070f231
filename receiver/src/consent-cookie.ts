/**
 * The consent cookie set by HTTP (CONTRACT §6, §10, §11; issue #21). Safari and Brave cap a cookie
 * written by script at 7 days (WebKit's Intelligent Tracking Prevention); one set by the site's own
 * server in an HTTP answer keeps its lifetime. So the answer to the receipt of the decision in force,
 * posted from the page's own origin through the site's proxy, sets the very cookie the widget wrote:
 * same name, value, domain and path, for what remains of the decision's lifetime.
 *
 * The value comes from the widget's own encoder (src/core/record.ts, compiled for the receiver:
 * tsconfig.widget.json), from the receipt and the purposes its notice lists: byte for byte what the
 * page wrote. The receiver never reads a cookie: whether the answer may set one is the page's to
 * decide (it sends credentials for the decision in force only: a receipt resent later for an older
 * decision gets an answer whose cookie the browser ignores), and the receiver checks in its store that
 * no later decision of that consent id is known.
 *
 * How it fails: a receipt whose notice does not describe its purposes, or a decision already past its
 * lifetime, gets its 202 without a cookie (the script's cookie stays, capped at 7 days on Safari).
 */
import { ChoiceLayout } from '#widget/core/choices.js';
import { encodeRecord } from '#widget/core/record.js';
import type { PurposeConfig } from '#widget/core/types.js';
import type { ReceiptBody } from './schema.js';

const DAY_S = 86_400;
/** CONTRACT §3: a choice is kept 13 months at most. */
const MAX_AGE_CAP_DAYS = 395;

export interface CookieSettings {
  /** COOKIE_NAME: the consent cookie's name, as the sites configure it (`cookie.name`). */
  name: string;
  /** COOKIE_DOMAINS: the cookie domain of each origin (`cookie.domain`); an origin not listed gets a host-only cookie. */
  domains: Map<string, string>;
}

/** A notice's purposes as the encoder needs them: ids, which are required, and their services' ids. */
function purposesOf(notice: Record<string, unknown>): PurposeConfig[] | undefined {
  const { purposes } = notice;
  if (!Array.isArray(purposes)) return undefined;
  const shaped = purposes.every(
    (p) => typeof p?.id === 'string' && Array.isArray(p.services) && p.services.every((s: unknown) => typeof s === 'object' && s !== null),
  );
  if (!shaped) return undefined;
  return purposes.map((p) => ({
    id: p.id,
    required: p.required === true,
    services: p.services.map((s: { id?: unknown; name?: unknown }) => ({ id: typeof s.id === 'string' ? s.id : undefined, name: String(s.name ?? '') })),
  }));
}

/** No-op logger: an id the notice does not list is the receipt's business, checked elsewhere. */
const quiet = { warn() {}, error() {} };

/**
 * The `Set-Cookie` value for a stored receipt of the decision in force: the cookie the widget wrote,
 * or its deletion for a `reset`. `undefined` when the receipt does not say enough to write it.
 */
export function consentCookie(body: ReceiptBody, settings: CookieSettings, secure: boolean, now: number): string | undefined {
  const attributes = [
    ...(settings.domains.has(body.site) ? [`Domain=${settings.domains.get(body.site)}`] : []),
    'Path=/',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ];
  if (body.method === 'reset') return [`${settings.name}=`, 'Max-Age=0', ...attributes].join('; ');
  const purposes = purposesOf(body.notice);
  const days = body.notice.maxAgeDays;
  if (!purposes || typeof days !== 'number' || !(days > 0)) return undefined;
  const time = Date.parse(body.decidedAt);
  const maxAge = Math.floor(time / 1000 + Math.min(days, MAX_AGE_CAP_DAYS) * DAY_S - now / 1000);
  if (maxAge <= 0) return undefined;
  const layout = new ChoiceLayout(purposes);
  const choices = layout.compact(layout.apply({}, { ...body.choices, ...body.services }, quiet));
  const value = encodeRecord({ id: body.consentId, time, revision: body.revision, choices });
  return [`${settings.name}=${value}`, `Max-Age=${maxAge}`, ...attributes].join('; ');
}

/**
 * Whether the page that posted the receipt is on the receiver's own origin (the site's proxy
 * forwards its receipts): the browser says so in `Sec-Fetch-Site` (Fetch Metadata, every current
 * browser); one that does not send it is trusted when `Origin` names the host it asked.
 */
export function fromSameOrigin(headers: Record<string, string | string[] | undefined>, host: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = headers.origin;
  try {
    return typeof origin === 'string' && new URL(origin).host === host;
  } catch {
    return false;
  }
}
