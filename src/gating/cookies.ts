import { cookieName } from '../core/declared-cookies.js';
import { toMatcher } from '../core/purposes.js';
import type { CookieEntry } from '../core/types.js';

/**
 * Deletes the cookies a revoked purpose had set (CONTRACT §8). A tracker may
 * have written them on the host or on any parent domain (Google Analytics
 * uses the registrable domain), so each name is expired, for path `/`, on
 * the host, on every parent domain and on the configured cookie domain.
 */
export function deleteCookies(entries: CookieEntry[], configuredDomain?: string): void {
  const matchers = entries.map((entry) => toMatcher(cookieName(entry)));
  const labels = location.hostname.split('.');
  const domains = new Set<string | undefined>([undefined, configuredDomain]);
  for (let i = 0; i < labels.length - 1; i++) domains.add('.' + labels.slice(i).join('.'));
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0].trim();
    if (!name || !matchers.some((matches) => matches(name))) continue;
    for (const domain of domains) {
      document.cookie = `${name}=; Max-Age=0; Path=/${domain ? '; Domain=' + domain : ''}`;
    }
  }
}
