import { createRuntime, type CidConsentApi, type ConsentView } from './core/api.js';
import { parseConfig } from './core/config.js';
import { TAG, type Logger } from './core/logger.js';
import { ConsentManager, randomId } from './core/manager.js';
import { drainQueue } from './core/queue.js';
import { cookieStorage, type ConsentStorage } from './core/storage.js';
import { listenToOpenLinks } from './gating/open-links.js';
import { createScriptGate } from './gating/scripts.js';
import { resolveTexts, viewPurposes } from './i18n/index.js';
import './components/cid-consent-banner.js';
import './components/cid-consent-preferences.js';

declare global {
  interface Window {
    cidConsentConfig?: unknown;
    cidConsentQueue?: unknown;
    CidConsent?: CidConsentApi;
  }
}

export interface StartOptions {
  log?: Logger;
  /** Where the decision is kept; the consent cookie by default. */
  storage?: ConsentStorage;
  now?: () => number;
}

const runtime = createRuntime(document);

/** The consent API: usable (and listenable) before `start()`, live after it. Same object as `window.CidConsent`. */
export const consent: CidConsentApi = runtime.api;

/** Runs `fn` once the document is parsed: elements need `<body>`, gating needs every script tag. */
const whenParsed = (fn: () => void) =>
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', fn, { once: true }) : fn();

/**
 * Starts the widget with a configuration (CONTRACT §3): shows the banner when
 * no valid decision is stored, runs the gated scripts already granted, and
 * exposes `window.CidConsent`. Never throws into the page; starting twice
 * keeps the first instance.
 */
export function start(config: unknown, options: StartOptions = {}): CidConsentApi {
  const log = options.log ?? console;
  try {
    if (runtime.attached) log.warn(`${TAG} the widget is already running on this page; started once only.`);
    else boot(config, log, options);
  } catch (error) {
    log.error(`${TAG} could not start: ${String(error)}`);
  }
  return consent;
}

function boot(input: unknown, log: Logger, options: StartOptions): void {
  const config = parseConfig(input, document.documentElement.lang, log);
  const { lang, cookie } = config;
  const texts = resolveTexts(lang, config.texts[lang], log);
  const manager = new ConsentManager({
    purposes: config.purposes,
    revision: config.revision,
    maxAgeDays: cookie.maxAgeDays,
    storage: options.storage ?? cookieStorage({ ...cookie, secure: location.protocol === 'https:' }),
    log,
    now: options.now ?? Date.now,
    randomId,
  });

  // A page may place the elements itself (CONTRACT §9); otherwise we add them.
  const banner = document.querySelector('cid-consent-banner') ?? document.createElement('cid-consent-banner');
  const panel = document.querySelector('cid-consent-preferences') ?? document.createElement('cid-consent-preferences');
  for (const element of [banner, panel]) {
    Object.assign(element, { texts, policyUrl: config.policyUrl, cookiePolicyUrl: config.cookiePolicyUrl });
    element.setAttribute('theme', config.theme);
    element.setAttribute('lang', lang);
  }
  banner.setAttribute('position', config.position);
  panel.purposes = viewPurposes(config.purposes, texts, lang);
  panel.contactEmail = config.contactEmail;
  banner.open = config.autoShow && !manager.state.decided;

  const gate = createScriptGate(consent.has, config.nonce);
  const view: ConsentView = {
    show() {
      // Asked again after a new revision or expiry: the old choices pre-fill the toggles.
      const { decided, purposes } = manager.state;
      panel.choices = decided ? purposes : manager.previous;
      panel.open = true;
    },
    hide: () => (panel.open = false),
    changed({ state }) {
      banner.open = !state.decided;
      gate();
    },
  };

  document.addEventListener('cid-consent-action', ({ detail }) => {
    const { action, choices } = detail;
    if (action === 'accept-all') consent.acceptAll();
    else if (action === 'reject-all') consent.rejectAll();
    else if (action === 'save') consent.set(choices ?? {});
    else if (action === 'customize') consent.show();
    else consent.hide();
  });
  listenToOpenLinks(consent.show);

  // Attached first: the gate asks the live API which purposes are granted;
  // and `ready` listeners may already use window.CidConsent.
  window.CidConsent = consent;
  runtime.attach(manager, view);
  whenParsed(() => {
    if (!banner.isConnected) document.body.append(banner);
    if (!panel.isConnected) document.body.append(panel);
    gate();
  });
  drainQueue(window, consent, log);
}
