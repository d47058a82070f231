import { css } from './css.js';

export const placeholderStyles = css`
  :host {
    display: inline-flex;
    box-sizing: border-box;
    max-width: 100%;
    vertical-align: top;
    align-items: center;
    justify-content: center;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    text-align: center;
    /* A long name (a provider's domain) wraps rather than push the box off a small screen (WCAG 2.2 SC 1.4.10). */
    overflow-wrap: anywhere;
  }
  div {
    max-width: 32rem;
  }
  button {
    flex: 0 1 auto;
  }
  .actions {
    justify-content: center;
  }
  [data-action='customize'] {
    border-color: transparent;
    background: transparent;
    color: var(--_fg);
    text-decoration: underline;
  }
`;
