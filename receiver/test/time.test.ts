// Issue #20, item 1: a receipt dated in the future cannot take over a consent id, escape retention,
// move the dashboard's period, nor choose the words marketing reads (CONTRACT §11, 0.3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KINDS, OTHER_ORIGIN, count, get, post, receipt, suiteApp } from './helpers.js';

const MINUTE = 60_000;

/** A notice whose purpose `analytics` is named `label`. */
function noticeNaming(label: string): Record<string, unknown> {
  return {
    widget: '0.2.0',
    policyUrl: '/politique-de-confidentialite',
    texts: { title: 'Vos choix', body: `Texte du bandeau (${label}).` },
    purposes: [{ id: 'analytics', label, description: 'Statistiques de visite', services: [] }],
  };
}

for (const kind of KINDS) {
  describe(`decision times and the dashboard's words (${kind} store)`, () => {
    const suite = suiteApp(kind);

    it('should refuse a decidedAt more than 5 minutes ahead of the receiver clock with a 400 naming it, and store nothing', async () => {
      for (const decidedAt of ['2099-01-01T00:00:00.000Z', new Date(Date.now() + 6 * MINUTE).toISOString()]) {
        const body = receipt({ decidedAt });
        const response = await post(suite.app, body);
        assert.equal(response.statusCode, 400, decidedAt);
        assert.match(response.json().error, /^body\.decidedAt .*5 minutes/);
        assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 0);
      }
    });

    it('should accept a decidedAt from a visitor whose clock is a few minutes ahead', async () => {
      const body = receipt({ decidedAt: new Date(Date.now() + 4 * MINUTE).toISOString() });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 1);
    });

    it('should end the dashboard default period today, even when a day after today has decisions', async () => {
      // A far-future day in the rollups, as one stored before this fix would have left it.
      await suite.fixture.store.sql.query(
        `INSERT INTO stats_daily (day, site, revision, method, gpc, decisions) VALUES ('2099-06-01', $1, 3, 'api', false, 1)`, [OTHER_ORIGIN]);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await post(suite.app, receipt({ decidedAt: new Date().toISOString() }))).statusCode, 202);
      const data = (await get(suite.app, '/dashboard/data')).json();
      // The clock may have passed midnight between the two lines: today or the day after.
      assert.ok(data.to === today || data.to === new Date().toISOString().slice(0, 10), `the period ends on ${data.to}`);
      assert.ok(data.days.some((day: { day: string; decisions: number }) => day.day === today && day.decisions >= 1));
    });

    it('should name purposes with the notice most receipts of the period carried, not the newest one', async () => {
      const day = '2026-09-14';
      for (const hour of ['08', '09', '10']) {
        const response = await post(suite.app, receipt({ decidedAt: `${day}T${hour}:00:00.000Z`, notice: noticeNaming("Mesure d'audience") }));
        assert.equal(response.statusCode, 202);
      }
      const forged = receipt({ decidedAt: `${day}T23:59:00.000Z`, notice: noticeNaming('Achetez maintenant !') });
      assert.equal((await post(suite.app, forged)).statusCode, 202);
      const data = (await get(suite.app, `/dashboard/data?from=${day}&to=${day}`)).json();
      assert.equal(data.labels.fr.analytics, "Mesure d'audience");
    });

    it('should take the labels of a revision from that revision\'s receipts when the dashboard filters on it', async () => {
      const day = '2026-09-15';
      for (const hour of ['08', '09', '10']) {
        assert.equal((await post(suite.app, receipt({ decidedAt: `${day}T${hour}:00:00.000Z`, revision: 7, notice: noticeNaming('Audience v7') }))).statusCode, 202);
      }
      assert.equal((await post(suite.app, receipt({ decidedAt: `${day}T11:00:00.000Z`, revision: 8, notice: noticeNaming('Audience v8') }))).statusCode, 202);
      const whole = (await get(suite.app, `/dashboard/data?from=${day}&to=${day}`)).json();
      assert.equal(whole.labels.fr.analytics, 'Audience v7');
      const eight = (await get(suite.app, `/dashboard/data?from=${day}&to=${day}&revision=8`)).json();
      assert.equal(eight.labels.fr.analytics, 'Audience v8');
    });
  });
}
