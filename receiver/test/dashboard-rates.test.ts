// Issue #25, items 1 and 2: the dashboard shows each purpose's and service's acceptance over the
// period, split by Global Privacy Control, services lowest first; counted from a known seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ReceiptRow } from '../src/store/receipts.js';
import { axeViolations, chartsDrawn, seededDashboard, seedReceipts, signIn } from './dashboard-helpers.js';

/** The seed, with a second service (Meta) granted by one decision in three, so that services can be ordered. */
const ROWS: ReceiptRow[] = seedReceipts({ start: '2026-11-01', days: 20, perDay: 14, changeAt: 10, seed: 7 })
  .map((row, i) => ({ ...row, services: { ...row.services, meta: i % 3 === 0 } }));

/** A rate as the receiver rounds it. */
const rate = (rows: ReceiptRow[], granted: (row: ReceiptRow) => boolean) =>
  rows.length === 0 ? 0 : Math.round((rows.filter(granted).length / rows.length) * 10000) / 10000;

function expected(kind: 'choices' | 'services', id: string) {
  const granted = (row: ReceiptRow) => row[kind][id] === true;
  return {
    all: rate(ROWS, granted),
    withoutGpc: rate(ROWS.filter((row) => !row.gpc), granted),
    withGpc: rate(ROWS.filter((row) => row.gpc), granted),
  };
}

describe('the period\'s acceptance, split by GPC (dashboard)', () => {
  let fixture: Awaited<ReturnType<typeof seededDashboard>>;
  let browser: Browser;
  before(async () => {
    fixture = await seededDashboard(ROWS);
    browser = fixture.browser;
  });
  after(async () => fixture?.close());

  async function signedIn(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await signIn(page, fixture.url);
    await chartsDrawn(page);
    return page;
  }

  const shown = (page: Page, table: string) =>
    page.locator(`cid-dash-rates table[data-rates="${table}"] tbody tr`).evaluateAll((rows) => rows.map((row) => ({
      id: row.getAttribute('data-item'),
      all: Number(row.getAttribute('data-rate')),
      withoutGpc: Number(row.getAttribute('data-without-gpc')),
      withGpc: Number(row.getAttribute('data-with-gpc')),
    })));

  it('should show each purpose\'s acceptance over the whole period, without GPC and with GPC, as the seed counts them', async () => {
    const page = await signedIn();
    assert.ok(ROWS.some((row) => row.gpc) && ROWS.some((row) => !row.gpc), 'the seed holds both');
    assert.deepEqual(await shown(page, 'purposes'), ['analytics', 'marketing', 'partners'].map((id) => ({ id, ...expected('choices', id) })));
    // What a person reads: the cells, in their columns.
    const percent = (value: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(value);
    const cells = await page.locator('cid-dash-rates table[data-rates="purposes"] tr[data-item="analytics"] td').allInnerTexts();
    const analytics = expected('choices', 'analytics');
    assert.deepEqual(cells.slice(1), [percent(analytics.all), percent(analytics.withoutGpc), percent(analytics.withGpc)]);
    await page.context().close();
  });

  it('should show each service\'s acceptance over the period, the least accepted first', async () => {
    const page = await signedIn();
    const services = ['meta', 'youtube'].map((id) => ({ id, ...expected('services', id) })).sort((a, b) => a.all - b.all);
    assert.deepEqual(await shown(page, 'services'), services);
    assert.equal(services[0].id, 'meta');
    await page.context().close();
  });

  it('should offer the figures export beside the period, and keep the tables readable at 320 px with no axe violation', async () => {
    const page = await signedIn({ width: 320, height: 640 });
    const href = await page.locator('cid-dashboard a[href^="/dashboard/figures.csv"]').getAttribute('href');
    assert.match(href ?? '', /from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    assert.ok(wide <= 320, `the page is ${wide} px wide`);
    assert.deepEqual(await axeViolations(page), []);
    await page.context().close();
  });

  it('should say what each headline figure counts, in French and in English (issue #25, item 4)', async () => {
    const page = await signedIn();
    const help = (figure: string) => page.locator(`cid-dashboard [data-figure="${figure}"] .help`).innerText();
    assert.match(await help('decisions'), /deux fois compte deux fois/);
    assert.match(await help('gpc'), /des décisions/);
    assert.match(await help('gpc'), /part des décisions, pas des visiteurs/);
    assert.match(await help('reject-all'), /bouton « Tout refuser »/);
    assert.match(await help('reject-all'), /choix personnalisés/);
    await page.locator('cid-dashboard button', { hasText: 'English' }).click();
    assert.match(await help('decisions'), /twice counts twice/);
    assert.match(await help('gpc'), /of decisions/);
    assert.match(await help('reject-all'), /"Reject all" button/);
    await page.context().close();
  });
});
