// Issue #20, item 3: no path but retention deletes a receipt; the notices they point at cannot change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteExpired } from '../src/store/receipts.js';
import { KINDS, ORIGIN, count, post, receipt, suiteApp, type TestStore } from './helpers.js';

const NOTICE = 'c'.repeat(64);

/** Stores a receipt decided `daysAgo` days before the database's clock, directly (retention counts from it). */
async function storeOld(fixture: TestStore, consentId: string, daysAgo: number): Promise<void> {
  await fixture.store.sql.query(`INSERT INTO notices (hash, body) VALUES ($1, '{}') ON CONFLICT DO NOTHING`, [NOTICE]);
  await fixture.store.sql.query(
    `INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
     VALUES ($1, now() - make_interval(days => $2), 1, '{}', '{}', 'api', false, 'fr', $3, '/', $4)`,
    [consentId, daysAgo, ORIGIN, NOTICE]);
}

for (const kind of KINDS) {
  describe(`append-only receipts (${kind} store)`, () => {
    const suite = suiteApp(kind);

    it('should refuse a DELETE of a receipt outside the retention job, and keep it', async () => {
      const body = receipt();
      assert.equal((await post(suite.app, body)).statusCode, 202);
      await assert.rejects(suite.fixture.store.sql.query('DELETE FROM receipts WHERE consent_id = $1', [body.consentId]), /append-only/);
      await assert.rejects(suite.fixture.store.sql.exec('TRUNCATE receipts CASCADE'), /append-only/);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 1);
    });

    it('should let the retention job delete the receipts past its cut-off, and only those', async () => {
      const old = receipt().consentId as string;
      const young = receipt().consentId as string;
      await storeOld(suite.fixture, old, 400);
      await storeOld(suite.fixture, young, 10);
      assert.ok(await deleteExpired(suite.fixture.store.sql, 365) >= 1);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [old]), 0);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [young]), 1);
    });

    it('should refuse a delete that sets the retention cut-off itself to reach a receipt of today', async () => {
      const body = receipt({ decidedAt: new Date().toISOString() });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      const attempt = suite.fixture.store.sql.transaction(async (tx) => {
        await tx.query(`SELECT set_config('cid.retention_cutoff', $1, true)`, [new Date(Date.now() + 86_400_000).toISOString()]);
        await tx.query('DELETE FROM receipts WHERE consent_id = $1', [body.consentId]);
      });
      await assert.rejects(attempt, /append-only/);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 1);
    });

    it('should refuse to change or delete a notice a proof shows', async () => {
      const body = receipt({ notice: { texts: { title: 'Texte qui ne doit pas changer' } } });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      const [{ hash }] = await suite.fixture.store.sql.query<{ hash: string }>(
        'SELECT notice_hash AS hash FROM receipts WHERE consent_id = $1', [body.consentId]);
      await assert.rejects(suite.fixture.store.sql.query(`UPDATE notices SET body = '{}' WHERE hash = $1`, [hash]), /append-only/);
      await assert.rejects(suite.fixture.store.sql.query('DELETE FROM notices WHERE hash = $1', [hash]), /append-only/);
    });
  });
}
