/**
 * Reads the configuration from the widget tag's `data-*` attributes (CONTRACT §2). The tag is shared
 * with other tools (Cloudflare's `data-cfasync`, Turbo's `data-turbo-track`…): attributes that are
 * not ours are none of our business and are ignored silently; only a near-miss of one of our keys
 * (a typo that would silently lose a setting) gets a warning with a "did you mean" (issue #10).
 */
import { TAG, type Logger } from './core/logger.js';

/** The keys of CONTRACT §3 that a tag attribute can hold, as `dataset` names them (one string: fewer bytes). */
const SCALAR_KEYS =
  'policyUrl cookiePolicyUrl lang revision cookieName cookieDomain cookieMaxAgeDays contactEmail googleConsentMode autoShow respectGpc reloadOnRevoke nonce manageButton theme position receiptUrl handoffKey'.split(
    ' ',
  );
/** Keys of CONTRACT §3 whose value is an object or a list: only `window.cidConsentConfig` can hold them. */
const OBJECT_KEYS = ['purposes', 'texts', 'cookie', 'sites'];

const attribute = (key: string) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Edit distance (insertions, deletions, substitutions), one row at a time; the caller lowercases. */
function distance(a: string, b: string): number {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1] + 1, next[j] + 1, row[j] + +(a[i] !== b[j])));
    row = next;
  }
  return row[b.length];
}

/**
 * Our key closest to `key` when it is close enough to be a typo of it: a quarter of the longer
 * name's letters (at least one) may differ. Far enough for `cfasync`, `id` or `domain`
 * to stay silent; `polcyUrl`, `themes`, `cookieMaxAge` are caught.
 */
const nearMiss = (key: string): string | undefined =>
  SCALAR_KEYS.concat(OBJECT_KEYS)
    .map((known) => ({ known, d: distance(key.toLowerCase(), known.toLowerCase()), len: Math.max(key.length, known.length) }))
    .filter(({ d, len }) => d <= Math.max(1, len >> 2))
    .sort((x, y) => x.d - y.d)[0]?.known;

/** `data-cookie-max-age-days="182"` → `{ cookie: { maxAgeDays: 182 } }`; "true"/"false" → booleans. */
export function configFromAttributes(dataset: DOMStringMap, config: Record<string, unknown>, log: Logger): void {
  for (const [key, raw] of Object.entries(dataset)) {
    if (OBJECT_KEYS.includes(key)) {
      log.warn(`${TAG} <script ${attribute(key)}> is ignored: set ${key} in window.cidConsentConfig.`);
      continue;
    }
    if (!SCALAR_KEYS.includes(key)) {
      const guess = nearMiss(key);
      if (guess) log.warn(`${TAG} <script ${attribute(key)}> is ignored: did you mean ${attribute(guess)}?`);
      continue;
    }
    const value = raw === 'true' ? true : raw === 'false' ? false : /^(revision|cookieMaxAgeDays)$/.test(key) && raw ? +raw : raw;
    const cookieKey = /^cookie(Name|Domain|MaxAgeDays)$/.exec(key)?.[1];
    if (cookieKey) {
      const name = cookieKey[0].toLowerCase() + cookieKey.slice(1);
      config.cookie = { ...(config.cookie as object), [name]: value };
    } else config[key] = value;
  }
}
