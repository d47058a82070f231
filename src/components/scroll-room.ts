import { fromWidget } from './focus-return.js';

/**
 * Keeps the page usable under a box fixed at the bottom of the screen (the
 * open banner, or the floating "manage cookies" button), for WCAG 2.2
 * SC 2.4.11 Focus Not Obscured (Minimum):
 * - scroll room as tall as the box is added after the end of the page, so its
 *   last content can be scrolled above the box;
 * - `scroll-padding-bottom` makes focus and anchor scrolling stop above it;
 * - a page element that takes focus behind the box is scrolled into view.
 * The rules go in a constructable stylesheet adopted by the document, never a
 * style attribute: a strict CSP (`style-src 'self'`) allows it. Room added
 * after the end of the content moves nothing on screen: no layout shift.
 * Returns the function that gives the room back.
 */
export function reserveRoom(box: HTMLElement): () => void {
  const root = document.documentElement;
  const sheet = new CSSStyleSheet();
  // The page's own padding is kept: ours goes on top of it. Read in the observer's first call, after
  // layout, where it costs nothing: read here, it would force a style pass before the banner's first
  // paint (issue #15); our sheet is still empty then.
  let own: number | undefined;
  const resize = new ResizeObserver(() => {
    own ??= parseFloat(getComputedStyle(root).paddingBottom) || 0;
    const height = Math.ceil(box.getBoundingClientRect().height);
    sheet.replaceSync(`:root{padding-bottom:${own + height}px;scroll-padding-bottom:${height}px}`);
  });
  const onFocus = (event: FocusEvent) => {
    const target = event.composedPath()[0] as Element;
    if (fromWidget(event) || !target.getBoundingClientRect) return;
    // After the browser's own scrolling to the focused element, which may leave it behind the box.
    requestAnimationFrame(() => {
      if (target.getBoundingClientRect().bottom > box.getBoundingClientRect().top) target.scrollIntoView({ block: 'nearest' });
    });
  };
  resize.observe(box);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.addEventListener('focusin', onFocus, true);
  return () => {
    resize.disconnect();
    document.removeEventListener('focusin', onFocus, true);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
