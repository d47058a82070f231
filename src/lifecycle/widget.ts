import type { ConsentRuntime, ConsentView } from '../core/api.js';
import { parseConfig, type ResolvedConfig } from '../core/config.js';
import { TAG, type Logger } from '../core/logger.js';
import { ConsentManager, randomId } from '../core/manager.js';
import { cookieStorage, type ConsentStorage } from '../core/storage.js';
import type { ConsentConfig, ConsentState, Lang } from '../core/types.js';
import { createGate } from '../gating/gate.js';
import { resolveTexts, viewPurposes, type PurposeView, type Texts } from '../i18n/index.js';
import { createOutbox } from '../receipts/outbox.js';
import { buildNotice, type ReceiptContext } from '../receipts/receipt.js';
import '../components/cid-consent-banner.js';
import { loadPanel } from './panel.js';

/** Purposes a Global Privacy Control signal refuses: the ones that sell or share data. */
export const GPC_REFUSES = ['marketing', 'partners'];

export interface StartOptions {
  log?: Logger;
  /** Where the decision is kept; the consent cookie by default. */
  storage?: ConsentStorage;
  now?: () => number;
}

/**
 * Everything one started widget is made of. Building it has no effect on the
 * page but creating (not inserting) elements; the steps in `steps.ts` do the
 * rest, in their order.
 */
export interface Widget {
  config: ResolvedConfig;
  texts: Texts;
  purposes: PurposeView[];
  /** The browser sends Global Privacy Control and the site honours it. */
  gpc: boolean;
  manager: ConsentManager;
  runtime: ConsentRuntime;
  view: ConsentView;
  banner: HTMLElementTagNameMap['cid-consent-banner'];
  panel: HTMLElementTagNameMap['cid-consent-preferences'];
  /** Activates what is granted, puts placeholders where it is not. */
  gate: () => void;
  /** Sends a Consent Mode `update`; set by the start-up step that sends the `default`. */
  updateConsentMode?: (state: ConsentState) => void;
  /** Carries decisions to the site's other tabs, where BroadcastChannel exists; opened by `tabChannel()`. */
  channel?: BroadcastChannel;
  /** Proof-of-consent receipts, when the site set a `receiptUrl`. */
  receipts?: { outbox: ReturnType<typeof createOutbox>; context: ReceiptContext };
  log: Logger;
}

/** `localStorage`, or nothing where the browser denies it (sandboxed frames, some privacy settings). */
const localStorageOrNothing = () => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

/** The GPC signal (https://privacycg.github.io/gpc-spec/), read without declaring it on the page's globals. */
const globalPrivacyControl = () => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

export function buildWidget(input: ConsentConfig | unknown, runtime: ConsentRuntime, options: StartOptions, log: Logger): Widget {
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
  const gpc = config.respectGpc && globalPrivacyControl();

  const links = { policyUrl: config.policyUrl, cookiePolicyUrl: config.cookiePolicyUrl };
  const banner = Object.assign(placeElement('cid-consent-banner', config, texts), links);
  const panel = Object.assign(placeElement('cid-consent-preferences', config, texts), links);
  banner.manage = config.manageButton;
  banner.open = config.autoShow && !manager.state.decided;
  // The panel says how long the choice is kept; the banner says what GPC leaves refused (issue #9, item 16).
  Object.assign(panel, { purposes, gpc, contactEmail: config.contactEmail, maxAgeDays: cookie.maxAgeDays });
  banner.gpc = gpc;

  const refusedByGpc = () => Object.fromEntries(GPC_REFUSES.map((id) => [id, false]));
  const view: ConsentView = {
    show() {
      // Asked again after a new revision or expiry: the old choices pre-fill the toggles. Before a
      // decision, what a placeholder granted shows as granted (it is).
      const state = manager.state;
      const now = { ...state.purposes, ...state.services };
      const grants = Object.fromEntries(Object.entries(now).filter(([, on]) => on));
      panel.choices = state.decided ? now : { ...manager.previous, ...(gpc ? refusedByGpc() : {}), ...grants };
      showDecision(panel, state);
      // Set before the panel's code has loaded, the properties are taken up when it has.
      panel.open = true;
      whenPanel(log);
    },
    hide() {
      panel.open = false;
    },
    // Replaced by the change pipeline (steps.ts) when the widget starts.
    changed() {},
  };

  // Services that can be chosen alone, by id: a placeholder names them and their provider (CONTRACT §8).
  const services = new Map(
    config.purposes.flatMap((p) => (p.required ? [] : (p.services ?? [])).flatMap((s) => (s.id ? [[s.id, s] as const] : []))),
  );
  const gate = createGate({
    has: runtime.api.has,
    nonce: config.nonce,
    placeholder(frame, needed) {
      const stand = placeElement('cid-consent-placeholder', config, texts, false);
      stand.purposes = needed;
      stand.labels = needed.map((id) => services.get(id)?.name ?? purposes.find((p) => p.id === id)?.label ?? id);
      stand.services = needed.flatMap((id) => services.get(id) ?? []);
      // Keep the frame's box so the page does not move; CSSOM, not a style attribute, so a strict CSP allows it.
      const box = frame.getBoundingClientRect();
      const width = box.width || Number(frame.width) || 300;
      const height = box.height || Number(frame.height) || 150;
      stand.style.width = `${width}px`;
      stand.style.aspectRatio = `${width} / ${height}`;
      // Its own styles arrive with the panel's file (issue #15): until then an unknown element is
      // inline, and its box would collapse and move the page. The box of its own styles, given back
      // once defined, so that a site's stylesheet can change it.
      if (!customElements.get('cid-consent-placeholder')) {
        stand.style.display = 'inline-flex';
        stand.style.verticalAlign = 'top';
        void customElements.whenDefined('cid-consent-placeholder').then(() => {
          stand.style.removeProperty('display');
          stand.style.removeProperty('vertical-align');
        });
      }
      frame.style.display = 'none';
      frame.before(stand);
      return () => {
        stand.remove();
        frame.style.removeProperty('display');
      };
    },
  });
  const receipts = config.receiptUrl
    ? {
        outbox: createOutbox(new URL(config.receiptUrl, location.href).href, localStorageOrNothing(), log),
        context: { notice: buildNotice(texts, purposes, location.href, links), gpc, lang, location, now: options.now ?? Date.now },
      }
    : undefined;
  return { config, texts, purposes, gpc, manager, runtime, view, banner, panel, gate, receipts, log };
}

