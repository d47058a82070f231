import { css } from './css.js';

/**
 * Written once, applied by `theme="dark"` and by `theme="auto"` in a dark system theme. `--_on`:
 * the text on the default accent where the browser cannot derive it (`derived` below). `--_k`,
 * `--_b`: `--_ink` goes towards white until its luminance is .2 at least, 3.7:1 on this background
 * (the light theme's: towards black, .25 at most, 3.5:1 on white).
 */
const darkTokens = css`
  --_bg: var(--cid-consent-bg, #1c2430);
  --_fg: var(--cid-consent-fg, #f1f4f8);
  --_muted: var(--cid-consent-muted, #c5ccd6);
  --_accent: var(--cid-consent-accent, #8cc4f5);
  --_on: var(--cid-consent-accent-fg, #0c1b2a);
  --_border: var(--cid-consent-border, #4a5568);
  --_k: 1;
  --_b: .2;
`;

/**
 * Colours derived from whatever accent a site sets (issue #19, item 12), with CSS relative colour
 * syntax (Chrome 119, Safari 16.4, Firefox 128), in CIE XYZ, whose `y` is exactly the relative
 * luminance WCAG uses (D65 white: .9505 1 1.089).
 * - `--_on`, the text on the accent: white below a luminance of .179, black above, which always
 *   gives at least 4.58:1 (WCAG 2.2 SC 1.4.3).
 * - `--_ink`, the checkboxes and the buttons' edges: the accent moved towards black (`--_k: 0`,
 *   light theme) or white (`--_k: 1`, dark theme) by the fraction `clamp(…)` that brings its
 *   luminance to `--_b`, 0 when it is already there, chromaticity kept: 3:1 or more against the
 *   theme's background (SC 1.4.11).
 * Set on the elements that use them (the accent they come from is inherited from the host), they
 * win over `--cid-consent-accent-fg`, which no longer has a say where they can be computed: a
 * pair the site chose could fall under 4.5:1, and CSS cannot compare two colours. Older browsers
 * keep it, or the theme's default, and the accent itself as ink.
 */
const derived = css`
  @supports (color: color(from red xyz-d65 clamp(0, y/z, 1) y z)) {
    button,
    input {
      --_on: color(from var(--_accent) xyz-d65 clamp(0, (.179 - y)*1e9, .9505) clamp(0, (.179 - y)*1e9, 1) clamp(0, (.179 - y)*1e9, 1.089));
      --_ink: color(
        from var(--_accent) xyz-d65
        calc(x + clamp(0, (y - var(--_b))/(y - var(--_k)), 1)*(.9505*var(--_k) - x))
        calc(y + clamp(0, (y - var(--_b))/(y - var(--_k)), 1)*(var(--_k) - y))
        calc(z + clamp(0, (y - var(--_b))/(y - var(--_k)), 1)*(1.089*var(--_k) - z))
      );
    }
  }
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
    --_on: var(--cid-consent-accent-fg, #fff);
    --_ink: var(--_accent);
    --_border: var(--cid-consent-border, #c5ccd6);
    --_k: 0;
    --_b: .25;
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
  ${derived}
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
    border: 2px solid var(--_ink);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  /*
   * The focus ring is the text colour, whatever the accent (WCAG 2.2 SC 1.4.11, 2.4.13): 4.5:1 on
   * our background, which shows in the gap inside it.
   */
  :focus-visible {
    outline: 3px solid var(--_fg);
    outline-offset: 2px;
  }
`;
