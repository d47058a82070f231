/**
 * The script-tag build's `loadPanel` (in place of `panel.ts`): the panel and Lit live in `cid-consent-panel.js`, beside `cid-consent.js`, so that what loads before the banner
 * shows is only the first layer (issue #15). CONTRACT §1: the sibling is fetched with our tag's
 * nonce, and checked against a SHA-384 the build writes here, so SRI on our one tag covers it.
 */

/** Replaced by the build with the sibling's `sha384-…` (rollup.config.mjs). */
const INTEGRITY = '__CID_CONSENT_PANEL_INTEGRITY__';

/** Our own tag, read while this script runs: the only moment `document.currentScript` names it. */
const tag = document.currentScript as HTMLScriptElement | null;

let loading: Promise<void> | undefined;

/** How long a visitor waits, at most, to be told that the panel's file is not coming (issue #19). */
const STALLED_MS = 12_000;

/**
 * Resolves once `<cid-consent-preferences>` is defined; loads the
 * sibling once (again after a failure, at the next call). Elements created before then are
 * upgraded when it arrives, with the properties already set on them. Rejects with an Error that
 * names the file.
 */
export function loadPanel(): Promise<void> {
  if (customElements.get('cid-consent-preferences')) return Promise.resolve();
  if (!loading) {
    loading = inject().catch((error: Error) => {
      loading = undefined;
      throw error;
    });
  }
  return loading;
}

function inject(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // The hash in the URL: a browser that cached another build's file (an upgrade, a long cache
    // lifetime) fetches this build's, rather than failing its integrity check.
    script.src = new URL(`cid-consent-panel.js?v=${encodeURIComponent(INTEGRITY.slice(7, 23))}`, tag?.src || document.baseURI).href;
    script.integrity = INTEGRITY;
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
