/**
 * The order of the widget's side effects, in one place. Start-up is one
 * ordered sequence; each change of consent runs one pipeline of named steps.
 * Every step is a plain function of the widget (and of the change), testable
 * alone; one step that throws is reported and does not stop the others.
 */
import type { ChangeOrigin, DecisionMethod } from '../core/api.js';
import type { ConsentActionDetail } from '../core/events.js';
import { TAG, describe } from '../core/logger.js';
import { changesConsent, type TabMessage } from '../core/manager.js';
import { drainQueue } from '../core/queue.js';
import type { ConsentChange } from '../core/types.js';
import { pushToDataLayer, startConsentMode, type TagWindow } from '../gating/consent-mode.js';
import { deleteCookies } from '../gating/cookies.js';
import { listenToOpenLinks } from '../gating/open-links.js';
import { buildReceipt, oversizedNotice } from '../receipts/receipt.js';
import { GPC_REFUSES } from '../core/purposes.js';
import { fillDeclarations, updateDeclarations } from './declarations.js';
import { settlePanelRequest, showDecision, whenPanel } from './preferences.js';
import { arriveFromSister, linkSisterSites } from './sisters.js';
import { placeInPage, type Widget } from './widget.js';

export type StartStep = (widget: Widget) => void;
export type ChangeStep = (widget: Widget, change: ConsentChange, origin: ChangeOrigin) => void;

// ---- Start-up -------------------------------------------------------------------------------

/** Consent Mode's `default` must reach Google's tags before any of them runs: synchronously, first. */
export function sendConsentModeDefault(widget: Widget): void {
  if (widget.config.googleConsentMode) widget.updateConsentMode = startConsentMode(window as TagWindow);
}

/**
 * The API goes live before anything runs: gated scripts that the gating step
 * runs, and `ready` listeners, may already call `window.CidConsent`.
 */
export function connectApi({ runtime, manager, view, gpc }: Widget): void {
  window.CidConsent = runtime.api;
  runtime.attach(manager, view, gpc ? GPC_REFUSES : []);
}

/**
 * The stored state reaches Google and GTM before `ready`: a `ready` listener
 * that decides sends its own signals after these, so the last word is always
 * the current state. Any stored record sends its update, a placeholder's grant
 * before a decision too: the page where it was granted sent one, and the same
 * state gives the same signals on every page (the scripts it allows run).
 */
export function sendStateSignals({ manager, updateConsentMode }: Widget): void {
  const state = manager.state;
  if (state.id !== null) updateConsentMode?.(state);
  pushToDataLayer(window as TagWindow, state);
}

export function runGate({ gate }: Widget): void {
  gate();
}

/**
 * The widget's own elements ask for decisions through `cid-consent-action`; links are heard too, and
 * other tabs: where BroadcastChannel is missing, or a frozen tab missed a message, storage is read
 * again each time the tab is shown (the channel itself opens after the first paint).
 */
export function listen(widget: Widget): void {
  const { runtime } = widget;
  document.addEventListener('cid-consent-action', (event) => onAction(widget, event));
  listenToOpenLinks(runtime.api.show);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') runtime.receive();
  });
}

export function announceReady({ runtime }: Widget): void {
  runtime.ready();
}

/**
 * Elements need `<body>`: they are placed once the document is parsed, in the place of those the
 * page placed itself after a blocking tag (CONTRACT §9, `placeInPage`).
 */
export function placeElements(widget: Widget): void {
  whenParsed(() => {
    placeInPage(widget);
    // A cookie-policy page's declaration (issue #24): the page's own element, filled and its file loaded.
    fillDeclarations(widget);
  });
}

export function drainCallQueue({ runtime, log }: Widget): void {
  drainQueue(window, runtime.api, log);
}

/**
 * A notice so large that its receipts would be refused is said once, at the end of start-up (not
 * before the banner: nothing on the page waits for it), rather than by receipts refused later.
 */
export function checkReceiptSize({ receipts, log }: Widget): void {
  const oversized = receipts && oversizedNotice(receipts.context.notice);
  if (oversized) {
    log.warn(`${TAG} config.purposes: the notice of a receipt is ${oversized} bytes, too close to the receiver's 16 KB limit: shorten the texts or descriptions, or receipts will be refused.`);
  }
}

