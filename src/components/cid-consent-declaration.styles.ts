import { css } from 'lit';

/**
 * The declaration sits in the site's page, not over it: no box of its own, the page's width. Tables’
 * cells wrap so that they fit a 320 px screen (WCAG 2.2 SC 1.4.10 Reflow); printed, the button goes and tables are whole.
 */
export const declarationStyles = css`
  /* Its own background: in the dark theme its light text must not fall on the page's light one (SC 1.4.3). */
  :host {
    display: block;
    overflow-wrap: break-word;
    background: var(--_bg);
    container-type: inline-size;
  }
  h3 {
    margin: calc(var(--_gap) * 1.5) 0 0.5rem;
    font-size: 1.0625rem;
  }
  h4 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  ul {
    margin: 0 0 var(--_gap);
    padding-left: 1.25rem;
  }
  [part~='basis'] {
    color: var(--_muted);
  }
  /* Cells wrap, cookie names anywhere, so that five columns still fit at 320 px (SC 1.4.10) without a scroller to reach by keyboard. */
  table {
    width: 100%;
    border-collapse: collapse;
  }
  table {
    margin-bottom: var(--_gap);
  }
  caption {
    padding-bottom: 0.25rem;
    font-weight: 600;
    text-align: start;
  }
  th,
  td {
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: color-mix(in srgb, var(--_border) 35%, transparent);
  }
  /* Cookie names are long and unbroken (VISITOR_INFO1_LIVE): they may break anywhere, words may not. */
  code {
    font-size: 0.9375em;
    overflow-wrap: anywhere;
  }
  button {
    flex: none;
  }
  /* Narrow (a phone, 400 % zoom): five columns fit only if words may break too (SC 1.4.10). */
  @container (max-width: 36rem) {
    th,
    td {
      padding: 0.25rem;
      overflow-wrap: anywhere;
      hyphens: auto;
    }
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    [part~='manage'] {
      display: none;
    }
    tr {
      break-inside: avoid;
    }
    a[href]::after {
      content: ' (' attr(href) ')';
    }
  }
`;
