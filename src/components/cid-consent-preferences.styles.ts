import { css } from 'lit';

export const preferencesStyles = css`
  dialog {
    box-sizing: border-box;
    width: min(100% - 1.5rem, var(--cid-consent-max-width, 40rem));
    max-height: calc(100% - 1.5rem);
    padding: calc(var(--_gap) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    /* Long words (the contact address) wrap rather than scroll sideways (WCAG 2.2 SC 1.4.12 Text Spacing). */
    overflow-wrap: anywhere;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_gap);
  }
  [data-action='close'] {
    flex: none;
    min-width: 2.75rem;
    padding: 0;
    border-color: var(--_border);
    background: transparent;
    color: var(--_fg);
    font-size: 1.5rem;
    line-height: 1;
  }
  ul {
    margin: 0 0 var(--_gap);
    padding: 0;
    list-style: none;
  }
  li {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    font-weight: 600;
  }
  /*
   * Every target a pointer can hit is 24 CSS px high at least, even where a page's small root font
   * size shrinks our rem (WCAG 2.2 SC 2.5.8 Target Size): a label clicks its checkbox.
   */
  label,
  a {
    min-height: 24px;
  }
  a {
    display: inline-block;
  }
  input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_ink);
  }
  /* Always ticked, and looks it: the click is cancelled (see isRequired in the element). */
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  small {
    margin-left: auto;
    color: var(--_muted);
    font-weight: 400;
  }
  li p,
  li ul {
    margin: 0.25rem 0 0 2rem;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  li li {
    padding: 0;
    border: 0;
  }
  /* A service with its own toggle: a lighter line under its purpose, its policy link on a line of its own below its name. */
  [part~='service'] {
    padding: 0.25rem 0;
  }
  [part~='service'] label {
    font-weight: 400;
    color: var(--_fg);
  }
  [part~='service'] a {
    margin-left: 2rem;
  }
  [part='consent-id'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
