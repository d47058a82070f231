import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Classification } from '../src/classify.js';
import { markWidgetFiles, type Phase, type PhaseId, type RequestRecord } from '../src/record.js';
import { renderHtml } from '../src/report-html.js';
import { judge } from '../src/verdict.js';

const declared: Classification = { category: 'purpose', purpose: 'analytics', service: null, pattern: '_ga' };
const undeclared: Classification = { category: 'undeclared', purpose: null, service: null, pattern: null };
const necessary: Classification = { category: 'necessary', purpose: 'necessary', service: null, pattern: 'sid' };

const phase = (id: PhaseId, parts: Partial<Phase> = {}): Phase => ({ id, label: id, url: 'http://localhost/', cookies: [], storage: [], requests: [], gatedOrigins: [], gatedHosts: [], ...parts });
const request = (url: string, type = 'script'): RequestRecord => ({ url, origin: new URL(url).origin, host: new URL(url).hostname, type, initiator: 'parser http://localhost/' });
const cookie = (name: string, classification: Classification) => ({ name, domain: 'localhost', path: '/', firstParty: true, expires: null, remainingDays: null, httpOnly: false, secure: false, sameSite: 'Lax', classification });

describe('judge', () => {
  it('should warn about a cookie declared for the session that lives 30 days, and not about one within the tolerance of its lifetime', () => {
    const lives = (name: string, lifetimeDays: number, remainingDays: number) => ({ ...cookie(name, { ...declared, pattern: name, lifetimeDays }), remainingDays });
    const result = judge([phase('accept', { cookies: [lives('_ga', 395.6875, 400), lives('sid_tracker', 0, 30), lives('_gid', 1, 1.9)] })]);
    assert.deepEqual(result.warnings.map((w) => w.name), ['sid_tracker']);
    assert.match(result.warnings[0].reason, /lives 30 days, longer than the 0 days declared by "sid_tracker"/);
    assert.deepEqual(result.violations, []);
  });

  it('should find nothing when only necessary cookies come before a choice', () => {
    const result = judge([phase('initial', { cookies: [cookie('sid', necessary)] }), phase('accept', { cookies: [cookie('_ga', declared)] })]);
    assert.deepEqual(result.violations, []);
    assert.deepEqual(result.warnings, []);
  });

  it('should report a declared or undeclared cookie before a choice once, with every phase it was seen in', () => {
    const leak = [cookie('_ga', declared), cookie('_hjid', undeclared)];
    const { violations } = judge([phase('initial', { cookies: leak }), phase('reject', { cookies: leak })]);
    assert.deepEqual(violations.map((v) => [v.name, v.phases]), [['_ga', ['initial', 'reject']], ['_hjid', ['initial', 'reject']]]);
    assert.match(violations[0].reason, /purpose analytics, present before any choice/);
  });

  it('should report a request to a gated origin before a choice, not one to another origin', () => {
    const requests = [
      request('https://ads.example/p.js'),
      request('https://fonts.example/f.woff2', 'font'),
      request('http://ads.example:8080/other.js'),
    ];
    const { violations, gatedHosts, gatedOrigins } = judge([phase('initial', { requests, gatedOrigins: ['https://ads.example'], gatedHosts: ['ads.example'] })]);
    assert.deepEqual([gatedOrigins, gatedHosts], [['https://ads.example'], ['ads.example']]);
    assert.deepEqual(violations.map((v) => [v.kind, v.name]), [['request', 'https://ads.example/p.js']]);
    assert.match(violations[0].reason, /^request to https:\/\/ads\.example, an origin that only gated elements should reach, before any choice/);
  });

  it("should spare the widget's own files, the script loaded as cid-consent.js and its siblings, on a gated origin", () => {
    const cdn = 'https://cdn.example';
    const initial = phase('initial', {
      gatedOrigins: [cdn],
      requests: [
        request(`${cdn}/npm/@cid-it/consent@0.3.0/dist/cid-consent.js`),
        request(`${cdn}/npm/@cid-it/consent@0.3.0/dist/cid-consent-panel.js?v=abc`),
        request(`${cdn}/npm/@cid-it/consent@0.3.0/dist/tracker.js`),
        request(`${cdn}/npm/other@1.0.0/dist/cid-consent-panel.js`),
        request(`${cdn}/npm/@cid-it/consent@0.3.0/dist/cid-consent-panel.js.png`, 'image'),
      ],
    });
    markWidgetFiles([initial]);
    assert.deepEqual(initial.requests.map((r) => !!r.widget), [true, true, false, false, false]);
    assert.deepEqual(judge([initial]).violations.map((v) => new URL(v.name).pathname), [
      '/npm/@cid-it/consent@0.3.0/dist/tracker.js',
      '/npm/other@1.0.0/dist/cid-consent-panel.js',
      '/npm/@cid-it/consent@0.3.0/dist/cid-consent-panel.js.png',
    ]);
  });

  it('should turn an undeclared cookie after acceptance into a warning with the entry to add', () => {
    const { violations, warnings } = judge([phase('accept', { cookies: [cookie('_clck', undeclared), cookie('_ga', declared)] })]);
    assert.deepEqual(violations, []);
    assert.deepEqual(warnings.map((w) => w.suggestion), ['_clck']);
  });
});

describe('renderHtml', () => {
  it('should escape what the audited page named, so that a hostile cookie cannot script the report', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const phases = [phase('initial', { cookies: [cookie(hostile, undeclared)] })];
    const { violations, warnings, gatedHosts } = judge(phases);
    const html = renderHtml({
      tool: 'cid-consent-audit', version: '0', schema: 1, startedAt: '', durationMs: 1, verdict: 'violations', exitCode: 1, browser: '',
      pages: [{ url: 'http://localhost/', verdict: 'violations', error: null, durationMs: 1, widget: false, decidedBy: null, inventory: null, gatedOrigins: [], gatedHosts, violations, warnings, patternsNotRun: [], receiptsHeld: 0, phases }],
    });
    assert.equal(html.includes(hostile), false);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
