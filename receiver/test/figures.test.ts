// Issue #25, item 3: the figures export marketing takes to its monthly report, opened as French Excel
// opens a CSV (UTF-8 byte-order mark, `;`, decimal comma), holding no consent id, for both roles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { KINDS, ORIGIN, OTHER_ORIGIN, TOKEN, openTestStore, post, receipt, type TestStore } from './helpers.js';

const MARKETING = 'marketing-token-0123456789';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** The notice every seeded receipt carries: one purpose's name is a formula, as a hostile notice could make it. */
const NOTICE = {
  widget: '0.3.0',
  policyUrl: '/politique',
  texts: { title: 'Vos choix' },
  purposes: [
    { id: 'analytics', label: 'Mesure d’audience', services: [{ id: 'youtube', name: 'YouTube' }] },
    { id: 'marketing', label: '=1+1', services: [] },
    // A line feed Excel would start a new row at, then a formula.
    { id: 'partners', label: 'Partenaires\n-2+3+cmd|\' /C calc\'!A0', services: [] },
  ],
};

/** What Excel set to French reads: the mark, then cells split on `;`. */
function asFrenchExcel(body: string): Record<string, string>[] {
  assert.ok(body.startsWith('\uFEFF'), 'a UTF-8 byte-order mark first');
  return parse(body.slice(1), { delimiter: ';', columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

/** A French decimal, as a number. */
const number = (text: string | undefined) => Number((text ?? '').replace(',', '.'));

for (const kind of KINDS) {
  describe(`the figures export (${kind} store)`, () => {
    let fixture: TestStore;
    let app: FastifyInstance;
    const ids: string[] = [];
    before(async () => {
      fixture = await openTestStore(kind);
      app = await buildServer({ allowedOrigins: [ORIGIN, OTHER_ORIGIN], token: TOKEN, dashboardToken: MARKETING, rateLimitPerMinute: 1e6, trustProxy: false, logLevel: 'silent' }, fixture.store);
      const seed = (site: string, decidedAt: string, method: string, gpc: boolean, analytics: boolean, marketing: boolean, youtube: boolean) => {
        const body = receipt({ site, decidedAt, method, gpc, choices: { necessary: true, analytics, marketing, partners: false }, services: { youtube }, notice: NOTICE });
        ids.push(body.consentId as string);
        return post(app, body, site);
      };
      const answers = await Promise.all([
        seed(ORIGIN, '2026-10-05T10:00:00.000Z', 'banner-accept-all', false, true, true, true),
        seed(ORIGIN, '2026-10-05T11:00:00.000Z', 'banner-reject-all', false, false, false, false),
        seed(ORIGIN, '2026-10-06T10:00:00.000Z', 'banner-reject-all', true, false, false, false),
        seed(ORIGIN, '2026-10-20T10:00:00.000Z', 'panel-save', true, true, false, false),
        // 00:30 on 1 November in Paris: November's.
        seed(ORIGIN, '2026-10-31T23:30:00.000Z', 'banner-accept-all', false, true, true, true),
        seed(OTHER_ORIGIN, '2026-10-07T10:00:00.000Z', 'banner-accept-all', false, true, true, true),
      ]);
      for (const answer of answers) assert.equal(answer.statusCode, 202);
    });
    after(async () => {
      await app?.close();
      await fixture?.dispose();
    });

    async function download(token: string, query: string) {
      const signIn = await app.inject({ method: 'POST', url: '/dashboard/sign-in', headers: FORM, payload: `token=${token}&lang=fr` });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0];
      return app.inject({ method: 'GET', url: `/dashboard/figures.csv?${query}`, headers: { cookie } });
    }

    it('should give marketing one line per month, site and revision, with each rate with and without GPC, in French Excel\'s form', async () => {
      const answer = await download(MARKETING, 'from=2026-10-01&to=2026-11-30&by=month');
      assert.equal(answer.statusCode, 200);
      assert.match(String(answer.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(answer.headers['content-disposition']), /attachment; filename="consent-figures-month-2026-10-01-2026-11-30\.csv"/);
      const lines = asFrenchExcel(answer.body);
      assert.deepEqual(lines.map((line) => [line['Période'], line.Site, line['Révision'], line['Décisions']]), [
        ['2026-10', OTHER_ORIGIN, '3', '1'],
        ['2026-10', ORIGIN, '3', '4'],
        ['2026-11', ORIGIN, '3', '1'],
      ]);
      const october = lines[1];
      assert.equal(october['Part des décisions avec GPC (%)'], '50,0');
      assert.equal(october['Mesure d’audience : acceptation (%)'], '50,0');
      assert.equal(october['Mesure d’audience : acceptation sans GPC (%)'], '50,0');
      assert.equal(october['Mesure d’audience : acceptation avec GPC (%)'], '50,0');
      assert.equal(number(october['YouTube : acceptation (%)']), 25);
      // The formula a notice named is text in the sheet, quoted.
      assert.equal(october["'=1+1 : acceptation (%)"], '25,0');
      assert.equal(october["'=1+1 : acceptation sans GPC (%)"], '50,0');
      assert.equal(october["'=1+1 : acceptation avec GPC (%)"], '0,0');
      assert.equal(lines[2]['Mesure d’audience : acceptation avec GPC (%)'], '', 'no GPC decision in November: no rate, not 0');
    });

    it('should keep every line of the file one row, whatever a notice names (a line feed in a label)', async () => {
      const body = (await download(MARKETING, 'from=2026-10-01&to=2026-11-30&by=month')).body;
      // As Excel splits rows: at every line feed, quoted or not.
      const rows = body.slice(1).split(/\r?\n/).filter(Boolean);
      assert.equal(rows.length, 4, 'a header and three lines');
      for (const row of rows) assert.doesNotMatch(row, /^\s*[=+\-@]/);
      assert.match(rows[0], /Partenaires -2\+3\+cmd/);
    });

    it('should count whole months when asked per month, the period on screen being any span of days', async () => {
      const lines = asFrenchExcel((await download(MARKETING, `from=2026-10-20&to=2026-11-02&by=month&site=${encodeURIComponent(ORIGIN)}`)).body);
      assert.deepEqual(lines.map((line) => [line['Période'], line['Décisions']]), [['2026-10', '4'], ['2026-11', '1']]);
    });

    it('should hold no consent id, and give the DPO the same file', async () => {
      const marketing = await download(MARKETING, 'from=2026-10-01&to=2026-11-30&by=month');
      const dpo = await download(TOKEN, 'from=2026-10-01&to=2026-11-30&by=month');
      assert.equal(dpo.statusCode, 200);
      assert.equal(dpo.body, marketing.body);
      for (const id of ids) assert.doesNotMatch(marketing.body, new RegExp(id));
    });

    it('should give one line per Paris day with by=day, and refuse a period it cannot read', async () => {
      const lines = asFrenchExcel((await download(MARKETING, `from=2026-10-31&to=2026-11-01&by=day&site=${encodeURIComponent(ORIGIN)}`)).body);
      assert.deepEqual(lines.map((line) => [line['Période'], line['Décisions']]), [['2026-11-01', '1']]);
      assert.equal((await download(MARKETING, 'by=week')).statusCode, 400);
      assert.equal((await download(MARKETING, 'from=2026-02-31')).statusCode, 400);
    });
  });
}
