// Declared lifetimes against reality (issue #24): a cookie that lives longer than its declaration
// says is a warning naming both; one that keeps to it is not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../src/index.js';
import { runAudit, serveFixtures, type Run, type Served } from './helpers.js';

describe('cid-consent-audit on declared cookie lifetimes', () => {
  let served: Served;
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-'));
  let run: Run;
  let report: Report;

  before(async () => {
    served = await serveFixtures(({ tracker }) => ({ tracker: String(tracker) }));
    run = await runAudit([`${served.site}lifetimes.html`, '--json', join(dir, 'r.json')]);
    report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  });
  after(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should warn that a cookie lives longer than declared, naming both lifetimes and the declaration', () => {
    const warnings = report.pages[0].warnings;
    assert.deepEqual(warnings.map((w) => w.name), ['_ga_LONG'], JSON.stringify(warnings, null, 1));
    assert.match(warnings[0].reason, /^cookie "_ga_LONG" \(localhost\) lives 400 days, longer than the 30 days declared by "\/\^_ga_\/" of purpose analytics/);
    assert.deepEqual(warnings[0].phases, ['accept', 'accept-reload']);
    assert.equal(warnings[0].suggestion, JSON.stringify({ name: '/^_ga_/', lifetime: { days: 400 } }));
  });

  it('should not warn about cookies that keep to their declared lifetime, nor count a warning as a violation', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const accepted = report.pages[0].phases.find((p) => p.id === 'accept');
    assert.deepEqual(accepted?.cookies.filter((c) => c.name !== 'cid_consent').map((c) => [c.name, c.classification.lifetimeDays]).sort(), [
      ['_ga', 395.6875],
      ['_ga_LONG', 30],
      ['_gid', 1],
    ]);
  });

  it('should print the warning in the text report', () => {
    assert.match(run.stdout, /_ga_LONG.*lives 400 days, longer than the 30 days declared/);
  });
});
