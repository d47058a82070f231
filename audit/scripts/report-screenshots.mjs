// Makes docs/screenshots/audit-report.png (the leaky fixture's report: violations) and
// audit-report-clean.png (the cid-it.fr demo's): `node audit/scripts/report-screenshots.mjs`
// after `npm run build` at the repository root.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, launch } from '../src/browser.mjs';
import { runAudit, serveFixtures } from '../test/helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cid-audit-shots-'));
const out = new URL('../../docs/screenshots/', import.meta.url);
const served = await serveFixtures(({ tracker }) => ({ tracker: String(tracker) }));
const { serveDemo } = await import(String(new URL('../../scripts/serve-demo.mjs', import.meta.url)));
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
    await page.screenshot({ path: new URL(file, out).pathname });
    await page.close();
  }
} finally {
  await browser.close();
  await served.close();
  demo.close();
  rmSync(dir, { recursive: true, force: true });
}
