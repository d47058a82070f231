// CONTRACT §11 routes, on the embedded store and on PostgreSQL.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { canonicalJson, sha256Hex } from '../src/canonical.js';
import { migrate } from '../src/store/migrate.js';
import { deleteExpired } from '../src/store/receipts.js';
import { KINDS, ORIGIN, OTHER_ORIGIN, count, get, openTestStore, post, receipt, testApp, type TestStore } from './helpers.js';

for (const kind of KINDS) {
  describe(`receiver routes (${kind} store)`, () => {
    let fixture: TestStore;
    let app: FastifyInstance;
    before(async () => {
      fixture = await openTestStore(kind);
      app = await testApp(fixture.store);
    });
    after(async () => {
      await app?.close();
      await fixture?.dispose();
    });

    it('should answer 202 only once the receipt is stored with every §10 field and the notice it saw', async () => {
      const body = receipt();
      const response = await post(app, body);
      assert.equal(response.statusCode, 202);
      assert.deepEqual(response.json(), { ok: true });
      const proof = await get(app, `/receipts/${body.consentId}`);
      assert.equal(proof.statusCode, 200);
      const [stored] = proof.json().receipts;
      for (const field of ['decidedAt', 'revision', 'choices', 'services', 'method', 'gpc', 'lang', 'site', 'page', 'notice']) {
        assert.deepEqual(stored[field], body[field], field);
      }
      assert.equal(stored.noticeHash, sha256Hex(canonicalJson(body.notice)));
      assert.match(stored.receivedAt, /^\d{4}-\d\d-\d\dT/);
    });

    it('should store a repeat of (consentId, decidedAt) once', async () => {
      const body = receipt();
      const answers = await Promise.all([post(app, body), post(app, body), post(app, body)]);
      assert.deepEqual(answers.map((r) => r.statusCode), [202, 202, 202]);
      assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 1);
    });

    it('should keep one notice per canonical JSON, whatever the key order', async () => {
      const notice = { purposes: [{ id: 'marketing', label: 'Offres' }], widget: '9.9.9-once' };
      const reordered = { widget: '9.9.9-once', purposes: [{ label: 'Offres', id: 'marketing' }] };
      assert.equal((await post(app, receipt({ notice }))).statusCode, 202);
      assert.equal((await post(app, receipt({ notice: reordered }))).statusCode, 202);
      assert.equal(await count(fixture.store, 'notices', 'hash = $1', [sha256Hex(canonicalJson(notice))]), 1);
    });

    it('should list every receipt of a consent id, oldest first', async () => {
      const first = receipt({ decidedAt: '2026-11-20T08:00:00.000Z', method: 'banner-reject-all' });
      const second = { ...first, decidedAt: '2026-11-25T08:00:00.000Z', method: 'panel-save' };
      assert.equal((await post(app, second)).statusCode, 202);
      assert.equal((await post(app, first)).statusCode, 202);
      const proof = (await get(app, `/receipts/${first.consentId}`)).json();
      assert.deepEqual(proof.receipts.map((r: { method: string }) => r.method), ['banner-reject-all', 'panel-save']);
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['a choice that is not a boolean', { choices: { analytics: 'yes' } }, 'body.choices.analytics must be boolean'],
      ['a missing field', { consentId: undefined }, 'body.consentId is required'],
      ['an unknown field', { ip: '1.2.3.4' }, 'body.ip is not allowed'],
      ['another format version', { v: 2 }, 'body.v must be 1'],
      ['a page with a query string', { page: '/panier?email=a@b.fr' }, 'body.page'],
      ['a malformed consent id', { consentId: 'ABC' }, 'body.consentId'],
      ['an unknown method', { method: 'banner-maybe' }, 'body.method must be one of'],
      ['a revision that is not an integer', { revision: 1.5 }, 'body.revision must be integer'],
      ['a date that is not a date-time', { decidedAt: 'yesterday' }, 'body.decidedAt'],
      ['a site that is not the posting page\'s', { site: OTHER_ORIGIN }, 'body.site'],
      ['a service id that is not an id', { services: { 'no spaces': true } }, 'body.services'],
    ];
    for (const [what, change, message] of invalid) {
      it(`should answer 400 naming the field for ${what}, and store nothing`, async () => {
        const body = { ...receipt(), ...change };
        const response = await post(app, body);
        assert.equal(response.statusCode, 400);
        assert.ok(response.json().error.startsWith(message), response.json().error);
        if (typeof body.consentId === 'string' && /^[a-z0-9]{8,32}$/.test(body.consentId)) {
          assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 0);
        }
      });
    }

    it('should answer 400 for a body that is not JSON', async () => {
      const response = await post(app, '{"v":1,');
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error, 'body must be a JSON object');
    });

    it('should answer 403 without any CORS header to an origin not allowed, and store nothing', async () => {
      const body = receipt({ site: 'https://evil.example' });
      for (const origin of ['https://evil.example', null, 'null']) {
        const response = await post(app, body, origin);
        assert.equal(response.statusCode, 403);
        assert.equal(Object.keys(response.headers).filter((h) => h.startsWith('access-control-')).length, 0);
      }
      assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 0);
    });

    it('should answer the CORS preflight of an allowed origin', async () => {
      const response = await app.inject({
        method: 'OPTIONS', url: '/receipts',
        headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(response.statusCode, 204);
      assert.equal(response.headers['access-control-allow-origin'], OTHER_ORIGIN);
    });

    it('should answer 413 to a body over 16 KB', async () => {
      const body = receipt({ notice: { texts: { long: 'x'.repeat(17 * 1024) } } });
      const response = await post(app, body);
      assert.equal(response.statusCode, 413);
      assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [body.consentId]), 0);
    });

    it('should answer 401 to a read without the token or with a wrong one', async () => {
      for (const token of [null, 'wrong-token-0123456789abcdef', '']) {
        const response = await get(app, '/stats', token);
        assert.equal(response.statusCode, 401);
        assert.match(String(response.headers['www-authenticate']), /^Bearer/);
      }
    });

    it('should answer 404 for a consent id with no receipt', async () => {
      assert.equal((await get(app, '/receipts/nosuchconsent1')).statusCode, 404);
    });

    it('should report its store on /health', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { ok: true, store: kind });
    });

    it('should count decisions, methods and grant rates per day in /stats, per site', async () => {
      const site = OTHER_ORIGIN;
      const day = '2026-10-01';
      const send = (method: string, analytics: boolean, gpc = false) =>
        post(app, receipt({ site, method, gpc, decidedAt: `${day}T12:00:00.000Z`, choices: { necessary: true, analytics }, services: {} }), site);
      for (const response of await Promise.all([
        send('banner-accept-all', true), send('banner-reject-all', false, true), send('panel-save', true), send('panel-reject-all', false),
      ])) assert.equal(response.statusCode, 202);
      const stats = (await get(app, `/stats?site=${encodeURIComponent(site)}&from=${day}&to=${day}`)).json();
      assert.equal(stats.days.length, 1);
      const [entry] = stats.days;
      assert.equal(entry.day, day);
      assert.equal(entry.decisions, 4);
      assert.equal(entry.acceptAll, 1);
      assert.equal(entry.rejectAll, 2);
      assert.equal(entry.custom, 1);
      assert.equal(entry.gpc, 1);
      // Split by Global Privacy Control (issue #25): the one GPC decision refused.
      assert.deepEqual(entry.purposes.analytics, {
        granted: 2, decisions: 4, rate: 0.5,
        withGpc: { granted: 0, decisions: 1, rate: 0 },
        withoutGpc: { granted: 2, decisions: 3, rate: 0.6667 },
      });
    });

    it('should answer 400 naming the parameter for a day that does not exist, on /stats and /export', async () => {
      for (const url of ['/stats?from=2026-02-31', '/export?to=2026-04-31', '/stats?to=2026-13-01']) {
        const response = await get(app, url);
        assert.equal(response.statusCode, 400, url);
        assert.match(response.json().error, /^querystring\.(from|to) /);
      }
    });

    it('should answer 400, not a 503, for a site holding a NUL character', async () => {
      for (const url of ['/stats?site=%00', '/export?site=a%00b']) {
        const response = await get(app, url);
        assert.equal(response.statusCode, 400, url);
        assert.match(response.json().error, /site/);
      }
    });

    it('should stream every receipt in /export as NDJSON and as CSV', async () => {
      const site = ORIGIN;
      const day = '2025-01-15';
      const bodies = Array.from({ length: 1205 }, () => receipt({ decidedAt: `${day}T09:00:00.000Z` }));
      const answers = await Promise.all(bodies.map((body) => post(app, body)));
      assert.ok(answers.every((r) => r.statusCode === 202));
      const ndjson = await get(app, `/export?from=${day}&to=${day}&site=${encodeURIComponent(site)}`);
      assert.equal(ndjson.statusCode, 200);
      const lines = ndjson.body.trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(lines.length, 1205);
      assert.deepEqual(new Set(lines.map((l: { consentId: string }) => l.consentId)), new Set(bodies.map((b) => b.consentId)));
      const csv = await get(app, `/export?from=${day}&to=${day}&format=csv`);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const rows = csv.body.trim().split('\n');
      assert.equal(rows[0], 'consentId,decidedAt,receivedAt,revision,method,gpc,lang,site,page,noticeHash,choices,services');
      assert.equal(rows.length, 1206);
    });

    it('should delete receipts older than the retention period, and keep the others', async () => {
      const old = receipt({ decidedAt: '2019-06-01T00:00:00.000Z' });
      const recent = receipt({ decidedAt: new Date().toISOString() });
      // 2019 is outside the accepted range of a posted receipt: stored directly.
      await fixture.store.sql.query(
        `INSERT INTO notices (hash, body) VALUES ($1, '{}') ON CONFLICT DO NOTHING`, ['0'.repeat(64)]);
      await fixture.store.sql.query(
        `INSERT INTO receipts (consent_id, decided_at, revision, choices, services, method, gpc, lang, site, page, notice_hash)
         VALUES ($1, $2, 1, '{}', '{}', 'api', false, 'fr', $3, '/', $4)`, [old.consentId, old.decidedAt, ORIGIN, '0'.repeat(64)]);
      assert.equal((await post(app, recent)).statusCode, 202);
      const deleted = await deleteExpired(fixture.store.sql, 365);
      assert.ok(deleted >= 1);
      assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [old.consentId]), 0);
      assert.equal(await count(fixture.store, 'receipts', 'consent_id = $1', [recent.consentId]), 1);
    });

    it('should refuse any UPDATE of a receipt (append-only)', async () => {
      const body = receipt();
      assert.equal((await post(app, body)).statusCode, 202);
      await assert.rejects(fixture.store.sql.query(`UPDATE receipts SET gpc = true WHERE consent_id = $1`, [body.consentId]), /append-only/);
    });

    it('should apply each migration once', async () => {
      assert.deepEqual(await migrate(fixture.store.sql), []);
      const files = readdirSync(new URL('../../migrations/', import.meta.url)).filter((name) => name.endsWith('.sql'));
      assert.equal(await count(fixture.store, 'schema_migrations'), files.length);
    });
  });
}

describe('receiver limits (embedded store)', () => {
  let fixture: TestStore;
  before(async () => {
    fixture = await openTestStore('embedded');
  });
  after(async () => {
    await fixture?.dispose();
  });

  it('should answer 429 with Retry-After to a client over its rate', async () => {
    const app = await testApp(fixture.store, { rateLimitPerMinute: 3 });
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i += 1) {
      last = await post(app, receipt());
      statuses.push(last.statusCode);
    }
    await app.close();
    assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
    assert.ok(Number(last?.headers['retry-after']) > 0);
  });

  it('should answer 503 on read routes when no token is configured', async () => {
    const app = await testApp(fixture.store, { token: null });
    const response = await get(app, '/stats');
    await app.close();
    assert.equal(response.statusCode, 503);
    assert.match(response.json().error, /RECEIVER_TOKEN/);
  });
});
