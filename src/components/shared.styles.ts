import { css } from './css.js';

/** Written once, applied by `theme="dark"` and by `theme="auto"` in a dark system theme. */
const darkTokens = css`
  --_bg: var(--cid-consent-bg, #1c2430);
  --_fg: var(--cid-consent-fg, #f1f4f8);
  --_muted: var(--cid-consent-muted, #c5ccd6);
  --_accent: var(--cid-consent-accent, #8cc4f5);
  --_accent-fg: var(--cid-consent-accent-fg, #0c1b2a);
  --_border: var(--cid-consent-border, #4a5568);
`;

/**
 * Tokens and buttons shared by the banner and the panel. Every colour is a
 * `--cid-consent-*` custom property with a default, so a site themes the
 * widget from its own stylesheet without reaching into the shadow roots.
 * Accept and reject share one button style: the CNIL asks that refusing be
 * as visible as accepting (CNIL recommendation, délibération n° 2020-092).
 */
export const sharedStyles = css`
  :host {
    --_bg: var(--cid-consent-bg, #fff);
    --_fg: var(--cid-consent-fg, #1c2430);
    --_muted: var(--cid-consent-muted, #4a5568);
    --_accent: var(--cid-consent-accent, #0b4f8a);
    --_accent-fg: var(--cid-consent-accent-fg, #fff);
    --_border: var(--cid-consent-border, #c5ccd6);
    --_radius: var(--cid-consent-radius, 8px);
    --_gap: var(--cid-consent-spacing, 1rem);
    font: var(--cid-consent-font, 400 1rem/1.5 system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
    line-height: 1.3;
  }
  p {
    margin: 0 0 var(--_gap);
  }
  a {
    color: inherit;
    text-underline-offset: 0.2em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    flex: 1 1 10rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-fg);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button:focus-visible {
    outline-color: var(--_fg);
  }
`;
