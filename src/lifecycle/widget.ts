import type { ConsentRuntime, ConsentView } from '../core/api.js';
import { parseConfig, type ResolvedConfig } from '../core/config.js';
import { TAG, type Logger } from '../core/logger.js';
import { ConsentManager, randomId } from '../core/manager.js';
import { cookieStorage, type ConsentStorage } from '../core/storage.js';
import type { ConsentConfig, ConsentState, Lang } from '../core/types.js';
import { createGate } from '../gating/gate.js';
import { resolveTexts, viewPurposes, type PurposeView, type Texts } from '../i18n/index.js';
import { createOutbox } from '../receipts/outbox.js';
import { buildNotice, inForce, type Notice, type ReceiptContext } from '../receipts/receipt.js';
import '../components/cid-consent-banner.js';
import '../components/cid-consent-placeholder.js';
import { giveFocusBack } from '../components/focus-return.js';
import { openPreferences, closePreferences, type PanelRequest } from './preferences.js';

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
  /** The panel was asked for before its file arrived, and will open when it does (issue #19). */
  panelRequest?: PanelRequest;
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
  if (config.sites.length && !config.sites.includes(location.origin)) {
    log.error(`${TAG} config.sites: expected this page's origin among them.`);
    config.sites = [];
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
  banner.sites = panel.sites = config.sites;

  const view: ConsentView = {
    show: () => openPreferences(widget),
    hide: () => closePreferences(widget),
    // Replaced by the change pipeline (steps.ts) when the widget starts.
    changed() {},
  };

  // Services that can be chosen alone, by id: a placeholder names them and their provider (CONTRACT §8).
  const services = new Map(
    config.purposes.flatMap((p) => (p.required ? [] : (p.services ?? [])).flatMap((s) => (s.id ? [[s.id, s] as const] : []))),
  );
  const gate = createGate({
    has: runtime.api.has,
    known: (id) => manager.knows(id),
    nonce: config.nonce,
    log,
    placeholder: (frame, needed) => placeholder(frame, needed),
  });
  const receipts = config.receiptUrl
    ? {
        outbox: outboxFor(new URL(config.receiptUrl, location.href), manager, log),
        context: receiptContext(noticeOf(texts, purposes, config, lang), {
          gpc,
          lang,
          location,
          now: options.now ?? Date.now,
        }),
      }
    : undefined;
  const widget: Widget = { config, texts, purposes, gpc, manager, runtime, view, banner, panel, gate, receipts, log };

  /**
   * What a blocked frame shows in its box (CONTRACT §8): the purposes or services it needs, by name,
   * and a button that grants them. A frame naming an id the site did not configure can never load:
   * it is named by its title (or host) and offers no "allow" (the gate says so in the console).
   */
  function placeholder(frame: HTMLIFrameElement, needed: string[]): () => void {
    const stand = placeElement('cid-consent-placeholder', config, texts, false);
    const grantable = needed.every((id) => manager.knows(id));
    stand.purposes = grantable ? needed : [];
    stand.labels = grantable
      ? needed.map((id) => services.get(id)?.name ?? purposes.find((p) => p.id === id)?.label ?? id)
      : [frame.title || hostOf(frame.getAttribute('data-src')) || needed.join(' ')];
    stand.services = grantable ? needed.flatMap((id) => services.get(id) ?? []) : [];
    // Keep the frame's box so the page does not move; CSSOM, not a style attribute, so a strict CSP allows it.
    const box = frame.getBoundingClientRect();
    const width = box.width || Number(frame.width) || 300;
    const height = box.height || Number(frame.height) || 150;
    stand.style.width = `${width}px`;
    stand.style.aspectRatio = `${width} / ${height}`;
    // The frame's own inline display, given back as it was when it loads (issue #19).
    const display = [frame.style.getPropertyValue('display'), frame.style.getPropertyPriority('display')] as const;
    frame.style.setProperty('display', 'none', 'important');
    frame.before(stand);
    // Whether the visitor was last in the placeholder, for when the page removes it with its frame:
    // the removal blurs it first (with no element to go to), which must not count as leaving it.
    let held = false;
    stand.addEventListener('focusin', () => {
      held = true;
    });
    stand.addEventListener('focusout', (event) => {
      if (event.relatedTarget) held = false;
    });
    return () => {
      // Granted, the placeholder is still in the page: focus is in it or not. Gone with its frame, it
      // had focus if the visitor was last in it and focus fell to <body>.
      const active = document.activeElement;
      const hadFocus = stand.isConnected ? !!stand.shadowRoot?.activeElement : held && (!active || active === document.body);
      stand.remove();
      if (display[0]) frame.style.setProperty('display', ...display);
      else frame.style.removeProperty('display');
      // The button pressed went with the placeholder (WCAG 2.2 SC 2.4.3): focus goes to the content it
      // let in, where the placeholder stood (no scrolling), or, when the frame has gone, back to where
      // the visitor was.
      if (!hadFocus) return;
      if (frame.isConnected) frame.focus({ preventScroll: true });
      else giveFocusBack();
    };
  }
  return widget;
}

