// Makes docs/screenshots/audit-report.png (the leaky fixture's report: violations) and
// audit-report-clean.png (the cid-it.fr demo's): `node audit/dist/scripts/report-screenshots.js`
// after `npm run build` at the repository root and `npm run build -w audit`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, launch } from '../src/browser.js';
import { REPOSITORY, runAudit, serveDemo, serveFixtures } from '../test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cid-audit-shots-'));
const out = join(REPOSITORY, 'docs/screenshots/');
const served = await serveFixtures(({ tracker }) => ({ tracker: String(tracker) }));
const demo = await serveDemo(18870);
const browser = await launch(findChromium(undefined));
try {
  const reports = [
    { file: 'audit-report.png', args: [`${served.site}leaky.html`, '--wait', '1000'] },
    { file: 'audit-report-clean.png', args: [demo.urls['cid-it.fr']] },
  ];
  for (const { file, args } of reports) {
    const html = join(dir, `${file}.html`);
    const run = await runAudit([...args, '--html', html]);
    console.log(`${file}: audit exited ${run.code}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: join(out, file) });
    await page.close();
  }
} finally {
  await browser.close();
  await served.close();
  demo.close();
  rmSync(dir, { recursive: true, force: true });
}
