import { css } from 'lit';

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
