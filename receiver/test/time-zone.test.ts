// Issue #25, item 5 (CONTRACT §11 TIME_ZONE): statistics count days on the calendar of the site's
// time zone, Europe/Paris by default, as the proof and the people reading the dashboard do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from '../src/config.js';
import { openStore } from '../src/store/index.js';
import { KINDS, ORIGIN, TOKEN, get, post, receipt, scratchLocation, suiteApp, testApp } from './helpers.js';

/** Decisions per day of /stats over a period, as { day: decisions }. */
async function perDay(app: Parameters<typeof get>[0], from: string, to: string, site = ORIGIN): Promise<Record<string, number>> {
  const { days } = (await get(app, `/stats?site=${encodeURIComponent(site)}&from=${from}&to=${to}`)).json() as { days: { day: string; decisions: number }[] };
  return Object.fromEntries(days.map(({ day, decisions }) => [day, decisions]));
}

for (const kind of KINDS) {
  describe(`days in TIME_ZONE (${kind} store)`, () => {
    const suite = suiteApp(kind);

    it('should count a decision taken after midnight in Paris on the Paris day, in winter time and in summer time', async () => {
      const site = 'https://shop.cid-it.boutique';
      const at = (decidedAt: string) => post(suite.app, receipt({ site, decidedAt }), site);
      // 00:30 in Paris on 5 December (UTC+1) and on 5 July (UTC+2); 23:30 in Paris on 4 July.
      for (const decidedAt of ['2026-12-04T23:30:00.000Z', '2026-07-04T22:30:00.000Z', '2026-07-04T21:30:00.000Z']) {
        assert.equal((await at(decidedAt)).statusCode, 202);
      }
      assert.deepEqual(await perDay(suite.app, '2026-12-04', '2026-12-05', site), { '2026-12-05': 1 });
      assert.deepEqual(await perDay(suite.app, '2026-07-04', '2026-07-05', site), { '2026-07-04': 1, '2026-07-05': 1 });
    });

    it('should export the receipts of a Paris day, the one decided at 00:30 there included', async () => {
      const site = 'https://shop.cid-it.boutique';
      const late = receipt({ site, decidedAt: '2026-10-09T22:30:00.000Z' });
      const before = receipt({ site, decidedAt: '2026-10-09T21:30:00.000Z' });
      for (const body of [late, before]) assert.equal((await post(suite.app, body, site)).statusCode, 202);
      const lines = (await get(suite.app, `/export?from=2026-10-10&to=2026-10-10&site=${encodeURIComponent(site)}&format=ndjson`)).body.trim().split('\n');
      assert.deepEqual(lines.map((line) => JSON.parse(line).consentId), [late.consentId]);
    });

    it('should recount the stored days once when TIME_ZONE changes, and not on the next start in the same zone', async () => {
      const { location, drop } = await scratchLocation(kind);
      const rebuilt: string[] = [];
      const open = (timeZone: string) => openStore({ dataDir: '', ...location, timeZone, onRebuilt: (zone) => rebuilt.push(zone) });
      try {
        let store = await open('UTC');
        let app = await testApp(store);
        assert.equal((await post(app, receipt({ decidedAt: '2026-12-04T23:30:00.000Z' }))).statusCode, 202);
        assert.deepEqual(await perDay(app, '2026-12-04', '2026-12-05'), { '2026-12-04': 1 });
        await app.close();
        await store.close();
        store = await open('Europe/Paris');
        app = await testApp(store);
        assert.deepEqual(await perDay(app, '2026-12-04', '2026-12-05'), { '2026-12-05': 1 });
        await app.close();
        await store.close();
        store = await open('Europe/Paris');
        await store.close();
        // The scratch location was made in the default zone (Europe/Paris): UTC, then Paris again; not a third time.
        assert.deepEqual(rebuilt, ['UTC', 'Europe/Paris']);
      } finally {
        await drop();
      }
    });
  });
}

describe('TIME_ZONE at start-up', () => {
  const env = { ALLOWED_ORIGINS: ORIGIN, RECEIVER_TOKEN: TOKEN };

  it('should count days in Europe/Paris when TIME_ZONE is unset', () => {
    assert.equal(readConfig(env).timeZone, 'Europe/Paris');
  });

  it('should refuse a name that is no time zone, naming the variable and the value', () => {
    assert.throws(() => readConfig({ ...env, TIME_ZONE: 'Paris' }), (error: Error) => error instanceof ConfigError && /TIME_ZONE.*"Paris"/.test(error.message));
    assert.throws(() => readConfig({ ...env, TIME_ZONE: 'Mars/Olympus' }), ConfigError);
  });

  it('should accept any IANA zone, UTC included', () => {
    assert.equal(readConfig({ ...env, TIME_ZONE: 'UTC' }).timeZone, 'UTC');
    assert.equal(readConfig({ ...env, TIME_ZONE: 'America/Cayenne' }).timeZone, 'America/Cayenne');
  });
});