/**
 * The receipts' outbox. On the page's own origin (the site's proxy), the answer to the receipt of the
 * decision in force sets the consent cookie by HTTP (CONTRACT §6): Safari and Brave keep such a cookie
 * its whole lifetime, and one written by script 7 days only.
 */
function outboxFor(url: URL, manager: ConsentManager, log: Logger) {
  const own = url.origin === location.origin;
  // Opened on first use, after the first paint or at a decision: the page's first touch of
  // localStorage is a round trip to the browser process that the banner need not wait for.
  const storage = {
    getItem: (key: string) => localStorageOrNothing()?.getItem(key) ?? null,
    setItem: (key: string, value: string) => localStorageOrNothing()?.setItem(key, value),
  };
  return createOutbox(url.href, storage, log, undefined, (body) => own && inForce(body, manager.state));
}

/**
 * How to build the notice of what this page shows, later: against the page's address now, which a
 * single-page app may change before the first receipt (relative links are made absolute with it).
 */
function noticeOf(texts: Texts, purposes: PurposeView[], config: ResolvedConfig, lang: Lang): () => Notice {
  const base = location.href;
  return () => buildNotice(texts, purposes, base, shownIn(config, lang));
}

/**
 * The receipts' context, its notice built on first use: by the first receipt, or after the first paint
 * (`checkReceiptSize`). The notice formats the choice's duration with Intl, whose first use in a page
 * loads the locale data (30 to 60 ms on our machines, issue #23): not before the banner shows. What it
 * holds is the same whenever it is built: texts, purposes and settings do not change in a page.
 */
function receiptContext(build: () => Notice, rest: Omit<ReceiptContext, 'notice'>): ReceiptContext {
  let notice: Notice | undefined;
  return {
    ...rest,
    get notice() {
      notice ??= build();
      return notice;
    },
  };
}

/** What the visitor is shown besides the texts and purposes, for the receipt's notice (CONTRACT §10). */
const shownIn = ({ policyUrl, cookiePolicyUrl, contactEmail, cookie, sites }: ResolvedConfig, lang: Lang) => ({
  policyUrl,
  cookiePolicyUrl,
  contactEmail,
  maxAgeDays: cookie.maxAgeDays,
  lang,
  sites,
});

/** The host a frame's `data-src` points to, to name a frame that has no title. */
function hostOf(src: string | null): string | undefined {
  try {
    return src ? new URL(src, location.href).host : undefined;
  } catch {
    return undefined;
  }
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
  if (receipts) {
    const { gpc, location: page, now } = receipts.context;
    receipts.context = receiptContext(noticeOf(texts, purposes, config, lang), { gpc, lang, location: page, now });
  }
}
