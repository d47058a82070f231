/**
 * The steps that fill the page's `<cid-consent-declaration>` elements (issue #24): the widget hands
 * them its resolved configuration and the visitor's state, once the page is parsed, whenever one is
 * added later, and on each change.
 */
import { TAG, describe } from '../core/logger.js';
import { loadDeclaration } from './declaration.js';
import type { Widget } from './widget.js';

/**
 * Live: a look at its length costs nothing on the pages (nearly all) that hold none. Taken on first
 * use, not on import: a server-side render imports this module where there is no document.
 */
let live: HTMLCollectionOf<Element> | undefined;
const declarations = () => (live ??= document.getElementsByTagName('cid-consent-declaration'));
/**
 * Those filled so far, detached ones included: a single-page app may keep a route's element while it is
 * out of the page and put it back later, and it must then show the choices of now.
 */
const filled = new Set<Element>();

/**
 * Each declaration not yet filled gets the configuration and the state; its file loads (script-tag
 * build) only once there is one. Properties set before the element is defined are kept by Lit.
 */
function fill({ config, manager, log }: Widget): void {
  let added = false;
  for (const element of declarations()) {
    if (filled.has(element)) continue;
    filled.add(element);
    Object.assign(element, { config, state: manager.state });
    added = true;
  }
  if (added) loadDeclaration().catch((error: unknown) => log.warn(`${TAG} ${describe(error)}`));
}

/**
 * The page's declarations, and those it adds later: a single-page app renders its cookie-policy
 * route long after the page was parsed.
 */
export function fillDeclarations(widget: Widget): void {
  fill(widget);
  new MutationObserver(() => {
    if (declarations().length) fill(widget);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/** A change shows in every declaration at once (the visitor's choices, consent id and date). */
export function updateDeclarations({ manager }: Widget): void {
  for (const element of filled) (element as HTMLElementTagNameMap['cid-consent-declaration']).state = manager.state;
}
