// Ours only: "Personnaliser" → the preferences panel open and visible (issue #15: ≤ 100 ms on a warm
// page, ≤ 300 ms on a page that has not yet fetched what the panel needs). A benchmark, not a test;
// called by compare.mjs (npm run bench) with the page it serves for our library.
//
// The clock starts just before the click on the banner's customize button and stops at the first
// check that finds the panel's <dialog> open with a non-empty box: one check in a microtask right
// after the click (a panel that opens synchronously), then one per animation frame.
//   warm: the page is loaded and idle (load + 500 ms, or until <cid-consent-preferences> is
//         defined, whichever is later, at most 3 s after load), then the click;
//   cold: the click lands in the first animation frame where the banner is visible, when the
//         sibling files the panel needs (if the bundle is split) are not fetched yet.
// Each case runs in a fresh browser context, so nothing comes from a cache (the server also sends
// cache-control: no-store).

const CUSTOMIZE = `document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="customize"]')`;
const TIMEOUT_MS = 5000;

/** Installed before any page script; `cold` clicks in the first frame where the banner is visible. */
const probe = (banner, cold) => `
  window.__panel = { visibleAt: 0, clickAt: 0, openAt: 0, state: '' };
  const bannerVisible = () => {
    const el = ${banner};
    if (!el) return false;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };
  const panelOpen = () => {
    const dialog = document.querySelector('cid-consent-preferences')?.shadowRoot?.querySelector('dialog');
    if (!dialog || !dialog.open) return false;
    const box = dialog.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const check = () => {
    if (__panel.state) return;
    if (panelOpen()) {
      __panel.openAt = performance.now();
      __panel.state = 'open';
    } else if (performance.now() - __panel.clickAt > ${TIMEOUT_MS}) {
      __panel.state = 'timeout';
    } else {
      requestAnimationFrame(check);
    }
  };
  window.__clickCustomize = () => {
    const button = ${CUSTOMIZE};
    if (!button) {
      __panel.state = 'no customize button';
      return;
    }
    __panel.clickAt = performance.now();
    button.click();
    queueMicrotask(check);
  };
  const tick = () => {
    if (!bannerVisible()) return requestAnimationFrame(tick);
    __panel.visibleAt = performance.now();
    if (${cold}) __clickCustomize();
  };
  requestAnimationFrame(tick);`;

/** Waits, inside the page, for load + 500 ms or the panel's element defined, whichever is later, ≤ 3 s after load. */
const settle = async () => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  const loaded = () => performance.getEntriesByType('navigation')[0]?.loadEventEnd;
  while (!loaded()) await sleep(10);
  await sleep(loaded() + 500 - performance.now());
  await Promise.race([customElements.whenDefined('cid-consent-preferences'), sleep(loaded() + 3000 - performance.now())]);
};

async function once(browser, url, library, cold) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const tab = await context.newPage();
    await tab.addInitScript(probe(library.banner, cold));
    await tab.goto(url);
    await tab.waitForFunction(() => window.__panel.visibleAt > 0, null, { polling: 'raf', timeout: 10_000 });
    if (!cold) {
      await tab.evaluate(settle);
      await tab.evaluate(() => window.__clickCustomize());
    }
    await tab.waitForFunction(() => window.__panel.state, null, { timeout: TIMEOUT_MS + 5000 });
    const { state, clickAt, openAt, fetched } = await tab.evaluate(() => ({
      ...window.__panel,
      fetched: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, responseEnd: e.responseEnd })),
    }));
    // A panel that never opens is a finding, not a crash of the whole run: counted and reported.
    if (state !== 'open') return { failed: state, waitedFor: [] };
    // The library's files that arrived between the click and the open panel: what the visitor waited for
    // (none on a warm page; the panel's sibling files on a cold one once the bundle is split).
    const waitedFor = fetched
      .filter((e) => e.path in library.files && e.responseEnd > clickAt && e.responseEnd <= openAt)
      .map((e) => e.path);
    return { ms: openAt - clickAt, waitedFor };
  } finally {
    await context.close();
  }
}

/**
 * Runs both cases `rounds` times, interleaved, each in a fresh context of `browser`, on `url`
 * (our page, served by the caller). Returns, for `warm` and `cold`: the times (ms) of the rounds
 * where the panel opened, why the others failed (e.g. 'timeout'), and per round the library's
 * files that arrived between the click and the open panel.
 */
export async function measurePanel(browser, { url, library, rounds = 10 }) {
  const result = {};
  for (const name of ['warm', 'cold']) result[name] = { ms: [], waitedFor: [], failed: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['warm', 'cold']) {
      const one = await once(browser, url, library, name === 'cold');
      const into = result[name];
      if (one.failed) into.failed.push(one.failed);
      else into.ms.push(one.ms);
      into.waitedFor.push(one.waitedFor);
    }
  }
  return result;
}
