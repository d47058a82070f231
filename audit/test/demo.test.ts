// The two demo sites, as `npm start` serves them, must audit clean.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../src/index.js';
import { REPOSITORY, randomPort, runAudit, serveDemo, startReceiver, type Demo, type Receiver, type Run } from './helpers.js';

describe('cid-consent-audit on the demo sites', () => {
  let demo: Demo;
  let receiver: Receiver;
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-'));
  let run: Run;
  let report: Report;
  const page = (site: string) => report.pages.find((p) => p.url === demo.urls[site]);

  before(async () => {
    if (!existsSync(join(REPOSITORY, 'dist/cid-consent.js'))) throw new Error('run `npm run build` at the repository root first');
    const port = randomPort();
    let receiverPort = randomPort();
    while (receiverPort === port) receiverPort = randomPort();
    // The demo as `npm start` runs it: each site forwards /consent/receipts to a receiver (here on a throw-away store).
    receiver = await startReceiver([`http://localhost:${port}`, `http://127.0.0.1:${port + 1}`], receiverPort, join(dir, 'receipts'));
    demo = await serveDemo(port, receiverPort);
    run = await runAudit([demo.urls['cid-it.fr'], demo.urls['cid-it.boutique'], '--json', join(dir, 'r.json')]);
    report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  });
  after(() => {
    demo?.close();
    receiver?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should exit 0 with both sites clean', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(report.pages.map((p) => [p.verdict, p.violations.length]), [['clean', 0], ['clean', 0]]);
  });

  it('should decide through window.CidConsent and classify by the site configuration', () => {
    const fr = page('cid-it.fr');
    assert.equal(fr?.decidedBy, 'CidConsent');
    const accepted = fr?.phases.find((p) => p.id === 'accept-reload');
    const purposeOf = (name: string) => accepted?.cookies.find((c) => c.name === name)?.classification.purpose;
    assert.deepEqual(['_ga', '_ga_DEMO', '_fbp', 'partner_uid', 'cid_consent'].map(purposeOf), ['analytics', 'analytics', 'marketing', 'partners', 'necessary']);
  });

  it('should find every cookie both sites set declared: no warning after acceptance', () => {
    // 0.1's demo left cid-it.fr's late heat-map cookie and every boutique tracker cookie undeclared
    // (issue #9, item 17): withdrawing consent did not delete them, and the audit said so.
    assert.deepEqual(report.pages.map((p) => p.warnings.map((w) => w.suggestion)), [[], []]);
  });

  it('should show progress on stderr: every phase of every page', () => {
    assert.equal(run.stderr.match(/ after "accept all", reloaded: /g)?.length, 2);
    assert.equal(run.stderr.match(/ before any choice: 0 cookies /g)?.length, 2);
  });

  it("should store no receipt in the site's receiver: an audit does not change the records it audits", async () => {
    const answer = await fetch(`${receiver.url}/export?format=ndjson`, { headers: { authorization: `Bearer ${receiver.token}` } });
    assert.equal(answer.status, 200);
    assert.equal((await answer.text()).trim(), '');
    // The way to the receiver works: a receipt posted through a demo site is stored.
    const site = new URL(demo.urls['cid-it.fr']).origin;
    const receipt = {
      v: 1, consentId: 'auditsanity01', decidedAt: new Date().toISOString(), revision: 1, choices: { necessary: true }, services: {},
      method: 'api', gpc: false, lang: 'fr', site, page: '/', notice: { widget: 'test' },
    };
    const posted = await fetch(`${site}/consent/receipts`, { method: 'POST', headers: { origin: site, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(receipt) });
    assert.equal(posted.status, 202, await posted.text());
    const after = await fetch(`${receiver.url}/export?format=ndjson`, { headers: { authorization: `Bearer ${receiver.token}` } });
    assert.deepEqual((await after.text()).trim().split('\n').map((line) => (JSON.parse(line) as { consentId: string }).consentId), ['auditsanity01']);
  });

  it("should answer the widget's receipts itself, one per decision, none left in the outbox to send again after the reload", () => {
    // One decision in the "reject all" context and one in the "accept all" context of each site; a
    // receipt left unacknowledged in the outbox would have been sent again by the reloaded page.
    assert.deepEqual(report.pages.map((p) => p.receiptsHeld), [2, 2]);
  });
});
