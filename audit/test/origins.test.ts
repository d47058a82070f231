// Issue #20, item 11: requests are told apart by origin (scheme, host, port), and the widget's own
// files are never a tracker, even when the CDN that serves them also serves a gated tag.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../src/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PACKAGE, runAudit, useFixtures } from './helpers.js';

describe('cid-consent-audit and the origins a page reaches', () => {
  const fixtures = useFixtures();
  const { dir } = fixtures;

  it("should not count the widget's own files as a tracker when their CDN also serves a gated tag", async () => {
    const json = join(dir, 'cdn.json');
    const run = await runAudit([`${fixtures.served().site}cdn.html`, '--wait', '1000', '--json', json]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const [page] = report.pages;
    assert.deepEqual(page.violations.map((v) => v.reason), []);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(page.widget, true, 'the widget ran from the CDN');
    // The widget's files were fetched from the CDN before any choice, and recognised as the widget's.
    const initial = page.phases.find((phase) => phase.id === 'initial');
    const fromCdn = initial?.requests.filter((r) => r.url.startsWith(fixtures.served().tracker)) ?? [];
    assert.deepEqual(fromCdn.map((r) => [new URL(r.url).pathname, r.widget]), [['/assets/cid-consent.js', true], ['/assets/cid-consent-panel.js', true]]);
    // The gated tag came from the same origin, after acceptance only.
    assert.ok(page.phases.find((phase) => phase.id === 'accept')?.requests.some((r) => r.url.endsWith('/analytics.js') && !r.widget));
    const schema = JSON.parse(readFileSync(join(PACKAGE, 'schema/audit-report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
  });

  it("should name a tracker on the page's host name but another port: another origin", async () => {
    const json = join(dir, 'same-host.json');
    const run = await runAudit([`${fixtures.served().site}same-host.html`, '--wait', '1000', '--json', json]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const found = report.pages[0].violations.filter((v) => v.kind === 'request');
    assert.deepEqual(found.map((v) => [v.name, v.phases]), [[`http://localhost:${new URL(fixtures.served().tracker).port}/pixel.js`, ['initial', 'reject', 'reject-reload']]]);
  });
});
