// Screenshots of the marketing dashboard for the README, from seeded receipts (two sites,
// 60 days, a banner change on day 35), at 1280×800 and on an 820×1180 tablet.
// Usage (after npm run build -w receiver): node receiver/scripts/screenshots.mjs [outDir]
// (default docs/screenshots at the repository root).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openTestStore } from '../dist/test/helpers.js';
import { RETURNING, TOKEN, chartsDrawn, launch, listen, seedReceipts, storeAll } from '../dist/test/dashboard-helpers.js';

const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

const fixture = await openTestStore('embedded');
const { app, url } = await listen(fixture.store);
const browser = await launch();
try {
  await storeAll(fixture.store, seedReceipts({ start: '2026-09-28', days: 60, perDay: 120, changeAt: 35 }));

  const signIn = async (page) => {
    await page.goto(`${url}/dashboard`);
    await page.locator('#token').fill(TOKEN);
    await page.locator('form button[type=submit]').click();
    await chartsDrawn(page);
  };

  const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await desktop.goto(`${url}/dashboard`);
  await desktop.screenshot({ path: `${out}/dashboard-sign-in.png` });
  await signIn(desktop);
  await desktop.screenshot({ path: `${out}/dashboard-1280x800.png` });
  await desktop.screenshot({ path: `${out}/dashboard-full.png`, fullPage: true });
  await desktop.locator('cid-dash-chart[name="revisions"] summary').click();
  await desktop.locator('cid-dash-chart[name="revisions"]').screenshot({ path: `${out}/dashboard-revisions.png` });
  await desktop.locator('cid-dash-proof input').fill(RETURNING);
  await desktop.locator('cid-dash-proof button[type=submit]').click();
  await desktop.locator('cid-dash-proof ol > li').nth(1).waitFor();
  await desktop.locator('cid-dashboard section[aria-labelledby="proof"]').screenshot({ path: `${out}/dashboard-proof.png` });
  // Issue #25: the period's rates split by GPC, the proof as printed, the access journal.
  await desktop.locator('cid-dash-rates').screenshot({ path: `${out}/dashboard-rates.png` });
  await desktop.locator('cid-dash-journal button').click();
  await desktop.locator('cid-dash-journal tr[data-entry]').first().waitFor();
  await desktop.locator('cid-dashboard section[aria-labelledby="journal"]').screenshot({ path: `${out}/dashboard-journal.png` });
  await desktop.emulateMedia({ media: 'print' });
  await desktop.screenshot({ path: `${out}/dashboard-proof-print.png`, fullPage: true });
  await desktop.emulateMedia({ media: 'screen' });

  const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 }, locale: 'fr-FR' });
  await signIn(tablet);
  await tablet.screenshot({ path: `${out}/dashboard-tablet.png` });
  console.log(`Dashboard screenshots written to ${out}`);
} finally {
  await browser.close();
  await app.close();
  await fixture.dispose();
}
