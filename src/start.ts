import { createRuntime, isRunning, type CidConsentApi, type ConsentView } from './core/api.js';
import { parseConfig, type ResolvedConfig } from './core/config.js';
import { TAG, type Logger } from './core/logger.js';
import { ConsentManager, randomId } from './core/manager.js';
import { drainQueue } from './core/queue.js';
import { cookieStorage, type ConsentStorage } from './core/storage.js';
import type { ConsentChange } from './core/types.js';
import { pushToDataLayer, startConsentMode } from './gating/consent-mode.js';
import { deleteCookies } from './gating/cookies.js';
import { createGate } from './gating/gate.js';
import { listenToOpenLinks } from './gating/open-links.js';
import { resolveTexts, viewPurposes, type Texts } from './i18n/index.js';
import './components/cid-consent-banner.js';
import './components/cid-consent-placeholder.js';
import './components/cid-consent-preferences.js';

declare global {
  interface Window {
    cidConsentConfig?: unknown;
    cidConsentQueue?: unknown;
    CidConsent?: CidConsentApi;
    dataLayer?: unknown[];
    gtag?: (...args: unknown[]) => void;
  }
  interface Navigator {
    /** Global Privacy Control (https://privacycg.github.io/gpc-spec/). */
    globalPrivacyControl?: boolean;
  }
}

export interface StartOptions {
  log?: Logger;
  /** Where the decision is kept; the consent cookie by default. */
  storage?: ConsentStorage;
  now?: () => number;
}

/** Purposes a Global Privacy Control signal refuses: the ones that sell or share data. */
const GPC_REFUSES = ['marketing', 'partners'];

const runtime = createRuntime(document);

/** The consent API: usable (and listenable) before `start()`, live after it. Same object as `window.CidConsent`. */
export const consent: CidConsentApi = runtime.api;

/** Runs `fn` once the document is parsed: elements need `<body>`. */
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
    // A second copy (two script tags, or the ESM and the IIFE builds) finds the first one's API;
    // anything else a page may have put in window.CidConsent is not ours and is replaced.
    const running = runtime.attached ? consent : isRunning(window.CidConsent) ? window.CidConsent : undefined;
    if (running) {
      log.warn(`${TAG} the widget is already running on this page; started once only.`);
      return running;
    }
    boot(config, log, options);
  } catch (error) {
    log.error(`${TAG} could not start: ${String(error)}`);
  }
  return consent;
}