/** Receipts that earlier pages could not deliver go again, last: nothing on the page waits for them. */
export function resendReceipts({ receipts }: Widget): void {
  void receipts?.outbox.flush();
}

/**
 * The panel and the placeholder load once the banner has been painted, so that they never delay
 * it (issue #15) and are there by the time a visitor asks for them.
 */
export function loadPanelElements({ log }: Widget): void {
  whenPanel(log);
}

/**
 * The channel to the site's other tabs, opened on first use: opening it costs a round trip to the
 * browser that the first paint need not wait for (issue #15). `v2`: 0.1 sent the bare value on
 * `cid-consent:<name>` and read anything else as a reset; during a rolling deploy, its open tabs
 * must not hear 0.2's messages.
 */
export function tabChannel(widget: Widget): BroadcastChannel | undefined {
  if (!widget.channel && 'BroadcastChannel' in window) {
    const channel = new BroadcastChannel(`cid-consent:v2:${widget.config.cookie.name}`);
    channel.onmessage = ({ data }: MessageEvent<TabMessage>) => widget.runtime.receive(isTabMessage(data) ? data : undefined);
    widget.channel = channel;
  }
  return widget.channel;
}

/**
 * Another tab's decisions are heard at once from now on; one taken before the channel opened is
 * read from storage.
 */
export function listenToOtherTabs(widget: Widget): void {
  tabChannel(widget);
  widget.runtime.receive();
}

/** What nothing before the banner's first paint needs, in this order. */
export const AFTER_FIRST_PAINT: StartStep[] = [listenToOtherTabs, loadPanelElements, checkReceiptSize, resendReceipts, linkSisterSites];

/**
 * Runs AFTER_FIRST_PAINT in the task after the first frame that shows the elements: the script
 * that runs before the banner is visible is the first layer's only (issue #15). A tab opened in
 * the background paints no frame: they wait until it is shown; what a visitor or another tab asks
 * for meanwhile (the panel, telling other tabs) opens on demand.
 */
export function afterFirstPaint(widget: Widget): void {
  whenParsed(() => requestAnimationFrame(() => setTimeout(() => runSteps(AFTER_FIRST_PAINT, widget.log, widget))));
}

/** Start-up, in this order (CONTRACT §7: the Consent Mode default precedes every gated script). */
export const START_UP: StartStep[] = [
  sendConsentModeDefault,
  connectApi,
  arriveFromSister,
  sendStateSignals,
  runGate,
  listen,
  announceReady,
  placeElements,
  drainCallQueue,
  afterFirstPaint,
];

// ---- Each change --------------------------------------------------------------------------

/**
 * The banner closes on a decision (also where it was opened again for a visitor who had decided)
 * and comes back on a reset; a placeholder's grant alone leaves it as it is. A pending opening of
 * the panel is over: it must not pop up after the decision (issue #19). The panel's consent id and
 * date follow the decision.
 */
export function updateElements(widget: Widget, { state, previous }: ConsentChange): void {
  const { banner, panel } = widget;
  settlePanelRequest(widget);
  // A decision ends the first layer opened in the panel's place; after a reset the visitor is asked again, with no "Fermer".
  if (state.decided || previous.decided) banner.closable = false;
  if (state.decided) banner.open = false;
  else if (previous.decided) banner.open = true;
  showDecision(panel, state);
}

/**
 * Google's tags read the update before any script this change lets run. The same choices confirmed
 * again send nothing: a `cid_consent_update` push would fire the tags of GTM triggers a second time.
 */
export function sendSignals({ updateConsentMode }: Widget, change: ConsentChange): void {
  if (!changesConsent(change)) return;
  updateConsentMode?.(change.state);
  pushToDataLayer(window as TagWindow, change.state);
}

export function gateChange({ gate }: Widget): void {
  gate();
}

/**
 * Each revoked purpose's and service's own `cookies` (CONTRACT §8); a revoked
 * purpose also takes those of its services that cannot be chosen alone (no
 * `id`): they were granted only with it.
 */
