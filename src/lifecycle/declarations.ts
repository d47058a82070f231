/**
 * The steps that fill the page's `<cid-consent-declaration>` elements (issue #24): the widget hands
 * them its resolved configuration and the visitor's state, once the page is parsed and on each change.
 */
import { TAG, describe } from '../core/logger.js';
import { loadDeclaration } from './declaration.js';
import type { Widget } from './widget.js';

const declarations = () => document.querySelectorAll('cid-consent-declaration');

/**
 * Each declaration of the page gets the configuration and the state; its file loads (script-tag
 * build) only where there is one. Properties set before the element is defined are kept by Lit.
 */
export function fillDeclarations({ config, manager, log }: Widget): void {
  const found = declarations();
  if (!found.length) return;
  for (const element of found) Object.assign(element, { config, state: manager.state });
  loadDeclaration().catch((error: unknown) => log.warn(`${TAG} ${describe(error)}`));
}

/** A change shows in every declaration at once (the visitor's choices, consent id and date). */
export function updateDeclarations({ manager }: Widget): void {
  for (const element of declarations()) element.state = manager.state;
}
