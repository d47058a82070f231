/**
 * The few DOM helpers the banner needs without Lit (it shows before Lit is loaded, issue #15).
 * Text always goes in as text nodes, never as markup: a site's texts cannot inject HTML.
 */
import { isSafeUrl } from '../core/config.js';
import type { Texts } from '../i18n/index.js';

/** The `data-action` of the button a click landed on, if any: one listener serves a row of buttons. */
export const actionOf = (event: Event) => (event.target as Element).closest('button')?.dataset.action;

export function element(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** One look for every action button: refusing must never look smaller than accepting. */
export const button = (action: string, part: string, label: string): HTMLElement =>
  element('button', { type: 'button', part: `button ${part}`, 'data-action': action }, label);

/** A policy link; a URL set by hand on an element is checked again, as the config's is. */
const link = (part: string, url: string | undefined, label: string): Node[] =>
  isSafeUrl(url) && url ? [element('a', { part, href: url }, label)] : [];

export const policyLinks = (t: Texts, policyUrl?: string, cookiePolicyUrl?: string): (Node | string)[] => [
  ...link('policy-link', policyUrl, t['link.policy']),
  ' ',
  ...link('cookie-policy-link', cookiePolicyUrl, t['link.cookies']),
];