export function deleteRevokedCookies({ config }: Widget, { revoked }: ConsentChange): void {
  const declared = config.purposes.flatMap((p) => [p, ...(p.services ?? [])]);
  for (const id of revoked) {
    const purpose = config.purposes.find((p) => p.id === id);
    const withoutId = (purpose?.services ?? []).filter((service) => !service.id);
    const patterns = [declared.find((entry) => entry.id === id), ...withoutId].flatMap((entry) => entry?.cookies ?? []);
    if (patterns.length) deleteCookies(patterns, config.cookie.domain);
  }
}

/**
 * Only decisions taken in this page go to the other tabs: one received from
 * another tab is never sent on, or two tabs deciding at once would echo each
 * other forever. A decision the browser did not store stays in this page.
 */
export function tellOtherTabs(widget: Widget, change: ConsentChange, origin: ChangeOrigin): void {
  if (!origin.remote && change.stored) tabChannel(widget)?.postMessage(widget.manager.message);
}

/**
 * A decision taken in this page is sent as a proof-of-consent receipt once
 * applied, never delaying it (CONTRACT §10); one received from another tab was
 * sent by that tab.
 */
export function sendReceipt({ receipts }: Widget, change: ConsentChange, origin: ChangeOrigin): void {
  if (!receipts || origin.remote) return;
  const receipt = buildReceipt(change, origin.method, receipts.context);
  if (receipt) void receipts.outbox.send(JSON.stringify(receipt));
}

/** Scripts that already ran keep running until the page reloads; a site may prefer a clean slate. */
export function reloadOnRevoke({ config }: Widget, { previous, revoked }: ConsentChange): void {
  if (config.reloadOnRevoke && previous.decided && revoked.length) location.reload();
}

/** Each change, in this order. */
export const ON_CHANGE: ChangeStep[] = [
  updateElements,
  updateDeclarations,
  sendSignals,
  gateChange,
  deleteRevokedCookies,
  tellOtherTabs,
  sendReceipt,
  reloadOnRevoke,
];

// ---- Running them -------------------------------------------------------------------------

/** Runs steps in order; one that throws is reported by name and the next ones still run. */
export function runSteps<A extends unknown[]>(steps: ((...args: A) => void)[], log: Widget['log'], ...args: A): void {
  for (const step of steps) {
    try {
      step(...args);
    } catch (error) {
      log.error(`${TAG} ${step.name} failed: ${describe(error)}`);
    }
  }
}

/** Starts a built widget: every change goes through ON_CHANGE, then START_UP runs. */
export function startWidget(widget: Widget): void {
  widget.view.changed = (change, origin) => runSteps(ON_CHANGE, widget.log, widget, change, origin);
  runSteps(START_UP, widget.log, widget);
}

// ---- Helpers ------------------------------------------------------------------------------

/** Which element asked, for the receipt's `method` (CONTRACT §10). */
const SOURCES: Record<string, 'banner' | 'panel' | 'placeholder'> = {
  'cid-consent-banner': 'banner',
  'cid-consent-preferences': 'panel',
  'cid-consent-placeholder': 'placeholder',
};

/**
 * A visitor's action in one of our elements. The event is dispatched on the
 * page's document, so a page could dispatch one too: anything but our five
 * actions is ignored, and choices must be an object.
 */
function onAction({ runtime, banner, texts }: Widget, event: CustomEvent<ConsentActionDetail>): void {
  const { action, choices } = event.detail ?? {};
  const source = SOURCES[(event.target as Element | null)?.localName ?? ''] ?? 'panel';
  if (action === 'customize') runtime.api.show();
  else if (action === 'close') runtime.api.hide();
  else if (action === 'accept-all' || action === 'reject-all' || action === 'save') {
    if (action !== 'save') runtime.decide(action, source === 'placeholder' ? 'placeholder' : (`${source}-${action}` as DecisionMethod));
    else runtime.decide(Object(choices ?? {}), source === 'placeholder' ? 'placeholder' : 'panel-save');
    // Every decision the visitor takes is announced, even one that changes nothing (saving the same
    // choices again), at once, in the live region the banner has held since start-up: WCAG 4.1.3
    // Status Messages (issue #19).
    banner.announce(texts['panel.saved']);
  }
}

const isTabMessage = (data: unknown): data is TabMessage =>
  typeof data === 'object' &&
  data !== null &&
  Number.isFinite((data as TabMessage).at) &&
  ((data as TabMessage).value === null || typeof (data as TabMessage).value === 'string');

function whenParsed(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}
