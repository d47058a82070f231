/**
 * Any element with `data-cid-consent-open` opens the preferences panel
 * (CONTRACT §8): on click, and on Enter or Space for elements that are not
 * buttons or links, so a `<span tabindex="0">` works from the keyboard too.
 * One listener on `document` also covers links added later.
 */
export function listenToOpenLinks(open: () => void): void {
  const trigger = (event: Event) => {
    const target = (event.target as Element | null)?.closest?.('[data-cid-consent-open]');
    if (!target) return;
    if (event instanceof KeyboardEvent) {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      if (target.matches('a[href], button') && !(target.matches('a') && event.key === ' ')) return;
    }
    event.preventDefault();
    open();
  };
  document.addEventListener('click', trigger);
  document.addEventListener('keydown', trigger);
}
