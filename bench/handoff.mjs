// `npm run bench:handoff` (issue #21, CONTRACT §13): what the hand-off between the two demo sites costs
// a visitor, in real Chromium with a real receiver (test/handoff/harness.mjs). For each round:
//   - click → navigation, with the token already there (asked for on pointer down, as a hand does);
//   - click → navigation, with a receiver that never answers (the most a click is held: 300 ms);
//   - arrival → decision adopted on the other site (the banner held meanwhile, only on such a page);
//   - a page with no token: its first paint (the banner), and when the hand-off file is asked for after it.
// Prints medians and the worst of ROUNDS rounds. Reads the last `npm run build` (dist/, receiver/dist/).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { startSites } from '../test/handoff/harness.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const sites = await startSites();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const figures = { ready: [], stalled: [], adopted: [], noTokenPaint: [], noTokenFileAfterPaint: [] };

/** A visitor who accepted on the French site, its receipt stored. */
async function decided() {
  const context = await browser.newContext();
  // Each document notes when it first hears of a decision (on the other site: the adopted one).
  await context.addInitScript(() => document.addEventListener('cid-consent-change', () => {
    window.decidedAt ??= performance.now();
  }));
  const page = await context.newPage();
  await page.goto(sites.origins.fr);
  await page.locator('cid-consent-banner [data-action="accept-all"]').click();
  await page.waitForFunction(() => window.CidConsent.get().decided);
  await page.waitForTimeout(300);
  return { context, page };
}

/**
 * Milliseconds from the click (the press already made, 120 ms before) to the navigation, both read in
 * the page: the click's event time, and `beforeunload`, which fires when the navigation starts.
 */
async function clickToNavigation(page) {
  const link = page.locator(`footer a[href^="${sites.origins.boutique}"]`);
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  await page.evaluate(() => {
    addEventListener('click', (event) => localStorage.setItem('clickAt', String(performance.timeOrigin + event.timeStamp)), { capture: true });
    addEventListener('beforeunload', () => localStorage.setItem('leftAt', String(performance.timeOrigin + performance.now())));
  });
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.waitForTimeout(120);
  await page.mouse.up();
  await page.waitForURL(`${sites.origins.boutique}/**`);
  // Kept per origin: read back on the French site.
  const back = await page.context().newPage();
  await back.goto(`${sites.origins.fr}/politique-de-confidentialite.html`);
  const waited = await back.evaluate(() => Number(localStorage.getItem('leftAt')) - Number(localStorage.getItem('clickAt')));
  await back.close();
  return waited;
}

for (let round = 0; round < ROUNDS; round += 1) {
  {
    const { context, page } = await decided();
    figures.ready.push(await clickToNavigation(page));
    await page.waitForFunction(() => window.CidConsent?.get().decided);
    // On the other site: from the start of navigation (its `timeOrigin`) to the decision held.
    figures.adopted.push(await page.evaluate(() => window.decidedAt));
    await context.close();
  }
  {
    const { context, page } = await decided();
    await context.route('**/consent/handoff', () => {});
    figures.stalled.push(await clickToNavigation(page));
    await context.close();
  }
  {
    // A page with no token: the hand-off file is asked for after the first paint (FCP), never before.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(sites.origins.boutique);
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((r) => r.name.includes('cid-consent-handoff.js')) &&
      performance.getEntriesByName('first-contentful-paint').length > 0);
    const { file, paint } = await page.evaluate(() => ({
      file: performance.getEntriesByType('resource').find((r) => r.name.includes('cid-consent-handoff.js')).startTime,
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }));
    figures.noTokenFileAfterPaint.push(file - paint);
    figures.noTokenPaint.push(paint);
    await context.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (name, values, unit = 'ms') => console.log(`${name.padEnd(62)} median ${median(values).toFixed(0).padStart(5)} ${unit}   worst ${Math.max(...values).toFixed(0).padStart(5)} ${unit}`);
console.log(`Hand-off between the demo sites, ${ROUNDS} rounds (Chromium ${browser.version()}):`);
line('click → navigation, token already there', figures.ready);
line('click → navigation, receiver never answers (limit 300 ms)', figures.stalled);
line('arrival (navigation start) → decision adopted, no banner', figures.adopted);
line('no token: navigation start → first paint (banner)', figures.noTokenPaint);
line('no token: hand-off file asked this long after the first paint', figures.noTokenFileAfterPaint);
await browser.close();
sites.close();
