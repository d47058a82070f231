/**
 * Opening and closing the preferences panel (`CidConsent.show()` / `hide()`, "Personnaliser", the
 * footer link, the manage button, a placeholder's "Gérer mes cookies"). In the script-tag build the
 * panel lives in a second file (issue #15), which may be slow, blocked or missing; withdrawing must
 * never depend on it (CNIL: withdrawing as easy as giving; CONTRACT §8, issue #19). So, asked for
 * before that file is here:
 * 1. at once, the first layer shows (opened again for a visitor who has decided, with a close
 *    button): it says the panel is coming, tells assistive technology, and its "accept all" /
 *    "reject all" already work without the file;
 * 2. when the file arrives, the panel opens with the state in force then, only if the request still
 *    stands (no decision taken meanwhile, no later `hide()`) and the visitor is still where they
 *    asked for it: a modal dialog never takes focus from a field they went on to type in;
 * 3. when it cannot be had, the first layer stays, says so, and "Personnaliser" asks again.
 */
import { deepActiveElement } from '../components/focus-return.js';
import { TAG, type Logger } from '../core/logger.js';
import { prefill } from '../core/prefill.js';
import { GPC_REFUSES } from '../core/purposes.js';
import type { ConsentState } from '../core/types.js';
import { loadPanel } from './panel.js';
import type { Widget } from './widget.js';

/** A pending opening: where focus was when the visitor asked, to know whether they are still there. */
export interface PanelRequest {
  asked?: Element;
  /** Where `asked` was then: the banner draws its buttons anew, and a node it took out is rooted in itself. */
  root?: Node;
}

export function openPreferences(widget: Widget): void {
  if (customElements.get('cid-consent-preferences')) {
    showPanel(widget);
    return;
  }
  const { banner, texts, log } = widget;
  const asked = deepActiveElement();
  const request: PanelRequest = { asked, root: asked?.getRootNode() };
  widget.panelRequest = request;
  if (!banner.open) {
    banner.open = true;
    banner.closable = true;
  }
  banner.panelStatus = 'loading';
  banner.announce(texts['panel.loading']);
  whenPanel(
    log,
    () => {
      if (widget.panelRequest !== request) return;
      widget.panelRequest = undefined;
      banner.panelStatus = undefined;
      if (!samePlace(request, deepActiveElement())) return;
      // The first layer opened only to stand in for the panel goes first: focus then returns to
      // where the visitor was, which the panel takes as the place to give it back on close.
      closeStandIn(widget);
      showPanel(widget);
    },
    () => {
      if (widget.panelRequest !== request) return;
      widget.panelRequest = undefined;
      banner.panelStatus = 'unavailable';
      banner.announce(texts['panel.unavailable']);
    },
  );
}

export function closePreferences(widget: Widget): void {
  widget.panel.open = false;
  settlePanelRequest(widget);
  closeStandIn(widget);
}

/** A decision, or `hide()`, ends a pending opening: the panel must not pop up after it. */
export function settlePanelRequest(widget: Widget): void {
  widget.panelRequest = undefined;
  widget.banner.panelStatus = undefined;
}

/** Closes the first layer where it was opened again only to stand in for the panel. */
function closeStandIn({ banner }: Widget): void {
  if (!banner.closable) return;
  banner.closable = false;
  banner.open = false;
}

/**
 * Opens the panel on the state in force now. Asked again after a new revision or expiry, what the
 * old choices prove the visitor saw and granted pre-fills the toggles, GPC's refusals and a
 * placeholder's grants on top (prefill.ts).
 */
function showPanel({ manager, panel, gpc }: Widget): void {
  const state = manager.state;
  panel.choices = prefill({ state, previous: manager.previous, layout: manager.layout, refusedByGpc: gpc ? GPC_REFUSES : [] });
  showDecision(panel, state);
  panel.open = true;
}

/**
 * Whether focus is where it was when the visitor asked: the same element, or none in both cases,
 * or a button of the same widget element asking for the same action (the banner draws its buttons
 * anew as it says "loading", and the manage button gives way to "customise" as it opens).
 */
function samePlace({ asked, root }: PanelRequest, now: Element | undefined): boolean {
  const idle = (element: Element | undefined) => !element || element === document.body;
  if (asked === now || (idle(asked) && idle(now))) return true;
  const action = asked?.getAttribute('data-action');
  return !!action && !!now && now.getRootNode() === root && now.getAttribute('data-action') === action;
}

/**
 * Runs `then` once the panel element is defined: at once with the ES module; in the script-tag
 * build, once its sibling file has loaded (issue #15). A file that cannot load is reported once
 * per attempt and `failed` runs; the next call asks for it again.
 */
export function whenPanel(log: Logger, then: () => void = () => {}, failed: () => void = () => {}): void {
  // `loadPanel` rejects with an Error only. Every caller waiting on one attempt gets the same one:
  // it is said once.
  loadPanel().then(then, (error: Error) => {
    failed();
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
