// A site with another consent banner: the audit clicks the buttons it is told to.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../src/index.js';
import { runAudit, serveFixtures, type Served } from './helpers.js';

describe('cid-consent-audit with --accept and --reject', () => {
  let served: Served;
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-'));

  before(async () => {
    served = await serveFixtures();
  });
  after(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should click the given buttons, count --necessary names as necessary and exit 0', async () => {
    const json = join(dir, 'buttons.json');
    const run = await runAudit([
      `${served.site}buttons.html`, '--accept', '.consent-yes', '--reject', '.consent-no',
      '--necessary', 'session_id', '--necessary', '/^choice$/', '--wait', '300', '--json', json,
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const [page] = report.pages;
    assert.equal(page.decidedBy, 'selectors');
    assert.equal(page.widget, false);
    const names = (id: string) => page.phases.find((p) => p.id === id)?.cookies.map((c) => c.name).sort();
    assert.deepEqual(names('reject-reload'), ['choice', 'session_id']);
    assert.deepEqual(names('accept-reload'), ['ads_id', 'choice', 'session_id']);
    assert.deepEqual(page.warnings.map((w) => w.name), ['ads_id']);
  });

  it('should exit 2 when a page has neither CidConsent nor the selector to decide', async () => {
    const run = await runAudit([`${served.site}buttons.html`, '--accept', '.consent-yes', '--wait', '300']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /could not run: no CidConsent on http:\/\/localhost:\d+\/buttons\.html and no --reject selector/);
  });

  it('should exit 2 when a selector matches nothing', async () => {
    // A timeout with room for a busy machine: the page must load before the selector can miss.
    const run = await runAudit([`${served.site}buttons.html`, '--accept', '#nope', '--reject', '.consent-no', '--wait', '300', '--timeout', '3000']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /could not run: the --accept selector "#nope" matched no clickable element/);
  });
});
