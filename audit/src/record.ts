// What one phase of one page left behind: cookies, web storage keys, requests to
// other origins, the gated elements' origins, and a screenshot.
import type { CidConsentApi } from '@cid-it/consent';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { classify, CONSENT_RECORD, isConsentRecord, isFirstParty, type Classification, type Rule } from './classify.js';

export type PhaseId = 'initial' | 'reject' | 'reject-reload' | 'accept' | 'accept-reload';

export interface CookieRecord {
  name: string;
  domain: string;
  path: string;
  firstParty: boolean;
  expires: string | null;
  /** Since 0.3: days from when the audit saw it to its expiry (its lifetime, just set); null for a session cookie. */
  remainingDays: number | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  classification: Classification;
}

export interface StorageRecord {
  area: 'local' | 'session';
  key: string;
  classification: Classification;
}

export interface RequestRecord {
  url: string;
  /** Scheme, host and port (RFC 6454): what a browser keeps apart, and what a tracker is reached at. */
  origin: string;
  host: string;
  type: string;
  initiator: string;
  /** One of the widget's own files (markWidgetFiles): never a tracker, whoever serves it. */
  widget?: true;
}

export interface Phase {
  id: PhaseId;
  label: string;
  url: string;
  cookies: CookieRecord[];
  storage: StorageRecord[];
  requests: RequestRecord[];
  /** The origins, other than the page's, that `[data-cid-consent]` elements name (`src`, `data-src`). */
  gatedOrigins: string[];
  /** Their hosts (the report's first form, kept for its readers). */
  gatedHosts: string[];
  screenshot?: string;
}

export const PHASE_LABELS: Record<PhaseId, string> = {
  initial: 'before any choice',
  reject: 'after "reject all"',
  'reject-reload': 'after "reject all", reloaded',
  accept: 'after "accept all"',
  'accept-reload': 'after "accept all", reloaded',
};

const MAX_URL = 300;

/** What a page's requests look like to the snapshot. */
export interface RequestWatch {
  /** Forgets what was seen: called before a reload, so that each phase has its own list. */
  restart(): void;
  /** The requests to origins other than the page's, one per type and URL. */
  others(pageOrigin: string): RequestRecord[];
}

/**
 * Watches a page's requests to origins other than its own, with what started each one.
 * Playwright sees every frame's requests; the initiator (parser, script and its URL)
 * comes from the DevTools protocol, which Playwright does not expose.
 */
export async function watchRequests(context: BrowserContext, page: Page): Promise<RequestWatch> {
  const initiators = new Map<string, string>();
  const cdp = await context.newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (event) => {
    const { initiator } = event;
    const frame = initiator.stack?.callFrames[0];
    const where = initiator.url ?? (frame ? `${frame.url}:${frame.lineNumber + 1}` : '');
    if (!initiators.has(event.request.url)) initiators.set(event.request.url, `${initiator.type}${where ? ` ${where}` : ''}`);
  });
  await cdp.send('Network.enable');
  let seen: Request[] = [];
  page.on('request', (request) => {
    seen.push(request);
  });
  return {
    restart() {
      seen = [];
    },
    others(pageOrigin) {
      const unique = new Map<string, RequestRecord>();
      for (const request of seen) {
        const url = safeUrl(request.url());
        if (!url || !/^(https?|wss?):$/.test(url.protocol) || url.origin === pageOrigin) continue;
        const type = request.resourceType();
        const text = request.url().length > MAX_URL ? `${request.url().slice(0, MAX_URL)}…` : request.url();
        const initiator = initiators.get(request.url()) ?? `frame ${request.frame().url()}`;
        if (!unique.has(`${type} ${text}`)) unique.set(`${type} ${text}`, { url: text, origin: url.origin, host: url.hostname, type, initiator });
      }
      return [...unique.values()];
    },
  };
}

/** Where the widget's files are, as `${origin}${folder}`, from a URL (query and fragment dropped). */
const folderOf = (url: URL) => `${url.origin}${url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1)}`;
const fileOf = (url: URL) => url.pathname.slice(url.pathname.lastIndexOf('/') + 1);

/**
 * Marks the widget's own files among a page's requests: the script it loads as `cid-consent.js`
 * and, from that same folder, the siblings `cid-consent-*.js` it loads on its own (CONTRACT §1).
 * Those are what asks for consent: a CDN that serves them and a gated tag is reached for the
 * widget either way (issue #20, item 11). Across every phase: a reload may find a file in cache.
 */
