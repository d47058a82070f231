import { css } from 'lit';

export const bannerStyles = css`
  :host {
    position: fixed;
    inset: auto 0 0;
    z-index: var(--cid-consent-z-index, 2147483000);
    display: flex;
    justify-content: center;
    padding: 0.75rem;
    pointer-events: none;
  }
  :host(:not([open])) {
    display: none;
  }
  :host([position='center']) {
    inset: 0;
    align-items: center;
  }
  section {
    box-sizing: border-box;
    width: 100%;
    max-width: var(--cid-consent-max-width, 60rem);
    max-height: calc(100vh - 1.5rem);
    overflow: auto;
    padding: calc(var(--_gap) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.2);
    pointer-events: auto;
  }
  p {
    color: var(--_muted);
  }
`;