function boot(input: unknown, log: Logger, options: StartOptions): void {
  const config = parseConfig(input, document.documentElement.lang, log);
  const { lang, cookie } = config;
  // A cookie for a domain the page is not on is silently dropped by the browser: say so instead.
  const host = location.hostname;
  if (cookie.domain && !`.${host}`.endsWith(`.${cookie.domain.replace(/^\./, '')}`)) {
    log.error(`${TAG} config.cookie.domain: "${cookie.domain}" does not contain this page's host "${host}"; using the host.`);
    cookie.domain = undefined;
  }
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
  const purposes = viewPurposes(config.purposes, texts, lang);
  const gpc = config.respectGpc && navigator.globalPrivacyControl === true;

  // Consent Mode's default must reach Google's tags before any of them runs: synchronously, first.
  const updateConsentMode = config.googleConsentMode ? startConsentMode(window) : undefined;
  const initial = manager.state;
  const links = { policyUrl: config.policyUrl, cookiePolicyUrl: config.cookiePolicyUrl };
  const banner = Object.assign(placeElement('cid-consent-banner', config, texts), links);
  const panel = Object.assign(placeElement('cid-consent-preferences', config, texts), links);
  banner.setAttribute('position', config.position);
  banner.manage = config.manageButton;
  Object.assign(panel, { purposes, gpc, contactEmail: config.contactEmail, maxAgeDays: cookie.maxAgeDays });
  banner.gpc = gpc;
  banner.open = config.autoShow && !initial.decided;

  const gate = createGate({
    has: consent.has,
    nonce: config.nonce,
    placeholder(frame, needed) {
      const stand = placeElement('cid-consent-placeholder', config, texts, false);
      stand.purposes = needed;
      stand.labels = needed.map((id) => purposes.find((p) => p.id === id)?.label ?? id);
      // Keep the frame's box so the page does not move; CSSOM, not a style attribute, so a strict CSP allows it.
      const box = frame.getBoundingClientRect();
      const width = box.width || Number(frame.width) || 300;
      const height = box.height || Number(frame.height) || 150;
      stand.style.width = `${width}px`;
      stand.style.aspectRatio = `${width} / ${height}`;
      frame.style.display = 'none';
      frame.before(stand);
      return () => (stand.remove(), frame.style.removeProperty('display'));
    },
  });
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(`cid-consent:${cookie.name}`) : undefined;

  const view: ConsentView = {
    show() {
      // Asked again after a new revision or expiry: the old choices pre-fill the toggles.
      const { decided, purposes: granted } = manager.state;
      panel.choices = decided ? granted : gpc ? { ...manager.previous, ...refusedByGpc() } : manager.previous;
      panel.open = true;
    },
    hide: () => (panel.open = false),
    changed(change: ConsentChange) {
      const { state, previous, revoked } = change;
      banner.open = !state.decided;
      // Google's tags read the update before any script this change lets run.
      updateConsentMode?.(state);
      pushToDataLayer(window, state);
      gate();
      for (const id of revoked) {
        const patterns = config.purposes.find((p) => p.id === id)?.cookies;
        if (patterns) deleteCookies(patterns, cookie.domain);
      }
      // The value itself, not "go and read the cookie": another renderer may still see the old cookie.
      if (change.stored) channel?.postMessage(manager.value);
      // Scripts that already ran keep running until the page reloads; a site may prefer a clean slate.
      if (config.reloadOnRevoke && previous.decided && revoked.length) location.reload();
    },
  };
  const refusedByGpc = () => Object.fromEntries(GPC_REFUSES.map((id) => [id, false]));

  document.addEventListener('cid-consent-action', ({ detail }) => {
    const { action, choices } = detail;
    if (action === 'accept-all') consent.acceptAll();
    else if (action === 'reject-all') consent.rejectAll();
    else if (action === 'save') consent.set(choices ?? {});
    else if (action === 'customize') consent.show();
    else consent.hide();
    // Each decision taken in the widget is read out, even one that changes nothing (WCAG 2.2 SC 4.1.3).
    if (action !== 'customize' && action !== 'close') panel.announce(texts['panel.saved']);
  });
  listenToOpenLinks(consent.show);
  // Another tab decided: BroadcastChannel tells at once. Where it is missing, or a frozen tab missed
  // the message, the cookie is read again each time the tab is shown.
  if (channel) channel.onmessage = ({ data }) => runtime.sync(typeof data === 'string' ? data : null);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && runtime.sync());

  // Attached first: the gate asks the live API which purposes are granted;
  // and `ready` listeners may already use window.CidConsent.
  window.CidConsent = consent;
  runtime.attach(manager, view, gpc ? GPC_REFUSES : []);
  if (initial.decided) updateConsentMode?.(initial);
  pushToDataLayer(window, initial);
  gate();
  whenParsed(() => {
    if (!banner.isConnected) document.body.append(banner);
    if (!panel.isConnected) document.body.append(panel);
  });
  drainQueue(window, consent, log);
}

/** The page's own element when it placed one (CONTRACT §9), else a new one, in the config's language and theme. */
function placeElement<K extends 'cid-consent-banner' | 'cid-consent-preferences' | 'cid-consent-placeholder'>(
  tag: K,
  config: ResolvedConfig,
  texts: Texts,
  reuse = true,
): HTMLElementTagNameMap[K] {
  const element = (reuse && document.querySelector(tag)) || document.createElement(tag);
  element.texts = texts;
  element.setAttribute('theme', config.theme);
  element.setAttribute('lang', config.lang);
  return element;
}
