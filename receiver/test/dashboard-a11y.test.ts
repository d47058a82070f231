// Issue #20, item 9: the dashboard's accessibility, in Chromium, against a receiver on the
// embedded store seeded with known receipts: the language of its texts (WCAG 3.1.2), reflow at
// 320 px (1.4.10), chart tooltips dismissed with Escape (1.4.13), every label of the comparison
// charts, and a page that loads without an error (a favicon).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { RETURNING, TOKEN, chartsDrawn, focused, launch, seedReceipts, seededDashboard, signIn } from './dashboard-helpers.js';

const ROWS = seedReceipts({ start: '2026-11-01', days: 20, perDay: 14, changeAt: 10 });

/**
 * Every visible text of the dashboard with the language it is in: the `lang` of its nearest
 * element that has one, through shadow roots to their hosts (HTML, "The lang attribute").
 */
function textLanguages(page: Page): Promise<{ text: string; lang: string }[]> {
  // A string, evaluated through the DevTools protocol: this file is compiled without the DOM's types.
  return page.evaluate(`(() => {
    const found = [];
    const languageOf = (start) => {
      for (let node = start; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
        if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
      }
      return '';
    };
    const walk = (root) => {
      for (const child of root.childNodes) {
        if (child.nodeType === Node.TEXT_NODE && child.textContent.trim() && !child.parentElement?.closest('style')) {
          found.push({ text: child.textContent.trim().slice(0, 40), lang: languageOf(child) });
        }
        if (child instanceof Element && child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    walk(document.body);
    return found;
  })()`);
}

/** The chart's canvas as an image: what the visitor sees, tooltip included (Chart.js draws it there). */
async function pixels(page: Page, chart: string): Promise<string> {
  // Chart.js handles pointer events at the next animation frame: two frames, then the picture.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  return page.locator(`cid-dash-chart[name="${chart}"] canvas`).evaluate((canvas: { toDataURL(): string }) => canvas.toDataURL());
}

/**
 * Moves the pointer along a line through a chart's bars (across the middle of a vertical bar chart,
 * down the middle of a horizontal one) until a tooltip changes the picture; fails if none does.
 */
