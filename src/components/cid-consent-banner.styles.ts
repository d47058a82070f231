import { css } from 'lit';

/*
 * Declarations on :host are !important: page styles beat a shadow root's
 * :host rules otherwise, and a site-wide `* { all: unset }` or `div, section
 * { position: static }` must not pull the banner into the page flow.
 */
export const bannerStyles = css`
  :host {
    position: fixed !important;
    inset: auto 0 0 !important;
    z-index: var(--cid-consent-z-index, 2147483000) !important;
    display: flex !important;
    justify-content: center !important;
    box-sizing: border-box !important;
    padding: 0.75rem !important;
    pointer-events: none !important;
  }
  :host(:not([open])) {
    display: none !important;
  }
  :host([manage]:not([open])) {
    display: block !important;
    inset: auto auto 0 0 !important;
  }
  :host([position='center'][open]) {
    inset: 0 !important;
    align-items: center !important;
  }
  section {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    width: 100%;
    max-width: var(--cid-consent-max-width, 60rem);
    /* On a small screen the text scrolls, never the buttons: all three stay in view. */
    max-height: calc(100vh - 1.5rem);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.2);
    pointer-events: auto;
  }
  p {
    min-height: 2.5em;
    overflow: auto;
    color: var(--_muted);
  }
  [part~='manage'] {
    flex: none;
    min-height: 2.5rem;
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
    pointer-events: auto;
  }
`;