export function markWidgetFiles(phases: Phase[]): void {
  const requests = phases.flatMap((phase) => phase.requests).filter((r) => r.type === 'script');
  const folders = new Set(requests.flatMap((r) => {
    const url = safeUrl(r.url);
    return url && fileOf(url) === 'cid-consent.js' ? [folderOf(url)] : [];
  }));
  for (const request of requests) {
    const url = safeUrl(request.url);
    if (url && folders.has(folderOf(url)) && /^cid-consent(-[A-Za-z0-9_-]+)?\.js$/.test(fileOf(url))) request.widget = true;
  }
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);

interface SnapshotInput {
  context: BrowserContext;
  page: Page;
  requests: RequestWatch;
  rules: Rule[];
  id: PhaseId;
  screenshots: boolean;
}

/** Reads the page as it is now. */
export async function snapshot({ context, page, requests, rules, id, screenshots }: SnapshotInput): Promise<Phase> {
  const url = page.url();
  const pageHost = new URL(url).hostname;
  const pageOrigin = new URL(url).origin;
  // Everything read from the page runs in it and may be hostile: each read is guarded.
  const seen = await page
    .evaluate(() => {
      const keys = (area: Storage) => {
        try {
          return Object.keys(area);
        } catch {
          return [];
        }
      };
      const gated = [...document.querySelectorAll('[data-cid-consent]')]
        .map((element) => element.getAttribute('src') ?? element.getAttribute('data-src'))
        .filter((src) => typeof src === 'string')
        .map((src) => {
          try {
            return new URL(String(src), document.baseURI).href;
          } catch {
            return '';
          }
        });
      // The page's CidConsent may be another script's, or broken: only `get().id` is read, guarded.
      const api: Partial<CidConsentApi> | undefined = window.CidConsent;
      let consentId: string | null = null;
      try {
        const stored: unknown = api?.get?.().id;
        consentId = typeof stored === 'string' ? stored : null;
      } catch {
        // A broken or foreign CidConsent: no consent record to recognise.
      }
      return { local: keys(localStorage), session: keys(sessionStorage), gated, consentId };
    })
    .catch(() => ({ local: [], session: [], gated: [], consentId: null }));
  // The page may have replaced Object.keys or the like: localStorage is read again through the
  // browser's own storage state, which page scripts cannot touch; what the page answered is checked.
  const state = await context.storageState().catch(() => ({ origins: [] as { origin: string; localStorage: { name: string }[] }[] }));
  const stored = state.origins.find((entry) => entry.origin === pageOrigin)?.localStorage.map((entry) => entry.name);
  const local = stored ?? strings(seen.local);
  const session = strings(seen.session);
  const gated = strings(seen.gated).map(safeUrl).filter((gate): gate is URL => !!gate && /^https?:$/.test(gate.protocol) && gate.origin !== pageOrigin);
  const gatedOrigins = [...new Set(gated.map((gate) => gate.origin))];
  const consentId = typeof seen.consentId === 'string' ? seen.consentId : null;

  const seenAt = Date.now() / 1000;
  const cookies: CookieRecord[] = (await context.cookies()).map((cookie) => ({
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    firstParty: isFirstParty(cookie.domain, pageHost),
    expires: cookie.expires > 0 ? new Date(cookie.expires * 1000).toISOString() : null,
    remainingDays: cookie.expires > 0 ? (cookie.expires - seenAt) / 86400 : null,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    classification: isConsentRecord(cookie.value, consentId) ? CONSENT_RECORD : classify(cookie.name, rules),
  }));
  const storage = (area: 'local' | 'session') => (key: string): StorageRecord => ({
    area,
    key,
    // The widget's receipt outbox (CONTRACT §10) belongs to the consent record.
    classification: key === 'cid_consent_outbox' ? CONSENT_RECORD : classify(key, rules),
  });
  const phase: Phase = {
    id,
    label: PHASE_LABELS[id],
    url,
    cookies,
    storage: [...local.map(storage('local')), ...session.map(storage('session'))],
    requests: requests.others(pageOrigin),
    gatedOrigins,
    gatedHosts: [...new Set(gated.map((gate) => gate.hostname))],
  };
  if (screenshots) {
    const image = await page.screenshot({ type: 'jpeg', quality: 60, timeout: 5000 }).catch(() => undefined);
    if (image) phase.screenshot = `data:image/jpeg;base64,${image.toString('base64')}`;
  }
  return phase;
}
