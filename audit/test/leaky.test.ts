// The deliberately leaky page: every kind of mistake, each named in the JSON and the HTML.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Report } from '../src/index.js';
import { PACKAGE, runAudit, serveFixtures, type Run, type Served } from './helpers.js';

describe('cid-consent-audit on a leaky page', () => {
  let served: Served;
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-'));
  let run: Run;
  let report: Report;
  let html = '';
  const violation = (kind: string, name: string) => report.pages[0].violations.find((v) => v.kind === kind && v.name.includes(name));

  before(async () => {
    served = await serveFixtures(({ tracker }) => ({ tracker: String(tracker) }));
    run = await runAudit([`${served.site}leaky.html`, '--wait', '1000', '--json', join(dir, 'r.json'), '--html', join(dir, 'r.html')]);
    report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    html = readFileSync(join(dir, 'r.html'), 'utf8');
  });
  after(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should exit 1 and say so on its last line', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout.trim().split('\n').at(-1) ?? '', /violations found \(exit 1\)$/);
    assert.equal(report.verdict, 'violations');
  });

  it('should name the tracker outside gating: a request to the gated host before any choice', () => {
    const found = violation('request', 'pixel.js');
    assert.ok(found, JSON.stringify(report.pages[0].violations, null, 1));
    assert.equal(found.where, '127.0.0.1');
    assert.ok(found.phases.includes('initial'));
    assert.match(found.initiator ?? '', /leaky\.html/);
    assert.deepEqual(report.pages[0].gatedHosts, ['127.0.0.1']);
  });

  it('should not blame the gated tag, which loads only after acceptance', () => {
    assert.equal(violation('request', 'analytics.js'), undefined);
    const accepted = report.pages[0].phases.find((p) => p.id === 'accept');
    assert.ok(accepted?.requests.some((r) => r.url.endsWith('/analytics.js')));
  });

  it('should name the declared cookie set before consent, with its purpose', () => {
    const found = violation('cookie', '_ga');
    assert.deepEqual(found?.classification, { category: 'purpose', purpose: 'analytics', service: null, pattern: '_ga' });
    assert.ok(found?.phases.includes('initial'));
  });

  it('should name the cookie set after refusal, by its service, and not before a choice', () => {
    const found = violation('cookie', '_fbp');
    assert.equal(found?.classification?.service, 'meta');
    assert.equal(found?.classification?.purpose, 'marketing');
    assert.deepEqual(found?.phases, ['reject', 'reject-reload']);
  });

  it('should name the undeclared cookie and storage key', () => {
    assert.equal(violation('cookie', '_hjid')?.classification?.category, 'undeclared');
    assert.equal(violation('storage', 'ab_bucket')?.where, 'localStorage');
  });

  it('should warn of undeclared cookies after acceptance, each with the entry to add', () => {
    // _hjid and ab_bucket are violations, and warnings too: declaring them is half of the fix.
    const suggestions = report.pages[0].warnings.map((w) => [w.name, w.suggestion]);
    assert.deepEqual(suggestions.sort(), [
      ['_clck', '_clck'],
      ['_hjSessionUser_123456', '/^_hjSessionUser_/'],
      ['_hjid', '_hjid'],
      ['ab_bucket', 'ab_bucket'],
    ]);
  });

  it('should classify the consent cookie as necessary', () => {
    const rejected = report.pages[0].phases.find((p) => p.id === 'reject');
    assert.equal(rejected?.cookies.find((c) => c.name === 'cid_consent')?.classification.category, 'necessary');
  });

  it('should say which cookies entry it could not run, and why, in the terminal and the JSON', () => {
    assert.deepEqual(report.pages[0].patternsNotRun, [
      { pattern: '/^(?!partner_uid$)partner_/', purpose: 'partners', service: null, problem: 'uses a lookahead or lookbehind, which linear-time matching cannot run' },
    ]);
    assert.match(run.stdout, /note: the cookies entry "\/\^\(\?!partner_uid\$\)partner_\/" of purpose partners uses a lookahead/);
  });

  it('should write JSON that its documented schema accepts', () => {
    const schema = JSON.parse(readFileSync(join(PACKAGE, 'schema/audit-report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
  });

  it('should put the verdict first in the HTML, then name each violation, with a screenshot per phase', () => {
    const verdict = html.indexOf('violations: something that needs consent');
    assert.ok(verdict > 0 && verdict < html.indexOf('<main>'));
    for (const name of ['pixel.js', '&quot;_ga&quot;', '&quot;_hjid&quot;', '&quot;_fbp&quot;', '&quot;ab_bucket&quot;', '_hjSessionUser_']) assert.ok(html.includes(name), name);
    assert.equal(html.match(/<img src="data:image\/jpeg;base64,/g)?.length, 5);
    assert.doesNotMatch(html, /<(script|link)\b/);
  });
});
