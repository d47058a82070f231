// Issue #25, item 6: ready-made periods, each headline figure's change from the period before, and the
// number of decisions of each banner revision; counted from a seed placed in last month.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chartsDrawn, seededDashboard, seedReceipts, signIn } from './dashboard-helpers.js';

const parisDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso));
const TODAY = parisDay(new Date().toISOString());
const [YEAR, MONTH] = TODAY.split('-').map(Number);
/** The first day of last month, and the seed's 20 days from there: all of them last month's. */
const START = new Date(Date.UTC(YEAR, MONTH - 2, 1)).toISOString().slice(0, 10);
const LAST_OF_MONTH = new Date(Date.UTC(YEAR, MONTH - 1, 0)).toISOString().slice(0, 10);
const ROWS = seedReceipts({ start: START, days: 20, perDay: 8, changeAt: 10 });
const day = (offset: number) => new Date(Date.parse(`${START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const within = (from: string, to: string) => ROWS.filter((row) => parisDay(row.decidedAt) >= from && parisDay(row.decidedAt) <= to);

describe('periods and their comparison (dashboard)', () => {
  let fixture: Awaited<ReturnType<typeof seededDashboard>>;
  before(async () => {
    fixture = await seededDashboard(ROWS);
  });
  after(async () => fixture?.close());

  async function signedIn(): Promise<Page> {
    const page = await (await fixture.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(page, fixture.url);
    await chartsDrawn(page);
    return page;
  }

  const field = (page: Page, name: string) => page.locator(`cid-dashboard input[name=${name}]`).inputValue();

  async function choose(page: Page, preset: string, wanted: number): Promise<void> {
    await page.locator(`cid-dashboard [data-preset="${preset}"]`).click();
    await page.waitForFunction((n) => (globalThis as any).document.querySelector('cid-dashboard').shadowRoot.querySelector('[data-figure="decisions"]')?.getAttribute('data-value') === String(n), wanted); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  it('should show last month, this month and today at one click, on the receiver\'s calendar', async () => {
    const page = await signedIn();
    await choose(page, 'lastMonth', ROWS.length);
    assert.deepEqual([await field(page, 'from'), await field(page, 'to')], [START, LAST_OF_MONTH]);
    await choose(page, 'thisMonth', 0);
    assert.deepEqual([await field(page, 'from'), await field(page, 'to')], [`${TODAY.slice(0, 7)}-01`, TODAY]);
    await choose(page, 'today', 0);
    assert.deepEqual([await field(page, 'from'), await field(page, 'to')], [TODAY, TODAY]);
    assert.match(page.url(), new RegExp(`from=${TODAY}`), 'the address keeps the period');
    await page.context().close();
  });

  it('should show the period since the newest banner revision began', async () => {
    const page = await signedIn();
    const revision4 = ROWS.filter((row) => row.revision === 4);
    const first = revision4.map((row) => parisDay(row.decidedAt)).sort()[0];
    await choose(page, 'sinceRevision', revision4.length);
    assert.deepEqual([await field(page, 'from'), await field(page, 'to')], [first, TODAY]);
    await page.context().close();
  });

  it('should give each headline figure its change from the period of the same length just before', async () => {
    const page = await signedIn();
    const [from, to] = [day(10), day(19)];
    await page.locator('cid-dashboard input[name=from]').fill(from);
    await page.locator('cid-dashboard input[name=to]').fill(to);
    await page.locator('cid-dashboard .filters button[type=submit]').click();
    const now = within(from, to);
    const then = within(day(0), day(9));
    await page.waitForFunction((n) => (globalThis as any).document.querySelector('cid-dashboard').shadowRoot.querySelector('[data-figure="decisions"]')?.getAttribute('data-value') === String(n), now.length); // eslint-disable-line @typescript-eslint/no-explicit-any
    const relative = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format((now.length - then.length) / then.length);
    assert.equal(await page.locator('cid-dashboard [data-figure="decisions"] [data-delta]').getAttribute('data-delta'), relative);
    const rate = (rows: typeof ROWS) => Math.round((rows.filter((row) => row.choices.analytics).length / rows.length) * 10000) / 10000;
    const points = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format((rate(now) - rate(then)) * 100);
    assert.equal(await page.locator('cid-dashboard [data-purpose="analytics"] [data-delta]').getAttribute('data-delta'), `${points} pts`);
    assert.match(await page.locator('cid-dashboard [data-figure="decisions"] .delta').innerText(), /par rapport au/);
    await page.context().close();
  });

  it('should name the number of decisions of each revision in the revision comparison', async () => {
    const page = await signedIn();
    await choose(page, 'lastMonth', ROWS.length);
    // The chart's table, behind "Voir les chiffres": its text, open or not.
    const heads = await page.locator('cid-dash-chart[name="revisions"] thead th').allTextContents();
    for (const revision of [3, 4]) {
      const count = within(START, LAST_OF_MONTH).filter((row) => row.revision === revision).length;
      assert.ok(heads.some((head) => head.startsWith(`Version ${revision}`) && head.includes(`${new Intl.NumberFormat('fr-FR').format(count)} décisions`)), `${heads.join(' | ')}`);
    }
    await page.context().close();
  });
});