async function hoverUntilTooltip(page: Page, chart: string, way: 'across' | 'down'): Promise<{ idle: string; x: number; y: number }> {
  const canvas = page.locator(`cid-dash-chart[name="${chart}"] canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const idle = await pixels(page, chart);
  const box = await canvas.boundingBox();
  assert.ok(box);
  let [x, y] = way === 'across' ? [box.x + box.width * 0.3, box.y + box.height * 0.75] : [box.x + box.width * 0.5, box.y + box.height * 0.1];
  for (let step = 0; step < 60; step += 1) {
    await page.mouse.move(x, y);
    if ((await pixels(page, chart)) !== idle) return { idle, x, y };
    if (way === 'across') x += 4;
    else y += 4;
  }
  assert.fail(`no tooltip appeared on hovering the ${chart} chart`);
}

describe('dashboard accessibility (issue #20, item 9)', () => {
  let dashboard: Awaited<ReturnType<typeof seededDashboard>>;

  before(async () => {
    dashboard = await seededDashboard(ROWS);
  });
  after(() => dashboard?.close());

  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await dashboard.browser.newContext({ viewport });
    return context.newPage();
  }

  async function signedIn(lang = 'fr', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await newPage(viewport);
    await signIn(page, dashboard.url, TOKEN, lang);
    await chartsDrawn(page);
    return page;
  }

  it("should put every text in the language shown, the dashboard's own element included, when switching (WCAG 3.1.2)", async () => {
    const page = await signedIn('fr');
    await page.locator('cid-dashboard button[lang="en"]').click();
    await page.locator('cid-dashboard h1', { hasText: 'Consent dashboard' }).waitFor();
    assert.equal(await page.locator('cid-dashboard').getAttribute('lang'), 'en');
    // Only the button that switches back says its name in its own language.
    const french = (await textLanguages(page)).filter((t) => t.lang !== 'en');
    assert.deepEqual(french, [{ text: 'Français', lang: 'fr' }]);

    await page.locator('cid-dashboard button[lang="fr"]').click();
    await page.locator('cid-dashboard h1', { hasText: 'Tableau de bord' }).waitFor();
    assert.equal(await page.locator('cid-dashboard').getAttribute('lang'), 'fr');
    assert.deepEqual((await textLanguages(page)).filter((t) => t.lang !== 'fr'), [{ text: 'English', lang: 'en' }]);
  });

  it('should fit 320 px without sideways scrolling, the proof field and a proof shown included (WCAG 1.4.10)', async () => {
    const page = await signedIn('fr', { width: 320, height: 640 });
    const width = () => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
    const field = await page.locator('cid-dash-proof input').boundingBox();
    assert.ok(field && field.x >= 0 && field.x + field.width <= 320, `the proof field spans ${field?.x} to ${field && field.x + field.width} px`);
    assert.ok((await width()) <= 320, `the page is ${await width()} px wide`);
    for (const summary of await page.locator('cid-dash-chart summary').all()) await summary.click();
    await page.locator('cid-dash-proof input').fill(RETURNING);
    await page.locator('cid-dash-proof button[type=submit]').click();
    await page.locator('cid-dash-proof ol > li').nth(1).waitFor();
    for (const summary of await page.locator('cid-dash-proof summary').all()) await summary.click();
    assert.ok((await width()) <= 320, `with the tables and a proof open, the page is ${await width()} px wide`);
  });

  it('should fit 320 px on the sign-in page too', async () => {
    const page = await newPage({ width: 320, height: 640 });
    await page.goto(`${dashboard.url}/dashboard?lang=en`);
    assert.ok((await page.evaluate('document.documentElement.scrollWidth') as number) <= 320);
  });

  it("should close a chart's tooltip with Escape, without moving the pointer, and show it again on the next hover (WCAG 1.4.13)", async () => {
    const page = await signedIn('en');
    const { idle, x, y } = await hoverUntilTooltip(page, 'decisions', 'across');
    await page.keyboard.press('Escape');
    assert.ok((await pixels(page, 'decisions')) === idle, 'Escape left the tooltip open');
    await page.mouse.move(x + 1, y);
    assert.ok((await pixels(page, 'decisions')) !== idle, 'the tooltip did not come back on hover');
  });

  it('should close a tooltip with Escape while the keyboard is in another field', async () => {
    const page = await signedIn('fr');
    await page.locator('cid-dash-proof input').focus();
    const { idle } = await hoverUntilTooltip(page, 'split', 'down');
    await page.keyboard.press('Escape');
    assert.match(await focused(page), /\|consentId$/, 'the keyboard stayed in the proof field');
    assert.ok((await pixels(page, 'split')) === idle, 'Escape left the tooltip open');
  });

  it('should show every bar label of the charts that compare categories, on a screen and at 320 px', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
      const page = await signedIn('fr', viewport);
      for (const chart of ['revisions', 'split']) {
        const rows = await page.locator(`cid-dash-chart[name="${chart}"] tbody tr`).count();
        const shown = await page.locator(`cid-dash-chart[name="${chart}"]`).getAttribute('data-labels-shown');
        assert.equal(shown, String(rows), `${chart} at ${viewport.width} px: ${shown} of ${rows} labels`);
      }
    }
  });

  it('should load signed out and signed in without an error in the console, in a fresh browser (no missing favicon)', async () => {
    // A browser of its own: Chromium asks for a site's icon once per session.
    const fresh = await launch();
    try {
      const page = await fresh.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${dashboard.url}/dashboard`);
      assert.equal(await page.locator('head link[rel~="icon"]').count(), 1, 'the sign-in page names its icon');
      await page.locator('#token').fill(TOKEN);
      await page.locator('form button[type=submit]').click();
      await chartsDrawn(page);
      assert.equal(await page.locator('head link[rel~="icon"]').count(), 1, 'the dashboard names its icon');
      await page.reload();
      await chartsDrawn(page);
      // The icon is in the page (the CSP allows data: images), an SVG the browser can draw.
      const icon = await page.locator('head link[rel~="icon"]').getAttribute('href');
      const image = (await page.evaluate(`(async () => {
        const element = new Image();
        element.src = ${JSON.stringify(icon ?? '')};
        await element.decode();
        return [element.naturalWidth, element.naturalHeight];
      })()`)) as number[];
      assert.ok(icon?.startsWith('data:image/svg+xml,'), icon ?? 'no icon');
      assert.ok(image[0] > 0 && image[1] > 0, `the icon is ${image.join(' × ')}`);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  });
});
