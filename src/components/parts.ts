// The Lit twins of ./dom.ts, for the elements that load with Lit (the panel, the placeholder).
// Return types named from 'lit': inferred ones would make the .d.ts import lit-html, which is not our dependency.
import { html, type TemplateResult } from 'lit';
import { isSafeUrl } from '../core/config.js';
import type { Texts } from '../i18n/index.js';

export { actionOf } from './dom.js';

/** One look for every action button: refusing must never look smaller than accepting. */
export const button = (action: string, part: string, label: string): TemplateResult =>
  html`<button type="button" part="button ${part}" data-action=${action}>${label}</button>`;

/** The policy links; a URL set by hand on an element is checked again, as the config's is. */
export const link = (part: string, url: string | undefined, label: string): TemplateResult | '' =>
  isSafeUrl(url) && url ? html`<a part=${part} href=${url}>${label}</a>` : '';

export const policyLinks = (t: Texts, policyUrl?: string, cookiePolicyUrl?: string): TemplateResult =>
  html`${link('policy-link', policyUrl, t['link.policy'])} ${link('cookie-policy-link', cookiePolicyUrl, t['link.cookies'])}`;
