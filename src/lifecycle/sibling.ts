/**
 * Loads one of the script-tag build's sibling files (CONTRACT §1): beside `cid-consent.js`, with our
 * tag's nonce, checked against the SHA-384 the build wrote into this file, so that SRI on our one tag
 * covers them all.
 */

/** Our own tag, read while this script runs: the only moment `document.currentScript` names it. */
const tag = document.currentScript as HTMLScriptElement | null;

/** How long a visitor waits, at most, to be told that a file is not coming (issue #19). */
const STALLED_MS = 12_000;

/** Resolves once `file` has run; rejects with an Error that names it when it fails, is refused or stalls. */
export function loadSibling(file: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // The hash in the URL: a browser that cached another build's file (an upgrade, a long cache
    // lifetime) fetches this build's, rather than failing its integrity check.
    script.src = new URL(`${file}?v=${encodeURIComponent(integrity.slice(7, 23))}`, tag?.src || document.baseURI).href;
    script.integrity = integrity;
    // Integrity needs a CORS fetch; a tag loaded with SRI from a CDN already has one.
    script.crossOrigin = tag?.crossOrigin ?? 'anonymous';
    script.nonce = tag?.nonce ?? '';
    // A connection that stalls never fails: after a while it counts as failed, so that the first
    // layer says so and the next use asks again (a file that still arrives later is taken then).
    const stalled = setTimeout(() => reject(new Error(`${script.src} did not arrive within ${STALLED_MS / 1000} s.`)), STALLED_MS);
    script.onload = () => {
      clearTimeout(stalled);
      resolve();
    };
    script.onerror = () => {
      clearTimeout(stalled);
      // Gone, so that the next attempt is the only one in the page.
      script.remove();
      reject(
        new Error(
          `${script.src} did not load or failed its integrity check: it must be the file built with this script (${tag?.src || 'inline'}), ` +
            'beside it under its own name, with CORS on another origin; in a bundle, import @cid-it/consent instead.',
        ),
      );
    };
    (document.head ?? document.documentElement).append(script);
  });
}
