// Issue #20, item 2: a receipt posted first under a visitor's (consentId, decidedAt) cannot pre-empt
// the visitor's own; a 202 always means stored (CONTRACT §11, 0.3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rebuildRollups } from '../src/store/rollups.js';
import { KINDS, count, get, post, receipt, suiteApp } from './helpers.js';

interface ProofReceipt { method: string; choices: Record<string, boolean>; conflict: boolean }

for (const kind of KINDS) {
  describe(`conflicting receipts (${kind} store)`, () => {
    const suite = suiteApp(kind);

    it('should store the visitor\'s receipt after a forgery under the same key, and mark both as conflicting in the proof', async () => {
      const genuine = receipt({ method: 'banner-reject-all', choices: { necessary: true, analytics: false, marketing: false, partners: false } });
      const forged = { ...genuine, method: 'banner-accept-all', choices: { necessary: true, analytics: true, marketing: true, partners: true } };
      assert.equal((await post(suite.app, forged)).statusCode, 202);
      assert.equal((await post(suite.app, genuine)).statusCode, 202);
      const proof = await get(suite.app, `/receipts/${genuine.consentId}`);
      assert.equal(proof.statusCode, 200);
      const receipts = proof.json().receipts as ProofReceipt[];
      assert.deepEqual(receipts.map((r) => r.method).sort(), ['banner-accept-all', 'banner-reject-all']);
      assert.deepEqual(receipts.map((r) => r.conflict), [true, true]);
    });

    it('should store an identical repeat once, and mark a lone receipt as not conflicting', async () => {
      const body = receipt();
      const answers = await Promise.all([post(suite.app, body), post(suite.app, body), post(suite.app, body)]);
      assert.deepEqual(answers.map((r) => r.statusCode), [202, 202, 202]);
      // The same receipt with its keys in another order is the same receipt.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      assert.equal((await post(suite.app, reordered)).statusCode, 202);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 1);
      const [only] = (await get(suite.app, `/receipts/${body.consentId}`)).json().receipts as ProofReceipt[];
      assert.equal(only.conflict, false);
    });

    it('should store two different bodies sent together under one key, both answered 202', async () => {
      const first = receipt({ page: '/a' });
      const second = { ...first, page: '/b' };
      const answers = await Promise.all([post(suite.app, first), post(suite.app, second), post(suite.app, first), post(suite.app, second)]);
      assert.deepEqual(answers.map((r) => r.statusCode), [202, 202, 202, 202]);
      assert.equal(await count(suite.fixture.store, 'receipts', 'consent_id = $1', [first.consentId]), 2);
    });

    it('should count one decision per (consentId, decidedAt) in /stats, conflicts and repeats included, and keep that after a rebuild', async () => {
      const day = '2026-08-03';
      const site = 'https://www.cid-it.fr';
      const genuine = receipt({ decidedAt: `${day}T10:00:00.000Z`, method: 'banner-reject-all' });
      const forged = { ...genuine, method: 'banner-accept-all' };
      const other = receipt({ decidedAt: `${day}T11:00:00.000Z` });
      for (const body of [genuine, forged, genuine, forged, other]) assert.equal((await post(suite.app, body)).statusCode, 202);
      const decisions = async () => (await get(suite.app, `/stats?site=${encodeURIComponent(site)}&from=${day}&to=${day}`)).json().days[0].decisions;
      assert.equal(await decisions(), 2);
      await rebuildRollups(suite.fixture.store.sql);
      assert.equal(await decisions(), 2);
    });

    it('should show the conflict mark in the dashboard proof route too', async () => {
      const genuine = receipt({ gpc: true });
      const forged = { ...genuine, gpc: false };
      for (const body of [genuine, forged]) assert.equal((await post(suite.app, body)).statusCode, 202);
      const proof = (await get(suite.app, `/dashboard/proof/${genuine.consentId}`)).json();
      assert.deepEqual(proof.receipts.map((r: ProofReceipt) => r.conflict), [true, true]);
    });
  });
}
