// Issue #25, item 8: the DPO's proof page: a plain verdict per purpose and service, the time the
// receiver got each decision beside the visitor's, a printable page, and a way to it that does not
// scroll past the charts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ReceiptRow } from '../src/store/receipts.js';
import { RETURNING, axeViolations, chartsDrawn, seededDashboard, seedReceipts, signIn } from './dashboard-helpers.js';

const SEED = seedReceipts({ start: '2026-11-01', days: 20, perDay: 6, changeAt: 10 });
const template = SEED.find((row) => row.consentId === RETURNING)!;
const WITHDRAWER = 'withdrawer01';
/** Accepted everything, withdrew it all (reset), then took analytics alone. */
const HISTORY: ReceiptRow[] = [
  { ...template, consentId: WITHDRAWER, decidedAt: '2026-11-02T08:00:00.000Z', method: 'banner-accept-all',
    choices: { necessary: true, analytics: true, marketing: true, partners: true }, services: { youtube: true } },
  { ...template, consentId: WITHDRAWER, decidedAt: '2026-11-05T08:00:00.000Z', method: 'reset',
    choices: { necessary: true, analytics: false, marketing: false, partners: false }, services: { youtube: false } },
  { ...template, consentId: WITHDRAWER, decidedAt: '2026-11-10T08:00:00.000Z', method: 'panel-save',
    choices: { necessary: true, analytics: true, marketing: false, partners: false }, services: { youtube: false } },
];

describe('the proof page (DPO)', () => {
  let fixture: Awaited<ReturnType<typeof seededDashboard>>;
  before(async () => {
    fixture = await seededDashboard([...SEED, ...HISTORY]);
  });
  after(async () => fixture?.close());

  async function proofOf(consentId: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await (await fixture.browser.newContext({ viewport })).newPage();
    await signIn(page, fixture.url);
    await chartsDrawn(page);
    await page.locator('cid-dash-proof input').fill(consentId);
    await page.locator('cid-dash-proof button[type=submit]').click();
    await page.locator('cid-dash-proof ol > li').first().waitFor();
    return page;
  }

  const verdict = (page: Page, key: string) => page.locator(`cid-dash-proof [data-verdict="${key}"]`).innerText();

  it('should give each purpose and service a plain verdict: never accepted, or accepted and withdrawn on which dates', async () => {
    const page = await proofOf(WITHDRAWER);
    assert.match(await verdict(page, 'purpose:analytics'), /^accepté le 2 novembre 2026 .*09:00:00.*, retiré le 5 novembre 2026 .*09:00:00.*, accepté le 10 novembre 2026 .*09:00:00/);
    assert.match(await verdict(page, 'purpose:marketing'), /^accepté le 2 novembre 2026 .*, retiré le 5 novembre 2026 [^,]*$/);
    assert.match(await verdict(page, 'service:youtube'), /^accepté le 2 novembre 2026 .*, retiré le 5 novembre 2026 [^,]*$/);
    assert.equal(await page.locator('cid-dash-proof [data-verdict="purpose:necessary"]').count(), 0);
    await page.context().close();
  });

  it('should say "never accepted" for what a visitor refused and then left refused', async () => {
    const page = await proofOf(RETURNING);
    assert.equal(await verdict(page, 'purpose:marketing'), 'jamais accepté');
    assert.match(await verdict(page, 'purpose:analytics'), /^accepté le 20 novembre 2026/);
    await page.context().close();
  });

  it('should show the time the receiver got each decision beside the visitor\'s', async () => {
    const page = await proofOf(WITHDRAWER);
    const received = await page.locator('cid-dash-proof [data-received]').allInnerTexts();
    assert.equal(received.length, 3);
    // Stored by this test run: today, not the visitor's November dates.
    const today = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date());
    for (const text of received) assert.ok(text.startsWith(today), text);
    await page.context().close();
  });

  it('should print the proof alone, with its consent id and when it was looked up, without the charts or the controls', async () => {
    const page = await proofOf(WITHDRAWER);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('cid-dash-chart').first().isVisible(), false);
    assert.equal(await page.locator('cid-dashboard .filters').isVisible(), false);
    assert.equal(await page.locator('cid-dash-proof form').isVisible(), false);
    assert.equal(await page.locator('cid-dash-proof ol > li').first().isVisible(), true);
    assert.match(await page.locator('cid-dash-proof .printed').innerText(), new RegExp(`${WITHDRAWER}.*Preuve consultée le`));
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('cid-dash-proof .printed').isVisible(), false);
    await page.context().close();
  });

  it('should take the keyboard to the proof search from the header, without scrolling past the charts, at 1280 px and at 320 px', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
      const page = await (await fixture.browser.newContext({ viewport })).newPage();
      await signIn(page, fixture.url);
      await chartsDrawn(page);
      await page.locator('cid-dashboard [data-to-proof]').focus();
      await page.keyboard.press('Enter');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const focusedId = await page.evaluate(() => (globalThis as any).document.querySelector('cid-dashboard').shadowRoot.querySelector('cid-dash-proof').shadowRoot.activeElement?.id);
      assert.equal(focusedId, 'consent-id');
      assert.ok(await page.locator('cid-dash-proof input').isVisible());
      const box = await page.locator('cid-dash-proof input').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `the field is in view at ${viewport.width} px`);
      await page.context().close();
    }
  });

  it('should have no axe violation with the summary shown', async () => {
    const page = await proofOf(WITHDRAWER);
    assert.deepEqual(await axeViolations(page), []);
    await page.context().close();
  });

  it('should show the DPO the access journal, the lookup just made first, readable at 320 px and with no axe violation', async () => {
    const page = await proofOf(RETURNING, { width: 320, height: 640 });
    await page.locator('cid-dash-journal button').click();
    const first = page.locator('cid-dash-journal tr[data-entry]').first();
    await first.waitFor();
    const cells = await first.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(1), ['DPO', 'Preuve d’un visiteur', RETURNING, 'tableau de bord', 'servi']);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    assert.ok(wide <= 320, `the page is ${wide} px wide`);
    assert.deepEqual(await axeViolations(page), []);
    await page.context().close();
  });
});
