// Issue #20, item 12: an audit must not change the records it audits. The receipts of the
// decisions it makes are answered in the browser and never reach the site's receiver.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../src/index.js';
import { isReceipt } from '../src/receipts.js';
import { runAudit, useFixtures } from './helpers.js';

describe('the consent receipts of an audit', () => {
  const fixtures = useFixtures();
  const { dir } = fixtures;

  it("should keep them from a receiver on another origin when it clicks the banner's buttons", async () => {
    const json = join(dir, 'receipts.json');
    const run = await runAudit([
      `${fixtures.served().site}receipts.html`, '--wait', '500', '--json', json,
      '--accept', 'cid-consent-banner [data-action="accept-all"]', '--reject', 'cid-consent-banner [data-action="reject-all"]',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    assert.equal(report.pages[0].decidedBy, 'selectors');
    assert.deepEqual(fixtures.served().received.tracker.filter((line) => line.startsWith('POST') || line.includes('/receipts')), []);
    assert.equal(report.pages[0].receiptsHeld, 2);
    assert.match(run.stdout, /note: 2 consent receipts held back: the audit's decisions never reached the site's receiver/);
  });

  it('should recognise a receipt by its body, and nothing else', () => {
    const receipt = { v: 1, consentId: 'k3j4h5g6f7', decidedAt: '2026-11-26T10:00:00.000Z', revision: 3, choices: { necessary: true }, services: {}, method: 'api' };
    assert.equal(isReceipt(JSON.stringify(receipt)), true);
    for (const other of [null, '', 'v=1&consentId=x', '{"v":1}', JSON.stringify({ ...receipt, v: 2 }), JSON.stringify([receipt]), `{"v":1,"pad":"${'x'.repeat(70_000)}"}`]) {
      assert.equal(isReceipt(other), false, String(other).slice(0, 40));
    }
  });
});
