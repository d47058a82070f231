// Retention runs at start-up (and then daily): GDPR art. 5(1)(e), storage limitation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStore } from '../src/store/index.js';
import { ORIGIN, TOKEN, newConsentId, scratchDataDir } from './helpers.js';
import { startReceiver } from './process.js';

describe('retention at start-up (embedded store)', () => {
  it('should delete, when it starts, the receipts older than RETENTION_DAYS and keep the others', async () => {
    const { dir, drop } = await scratchDataDir();
    const old = newConsentId();
    const recent = newConsentId();
    const store = await openStore({ dataDir: dir });
    await store.sql.query(`INSERT INTO notices (hash, body) VALUES ($1, '{}')`, ['a'.repeat(64)]);
    for (const [id, daysAgo] of [[old, 40], [recent, 10]] as const) {
      await store.sql.query(
        `INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
         VALUES ($1, now() - make_interval(days => $2), 1, '{}', '{}', 'api', false, 'fr', $3, '/', $4)`,
        [id, daysAgo, ORIGIN, 'a'.repeat(64)]);
    }
    await store.close();
    const receiver = await startReceiver({ dataDir: dir }, { RETENTION_DAYS: '30' });
    try {
      const status = async (id: string) => (await fetch(`${receiver.url}/receipts/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status;
      let oldStatus = await status(old);
      for (let i = 0; i < 50 && oldStatus !== 404; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        oldStatus = await status(old);
      }
      assert.equal(oldStatus, 404);
      assert.equal(await status(recent), 200);
    } finally {
      receiver.child.kill('SIGTERM');
      await receiver.exited;
      drop();
    }
  });
});
