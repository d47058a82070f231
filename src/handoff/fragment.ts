/**
 * The token's place in a link (CONTRACT §13): last in the fragment, which browsers never send to a
 * server nor put in a Referer (RFC 9110 §10.1.3), after the link's own fragment if it has one.
 */
const TOKEN = /(?:^#|&)cid-handoff=([\w-]+\.[\w-]+\.[\w-]+)$/;

/** `url` without a token in its fragment (one a link carries on its own is not ours to pass on). */
export function withoutToken(url: URL): URL {
  const next = new URL(url);
  const match = TOKEN.exec(next.hash);
  if (match) next.hash = next.hash.slice(0, match.index);
  return next;
}

/** `url` with `token` added to its fragment. */
export function withToken(url: URL, token: string): string {
  const next = new URL(url);
  next.hash = `${next.hash.length > 1 ? `${next.hash.slice(1)}&` : ''}cid-handoff=${token}`;
  return next.href;
}

/**
 * Takes a sister site's token out of the address bar before anything reads it, and returns it. The
 * history entry is replaced, so that the token is never bookmarked, shared or shown again. A link's
 * own fragment is then followed in place (`location.replace`: it scrolls and sets `:target` as the
 * link meant, still replacing the entry); without one, `history.replaceState` just drops the `#`.
 */
export function takeToken(): string | undefined {
  const match = TOKEN.exec(location.hash);
  if (!match) return undefined;
  const own = location.hash.slice(0, match.index);
  // Absolute: a relative address resolves against the page's <base href>, which may be another page
  // (HTML, "document base URL"), and a <base> on another origin makes replaceState throw.
  const here = location.href.slice(0, location.href.indexOf('#'));
  if (own.length > 1) location.replace(here + own);
  else history.replaceState(history.state, '', here);
  return match[1];
}
