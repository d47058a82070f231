// Issue #25, item 7 (CONTRACT §11): marketing's DASHBOARD_TOKEN gives the figures only; a visitor's
// proof and the raw receipts are the DPO's (RECEIVER_TOKEN), and every lookup and raw export is
// journaled, refusals included, in a journal only the DPO reads and no one can rewrite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { KINDS, ORIGIN, TOKEN, openTestStore, post, receipt, type TestStore } from './helpers.js';

const MARKETING = 'marketing-token-0123456789';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const kind of KINDS) {
  describe(`roles and the access journal (${kind} store)`, () => {
    let fixture: TestStore;
    let app: FastifyInstance;
    before(async () => {
      fixture = await openTestStore(kind);
      app = await buildServer({ allowedOrigins: [ORIGIN], token: TOKEN, dashboardToken: MARKETING, rateLimitPerMinute: 1e6, trustProxy: false, logLevel: 'silent' }, fixture.store);
    });
    after(async () => {
      await app?.close();
      await fixture?.dispose();
    });

    const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const entries = async () => (await get('/journal', TOKEN)).json().entries as { role: string; action: string; via: string; subject: string; allowed: boolean }[];

    /** A dashboard session cookie for `token`. */
    async function session(token: string): Promise<string> {
      const answer = await app.inject({ method: 'POST', url: '/dashboard/sign-in', headers: FORM, payload: `token=${token}&lang=fr` });
      assert.equal(answer.statusCode, 303);
      return String(answer.headers['set-cookie']).split(';')[0];
    }

    it('should give marketing the figures and refuse it every proof and raw export, over the API and in the dashboard, journaling each refusal', async () => {
      const body = receipt();
      assert.equal((await post(app, body)).statusCode, 202);
      assert.equal((await get('/stats', MARKETING)).statusCode, 200);
      for (const url of [`/receipts/${body.consentId}`, '/export?format=csv', '/export', '/journal']) {
        assert.equal((await get(url, MARKETING)).statusCode, 403, url);
      }
      const cookie = await session(MARKETING);
      const asMarketing = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      const data = await asMarketing('/dashboard/data');
      assert.equal(data.statusCode, 200);
      assert.equal(data.json().role, 'marketing');
      for (const url of [`/dashboard/proof/${body.consentId}`, '/dashboard/export.csv', '/dashboard/journal']) {
        const answer = await asMarketing(url);
        assert.equal(answer.statusCode, 403, url);
        assert.doesNotMatch(answer.body, new RegExp(body.consentId as string));
      }
      const refused = (await entries()).filter((e) => !e.allowed && e.subject === body.consentId);
      assert.deepEqual(refused.map((e) => [e.role, e.action, e.via]).sort(), [['marketing', 'proof', 'api'], ['marketing', 'proof', 'dashboard']]);
    });

    it('should give the DPO every proof and raw export, each journaled with when, which role and what', async () => {
      const body = receipt();
      assert.equal((await post(app, body)).statusCode, 202);
      const before = Date.now();
      assert.equal((await get(`/receipts/${body.consentId}`, TOKEN)).statusCode, 200);
      assert.equal((await get('/export?from=2026-11-01&to=2026-11-30&format=csv', TOKEN)).statusCode, 200);
      const cookie = await session(TOKEN);
      assert.equal((await app.inject({ method: 'GET', url: `/dashboard/proof/${body.consentId}`, headers: { cookie } })).statusCode, 200);
      const [dashboard, exported, api] = await entries();
      assert.deepEqual([dashboard.role, dashboard.action, dashboard.via, dashboard.subject, dashboard.allowed], ['dpo', 'proof', 'dashboard', body.consentId, true]);
      assert.deepEqual([exported.action, exported.subject], ['export', 'from=2026-11-01 to=2026-11-30 site=all']);
      assert.deepEqual([api.action, api.via, api.subject], ['proof', 'api', body.consentId]);
      assert.ok(Date.parse((api as unknown as { at: string }).at) >= before - 2000);
    });

    it('should keep the journal append-only: no update, no delete, no truncate', async () => {
      await get('/receipts/abcdefgh1234', TOKEN);
      for (const statement of ['UPDATE access_journal SET allowed = NOT allowed', 'DELETE FROM access_journal', 'TRUNCATE access_journal']) {
        await assert.rejects(fixture.store.sql.query(statement), /append-only/, statement);
      }
    });

    it('should serve no proof that could not be journaled', async () => {
      const body = receipt();
      assert.equal((await post(app, body)).statusCode, 202);
      await fixture.store.sql.exec('ALTER TABLE access_journal RENAME TO access_journal_away');
      try {
        const answer = await get(`/receipts/${body.consentId}`, TOKEN);
        assert.equal(answer.statusCode, 503);
        assert.doesNotMatch(answer.body, /"receipts"/);
      } finally {
        await fixture.store.sql.exec('ALTER TABLE access_journal_away RENAME TO access_journal');
      }
    });
  });
}

describe('DASHBOARD_TOKEN', () => {
  it('should be read, and refused when short or equal to RECEIVER_TOKEN, naming the variable', () => {
    const env = { ALLOWED_ORIGINS: ORIGIN, RECEIVER_TOKEN: TOKEN };
    assert.equal(readConfig({ ...env, DASHBOARD_TOKEN: MARKETING }).dashboardToken, MARKETING);
    assert.equal(readConfig(env).dashboardToken, undefined);
    assert.throws(() => readConfig({ ...env, DASHBOARD_TOKEN: 'short' }), /DASHBOARD_TOKEN/);
    assert.throws(() => readConfig({ ...env, DASHBOARD_TOKEN: TOKEN }), /DASHBOARD_TOKEN/);
  });
});
