import type { KeyObject } from 'node:crypto';
import type { CookieSettings } from './consent-cookie.js';
import { readHandoffKey } from './handoff.js';

/** The receiver's settings, read from the environment (CONTRACT §11). */
export interface Config {
  port: number;
  host: string;
  /** postgres://…: PostgreSQL. Unset: the embedded store (PGlite) in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  allowedOrigins: string[];
  /** Bearer token of the read routes; unset: they answer 503. The DPO's: every right. */
  token?: string;
  /** DASHBOARD_TOKEN: marketing's, the figures and their exports only (issue #25). */
  dashboardToken?: string;
  retentionDays: number;
  /** Requests per minute and per client address (kept in memory only, never stored). */
  rateLimitPerMinute: number;
  /** Behind a reverse proxy: trust X-Forwarded-For from it, so that the rate limit is per visitor. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  logLevel: string;
  /** HANDOFF_KEY: signs sister-site tokens (CONTRACT §13); unset: `POST /handoff` answers 503. */
  handoffKey?: KeyObject;
  /** COOKIE_NAME and COOKIE_DOMAINS: the consent cookie set in answer to same-origin receipts (CONTRACT §6). */
  cookie: CookieSettings;
  /** TIME_ZONE: the zone statistics count days in (CONTRACT §11), an IANA name; `Europe/Paris` by default. */
  timeZone: string;
}

export class ConfigError extends Error {}

const ORIGIN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const origins = (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  if (origins.length === 0) {
    throw new ConfigError('ALLOWED_ORIGINS is required: the comma-separated origins whose pages may post receipts, e.g. https://www.cid-it.fr');
  }
  for (const origin of origins) {
    if (!ORIGIN.test(origin)) {
      throw new ConfigError(`ALLOWED_ORIGINS: "${origin}" is not an origin (scheme://host[:port], lower case, no path)`);
    }
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const token = env.RECEIVER_TOKEN || undefined;
  if (token !== undefined && token.length < 16) {
    throw new ConfigError('RECEIVER_TOKEN must be at least 16 characters long');
  }
  const dashboardToken = env.DASHBOARD_TOKEN || undefined;
  if (dashboardToken !== undefined && (dashboardToken.length < 16 || dashboardToken === token)) {
    throw new ConfigError('DASHBOARD_TOKEN must be at least 16 characters long, and not RECEIVER_TOKEN (marketing and the DPO hold different rights)');
  }
  const proxy = env.TRUST_PROXY ?? '';
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: env.DATA_DIR || '.data/receipts',
    allowedOrigins: origins,
    token,
    dashboardToken,
    retentionDays: integer(env, 'RETENTION_DAYS', 1825, 1, 36500),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT', 120, 1, 100_000_000),
    trustProxy: trustProxyOf(proxy),
    logLevel: env.LOG_LEVEL || 'info',
    handoffKey: readHandoffKey(env.HANDOFF_KEY),
    cookie: cookieOf(env, origins),
    timeZone: timeZoneOf(env.TIME_ZONE || 'Europe/Paris'),
  };
}

/** An IANA time zone name, as Intl knows them (the database checks it again at start-up). */
function timeZoneOf(zone: string): string {
  try {
    // Throws a RangeError for a name it does not know; gives the canonical spelling otherwise.
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError(`TIME_ZONE must be an IANA time zone name such as Europe/Paris or UTC (got "${zone}")`);
  }
}

/** COOKIE_NAME (as the sites' `cookie.name`) and COOKIE_DOMAINS: `https://www.cid-it.fr=.cid-it.fr,…`. */
function cookieOf(env: NodeJS.ProcessEnv, origins: string[]): CookieSettings {
  const name = env.COOKIE_NAME || 'cid_consent';
  if (!/^[\w-]{1,64}$/.test(name)) throw new ConfigError(`COOKIE_NAME must be letters, digits, "_" or "-", as the sites' cookie.name (got "${name}")`);
  const domains = new Map<string, string>();
  for (const pair of (env.COOKIE_DOMAINS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const [origin, domain] = [pair.slice(0, at), pair.slice(at + 1)];
    if (at < 0 || !origins.includes(origin) || !/^\.?[a-z0-9.-]+$/.test(domain) || !`.${new URL(origin).hostname}`.endsWith(`.${domain.replace(/^\./, '')}`)) {
      throw new ConfigError(`COOKIE_DOMAINS: "${pair}" must be an origin of ALLOWED_ORIGINS, "=", and a cookie domain that contains its host (https://www.cid-it.fr=.cid-it.fr)`);
    }
    domains.set(origin, domain);
  }
  return { name, domains };
}

/**
 * `TRUST_PROXY`: off, a number of proxy hops (`1`: the one reverse proxy in front), or the
 * proxies' addresses. `true` trusts the whole `X-Forwarded-For`, whose leftmost value the
 * client writes itself: it lets anyone choose their address and escape the rate limit, so
 * it is documented only as the hop count or the address.
 */
function trustProxyOf(value: string): Config['trustProxy'] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (!/^\d{1,2}$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}
