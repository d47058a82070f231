import { css } from 'lit';

/** Buttons, links and focus rings shared by the dashboard's elements. */
export const sharedStyles = css`
  :host { display: block; color: #1a1a1a; font: 1rem/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  a { color: #1f5fbf; }
  button, .button {
    font: inherit; display: inline-block; padding: 0.45rem 0.9rem; border-radius: 4px; cursor: pointer;
    background: #1f5fbf; color: #fff; border: 1px solid #1f5fbf; text-decoration: none;
  }
  button.secondary { background: #fff; color: #1f5fbf; }
  /* A visible focus everywhere (WCAG 2.4.7). */
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
    outline: 3px solid #1f5fbf; outline-offset: 2px;
  }
  .error { color: #b3261e; font-weight: 600; }
`;