/**
 * Runs `then` once the panel and placeholder elements are defined: at once with the ES module;
 * in the script-tag build, once their sibling file has loaded (issue #15). A file that cannot load
 * is reported; the banner's own buttons keep working without it.
 */
export function whenPanel(log: Logger, then: () => void = () => {}): void {
  // `loadPanel` rejects with an Error only. Every caller waiting on one attempt gets the same one:
  // it is said once.
  loadPanel().then(then, (error: Error) => {
    if (reported.has(error)) return;
    reported.add(error);
    log.error(`${TAG} the preferences panel could not load: ${error.message}`);
  });
}

const reported = new WeakSet<Error>();

/** Once decided, the panel shows the visitor their consent id and its date, so they can cite it (issue #12). */
export function showDecision(panel: Widget['panel'], { decided, id, updatedAt }: ConsentState): void {
  panel.consentId = decided ? (id ?? undefined) : undefined;
  panel.decidedAt = decided ? (updatedAt ?? undefined) : undefined;
}

/** The first language, among elements the page placed itself, that we have (`en-GB` is `en`). */
const ownLang = (...elements: (Element | null)[]): Lang | undefined =>
  elements.map((element) => element?.getAttribute('lang')?.slice(0, 2).toLowerCase()).find((lang) => lang === 'fr' || lang === 'en') as Lang | undefined;

/**
 * The page's own element when it placed one (CONTRACT §9), else a new one. The page's `theme`,
 * `position` and `lang` win: the config's fill in only what it left unset, or a language we do not
 * have (issue #19, item 13).
 */
function placeElement<K extends 'cid-consent-banner' | 'cid-consent-preferences' | 'cid-consent-placeholder'>(
  tag: K,
  config: ResolvedConfig,
  texts: Texts,
  reuse = true,
): HTMLElementTagNameMap[K] {
  const element = (reuse && document.querySelector(tag)) || document.createElement(tag);
  element.texts = texts;
  if (!element.hasAttribute('theme')) element.setAttribute('theme', config.theme);
  if (tag === 'cid-consent-banner' && !element.hasAttribute('position')) element.setAttribute('position', config.position);
  if (!ownLang(element)) element.setAttribute('lang', config.lang);
  return element;
}

/**
 * Puts the banner and the panel in the page once it is parsed: at the end of `<body>`, or, where
 * the page placed its own after a blocking tag had started the widget (after `placeElement`
 * looked), in their place, with all their attributes but `open` (the widget's to set): there is
 * never a second banner. The language of the page's elements becomes theirs, texts and all
 * (issue #19, item 13); placeholders keep the config's, which the page around them is in.
 */
export function placeInPage(widget: Widget): void {
  const elements = [widget.banner, widget.panel];
  const own = elements.map((element) => (element.isConnected ? element : document.querySelector(element.localName)));
  const lang = ownLang(...own) ?? widget.config.lang;
  if (lang !== widget.config.lang) speak(widget, lang);
  elements.forEach((element, i) => {
    const placed = own[i];
    if (placed !== element) {
      for (const { name, value } of placed?.attributes ?? []) {
        if (name !== 'open') element.setAttribute(name, value);
      }
      if (placed) placed.replaceWith(element);
      else document.body.append(element);
    }
    if (ownLang(element) !== lang) element.setAttribute('lang', lang);
  });
}

/** The banner, the panel and the receipts' notice in the language of the page's elements. */
function speak(widget: Widget, lang: Lang): void {
  const { config, banner, panel, receipts } = widget;
  const texts = resolveTexts(lang, config.texts[lang], widget.log);
  const purposes = viewPurposes(config.purposes, texts, lang);
  Object.assign(widget, { texts, purposes });
  banner.texts = texts;
  Object.assign(panel, { texts, purposes });
  if (receipts) receipts.context = { ...receipts.context, notice: buildNotice(texts, purposes, location.href, config), lang };
}
