/**
 * Where keyboard focus goes when the widget element that held it goes away
 * (WCAG 2.2 SC 2.4.3 Focus Order): back to where the visitor was before
 * entering the widget, else to the start of the page's main content; never
 * to `<body>`, where a keyboard or screen-reader user would start over.
 */

/** Whether an event went through one of our elements (they all are `cid-consent-*`). */
export const fromWidget = (event: Event) =>
  event.composedPath().some((node) => (node as Element).localName?.startsWith('cid-consent-'));

/** The focused element, looking through open shadow roots (our buttons live in them). */
export function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}

/**
 * The last element focused outside the widget, kept on the document under a shared symbol: the
 * script-tag build has this module twice (the banner's file and the panel's, issue #15), and the
 * panel's copy starts listening only when its file arrives, after the visitor may have moved.
 */
const LAST = Symbol.for('cid-consent.last-focus.v1');
type FocusRecord = { [LAST]?: HTMLElement };
const record = (): FocusRecord => document as unknown as FocusRecord;

// Not where there is no document: a server imports this module to render the page (issue #10).
if (typeof document !== 'undefined' && !(LAST in document)) {
  record()[LAST] = undefined;
  document.addEventListener(
    'focusin',
    (event) => {
      if (!fromWidget(event)) record()[LAST] = event.composedPath()[0] as HTMLElement;
    },
    true,
  );
}

/** Focuses `element` if it can take focus; says whether it did. */
function tryFocus(element: HTMLElement | undefined, options?: FocusOptions) {
  if (!element?.isConnected || element === document.body) return false;
  element.focus(options);
  return deepActiveElement() === element;
}

/**
 * Gives focus to `preferred` (e.g. the button that opened the panel) when it is still there,
 * else to the last element focused outside the widget, else to the start of the main content:
 * `main`, else `[role=main]`, else the first `h1`, made focusable (tabindex="-1") only if needed.
 */
export function giveFocusBack(preferred?: HTMLElement): void {
  if (tryFocus(preferred) || tryFocus(record()[LAST])) return;
  const start =
    document.querySelector<HTMLElement>('main') ??
    document.querySelector<HTMLElement>('[role=main]') ??
    document.querySelector<HTMLElement>('h1') ??
    undefined;
  // No scrolling to it: a mouse user who decided further down the page stays where they were.
  if (!start || tryFocus(start, { preventScroll: true })) return;
  start.tabIndex = -1;
  tryFocus(start, { preventScroll: true });
}
