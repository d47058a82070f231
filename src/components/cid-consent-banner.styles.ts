import { css } from './css.js';

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
  /*
   * Closed, the host stays rendered, out of sight and out of the way: it holds the live region, which
   * display: none would take out of the accessibility tree (issue #19, WCAG 2.2 SC 4.1.3).
   */
  :host(:not([open]):not([manage])) {
    inset: auto auto 0 0 !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
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
    max-height: calc(100vh - 1.5rem);
    /* Long words (an address, a URL) wrap rather than push the box sideways (WCAG 2.2 SC 1.4.12). */
    overflow-wrap: anywhere;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.2);
    pointer-events: auto;
  }
  /*
   * On a small or zoomed screen the text scrolls, never the buttons: all three stay in view
   * (WCAG 2.2 SC 1.4.10 Reflow, down to 320×256 CSS px, a 1280×1024 screen at 400 %).
   */
  .scroll {
    flex: 0 1 auto;
    min-height: 2.5em;
    margin-bottom: var(--_gap);
    overflow: auto;
  }
  .actions {
    flex: none;
  }
  p {
    color: var(--_muted);
  }
  .scroll > :last-child {
    margin-bottom: 0;
  }
  @media (max-height: 30rem) {
    :host {
      padding: 0.25rem !important;
    }
    section {
      max-height: calc(100vh - 0.5rem);
      padding: 0.5rem;
    }
    .scroll {
      margin-bottom: 0.5rem;
    }
    button {
      min-height: 2.5rem;
      padding-block: 0.25rem;
    }
  }
  [part~='manage'] {
    flex: none;
    min-height: 2.5rem;
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
    pointer-events: auto;
  }
  /*
   * Over the page, a ring of our background fills the gap inside the focus ring: the two colours
   * differ by more than 9:1, so one of them stands out by 3:1 from any page (technique C40).
   */
  [part~='manage']:focus-visible {
    box-shadow: 0 0 0 2px var(--_bg), 0 2px 12px rgb(0 0 0 / 0.25);
  }
`;
