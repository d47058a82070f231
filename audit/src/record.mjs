// What one phase of one page left behind: cookies, web storage keys, requests to
// other hosts, the gated elements' hosts, and a screenshot.
import { classify, CONSENT_RECORD, isConsentRecord, isFirstParty } from './classify.mjs';

/**
 * @typedef {import('./classify.mjs').Classification} Classification
 * @typedef {import('./classify.mjs').Rule} Rule
 * @typedef {{ name: string, domain: string, path: string, firstParty: boolean, expires: string | null, httpOnly: boolean, secure: boolean, sameSite: string, classification: Classification }} CookieRecord
 * @typedef {{ area: 'local' | 'session', key: string, classification: Classification }} StorageRecord
 * @typedef {{ url: string, host: string, type: string, initiator: string }} RequestRecord
 * @typedef {{ id: PhaseId, label: string, url: string, cookies: CookieRecord[], storage: StorageRecord[], requests: RequestRecord[], gatedHosts: string[], screenshot?: string }} Phase
 * @typedef {'initial' | 'reject' | 'reject-reload' | 'accept' | 'accept-reload'} PhaseId
 */

/** @type {Record<PhaseId, string>} */
export const PHASE_LABELS = {
  initial: 'before any choice',
  reject: 'after "reject all"',
  'reject-reload': 'after "reject all", reloaded',
  accept: 'after "accept all"',
  'accept-reload': 'after "accept all", reloaded',
};

const MAX_URL = 300;

/**
 * Watches a page's requests to hosts other than its own, with what started each one.
 * Playwright sees every frame's requests; the initiator (parser, script and its URL)
 * comes from the DevTools protocol, which Playwright does not expose.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 */
export async function watchRequests(context, page) {
  /** @type {Map<string, string>} */
  const initiators = new Map();
  const cdp = await context.newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (event) => {
    const { initiator } = event;
    const frame = initiator.stack?.callFrames[0];
    const where = initiator.url ?? (frame ? `${frame.url}:${frame.lineNumber + 1}` : '');
    if (!initiators.has(event.request.url)) initiators.set(event.request.url, `${initiator.type}${where ? ` ${where}` : ''}`);
  });
  await cdp.send('Network.enable');
  /** @type {import('playwright-core').Request[]} */
  let seen = [];
  page.on('request', (request) => {
    seen.push(request);
  });
  return {
    /** Forgets what was seen: called before a reload, so that each phase has its own list. */
    restart() {
      seen = [];
    },
    /**
     * @param {string} pageHost
     * @returns {RequestRecord[]}
     */
    others(pageHost) {
      /** @type {Map<string, RequestRecord>} */
      const unique = new Map();
      for (const request of seen) {
        const url = safeUrl(request.url());
        if (!url || !/^(https?|wss?):$/.test(url.protocol) || url.hostname === pageHost) continue;
        const type = request.resourceType();
        const text = request.url().length > MAX_URL ? `${request.url().slice(0, MAX_URL)}…` : request.url();
        const initiator = initiators.get(request.url()) ?? `frame ${request.frame().url()}`;
        if (!unique.has(`${type} ${text}`)) unique.set(`${type} ${text}`, { url: text, host: url.hostname, type, initiator });
      }
      return [...unique.values()];
    },
  };
}

/** @param {string} text */
function safeUrl(text) {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads the page as it is now.
 * @param {{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, requests: Awaited<ReturnType<typeof watchRequests>>, rules: Rule[], id: PhaseId, screenshots: boolean }} input
 * @returns {Promise<Phase>}
 */
export async function snapshot({ context, page, requests, rules, id, screenshots }) {
  const url = page.url();
  const pageHost = new URL(url).hostname;
  // Everything read from the page runs in it and may be hostile: each read is guarded.
  const seen = await page
    .evaluate(() => {
      /** @param {Storage} area */
      const keys = (area) => {
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
            return new URL(String(src), document.baseURI).hostname;
          } catch {
            return '';
          }
        });
      /** @type {{ get?: () => { id?: unknown } } | undefined} */
      const api = /** @type {any} */ (window).CidConsent;
      let consentId = null;
      try {
        const id = api?.get?.().id;
        consentId = typeof id === 'string' ? id : null;
      } catch {
        // A broken or foreign CidConsent: no consent record to recognise.
      }
      return { local: keys(localStorage), session: keys(sessionStorage), gated, consentId };
    })
    .catch(() => ({ local: [], session: [], gated: [], consentId: null }));
  // The page may have replaced Object.keys or the like: localStorage is read again through the
  // browser's own storage state, which page scripts cannot touch; what the page answered is checked.
  /** @param {unknown} list @returns {string[]} */
  const strings = (list) => (Array.isArray(list) ? list.filter((item) => typeof item === 'string') : []);
  const origin = new URL(url).origin;
  const state = await context.storageState().catch(() => ({ origins: [] }));
  const stored = state.origins.find((entry) => entry.origin === origin)?.localStorage.map((entry) => entry.name);
  const local = stored ?? strings(seen.local);
  const session = strings(seen.session);
  const gatedHosts = strings(seen.gated);

  const cookies = (await context.cookies()).map((cookie) => ({
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    firstParty: isFirstParty(cookie.domain, pageHost),
    expires: cookie.expires > 0 ? new Date(cookie.expires * 1000).toISOString() : null,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    classification: isConsentRecord(cookie.value, seen.consentId) ? CONSENT_RECORD : classify(cookie.name, rules),
  }));
  /** @param {'local' | 'session'} area @returns {(key: string) => StorageRecord} */
  const storage = (area) => (key) => ({
    area,
    key,
    // The widget's receipt outbox (CONTRACT §10) belongs to the consent record.
    classification: key === 'cid_consent_outbox' ? CONSENT_RECORD : classify(key, rules),
  });
  /** @type {Phase} */
  const phase = {
    id,
    label: PHASE_LABELS[id],
    url,
    cookies,
    storage: [...local.map(storage('local')), ...session.map(storage('session'))],
    requests: requests.others(pageHost),
    gatedHosts: [...new Set(gatedHosts.filter((host) => host && host !== pageHost))],
  };
  if (screenshots) {
    const image = await page.screenshot({ type: 'jpeg', quality: 60, timeout: 5000 }).catch(() => undefined);
    if (image) phase.screenshot = `data:image/jpeg;base64,${image.toString('base64')}`;
  }
  return phase;
}
