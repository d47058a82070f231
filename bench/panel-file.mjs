// What a visitor gets when dist/cid-consent-panel.js is slow (held back 6 s, a slow phone link) or
// missing (404: an ad blocker, a CSP that forgot it, a deploy that lost it), on the demo's
// cid-it.fr page (issue #19). A measurement, not a test: the tests that hold these behaviours are in
// test/e2e/panel-file.test.ts. Each case in a fresh browser context; times from the click, in ms.
//   npm run bench:panel-file
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { serveDemo } from '../scripts/serve-demo.mjs';

const DELAY_MS = 6000;
const PORT = 20000 + Math.floor(Math.random() * 20000);

const inBanner = (selector) => `document.querySelector('cid-consent-banner')?.shadowRoot?.querySelector('${selector}')`;

/** Milliseconds until `condition` (page JS) holds, checked every animation frame; `undefined` after 15 s. */
const until = (page, condition) =>
  page.evaluate(
    ([source, start]) =>
      new Promise((resolve) => {
        const check = () => {
          if (new Function(`return (${source})`)()) resolve(Math.round(performance.now() - start));
          else if (performance.now() - start > 15000) resolve(undefined);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [condition, 0],
  );

async function visit(browser, base, panel) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await context.route('**/cid-consent-panel.js*', async (route) => {
    if (panel === 'missing') return route.fulfill({ status: 404, body: 'Not found' });
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    return route.continue();
  });
  await page.goto(base);
  const visible = await until(page, `${inBanner('section')}?.getBoundingClientRect().height > 0`);
  const placeholder = await page.evaluate(() => {
    const stand = document.querySelector('cid-consent-placeholder');
    return stand ? !!stand.shadowRoot?.querySelector('[part~="allow"]') : 'none on this page';
  });
  // "Personnaliser", pressed as soon as the banner shows.
  const clicked = await page.evaluate(() => {
    document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="customize"]').click();
    return performance.now();
  });
  const since = (at) => (at === undefined ? 'never (15 s)' : `${Math.max(0, Math.round(at - clicked))} ms`);
  const feedback = await until(page, `${inBanner('[data-action="customize"]')}?.getAttribute('aria-busy') === 'true'`);
  const outcome =
    panel === 'missing'
      ? await until(page, `${inBanner('[part="panel-status"]')}`)
      : await until(page, `document.querySelector('cid-consent-preferences')?.shadowRoot?.querySelector('dialog')?.open`);
  const result = {
    case: panel === 'missing' ? 'panel file missing (404)' : `panel file held ${DELAY_MS / 1000} s`,
    bannerVisible: `${visible} ms after navigation`,
    placeholderWithAllow: placeholder,
    loadingShown: since(feedback),
    [panel === 'missing' ? 'unavailableSaid' : 'panelOpen']: since(outcome),
  };
  if (panel === 'missing') {
    // Withdrawing without the file: accept, then reopen from the footer link and refuse everything.
    await page.evaluate(() => document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="accept-all"]').click());
    const reopened = await page.evaluate(() => {
      const start = performance.now();
      document.querySelector('[data-cid-consent-open]').click();
      return new Promise((resolve) => {
        const check = () => (document.querySelector('cid-consent-banner').shadowRoot.querySelector('section') ? resolve(performance.now() - start) : requestAnimationFrame(check));
        check();
      });
    });
    await page.evaluate(() => document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="reject-all"]').click());
    const state = await page.evaluate(() => window.CidConsent.get());
    result.footerLinkReopensFirstLayer = `${Math.round(reopened)} ms`;
    result.withdrawnByRejectAll = Object.entries(state.purposes).every(([id, on]) => id === 'necessary' || !on) ? 'yes' : 'NO';
  }
  await context.close();
  return result;
}

const demo = await serveDemo(PORT);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const panel of ['held', 'missing']) console.log(JSON.stringify(await visit(browser, demo.urls['cid-it.fr'], panel), null, 1));
} finally {
  await browser.close();
  demo.close();
}
