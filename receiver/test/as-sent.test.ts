// Issue #20, item 4: what the receiver cannot store exactly as it was sent, it refuses (400 naming
// the field) rather than store it changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { KINDS, ORIGIN, count, get, post, receipt, suiteApp } from './helpers.js';

/** Posts raw bytes, as a client that does not go through JSON.stringify may. */
function postBytes(app: FastifyInstance, bytes: Buffer) {
  return app.inject({ method: 'POST', url: '/receipts', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, payload: bytes });
}

for (const kind of KINDS) {
  describe(`receipts stored as sent (${kind} store)`, () => {
    const suite = suiteApp(kind);

    const stored = (body: Record<string, unknown>) => count(suite.fixture.store, 'receipts', 'consent_id = $1', [body.consentId]);

    it('should refuse invalid UTF-8 in a string with a 400 naming its field, instead of storing U+FFFD', async () => {
      const body = receipt({ notice: { texts: { title: 'Vos choix MARK' } } });
      const text = Buffer.from(JSON.stringify(body), 'utf8');
      const at = text.indexOf('MARK');
      text[at] = 0xff;
      const response = await postBytes(suite.app, text);
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error, 'body.notice.texts.title must be valid UTF-8');
      assert.equal(await stored(body), 0);
    });

    it('should refuse a truncated UTF-8 sequence in the page, and still accept a real U+FFFD sent as such', async () => {
      const bad = receipt({ page: '/caf\u00e9' });
      const bytes = Buffer.from(JSON.stringify(bad), 'utf8');
      // "é" is C3 A9: keep C3 alone.
      const cut = Buffer.concat([bytes.subarray(0, bytes.indexOf(0xa9)), bytes.subarray(bytes.indexOf(0xa9) + 1)]);
      const refused = await postBytes(suite.app, cut);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().error, /^body\.page must be valid UTF-8/);
      const good = receipt({ notice: { texts: { title: 'Caract\ufffdre de remplacement' } } });
      assert.equal((await post(suite.app, good)).statusCode, 202);
    });

    it('should refuse an integer above 2^53 with a 400 naming its field, instead of hashing it rounded', async () => {
      const body = receipt({ notice: { texts: { title: 'x' }, count: 1 } });
      const text = JSON.stringify(body).replace('"count":1', '"count":9007199254740993');
      const response = await post(suite.app, text);
      assert.equal(response.statusCode, 400);
      assert.match(response.json().error, /^body\.notice\.count must be a number that reads back as written/);
      assert.equal(await stored(body), 0);
    });

    it('should refuse a revision or a decimal that a double cannot hold as written, and accept other spellings of the same number', async () => {
      const base = receipt();
      const revision = await post(suite.app, JSON.stringify(base).replace('"revision":3', '"revision":3.0000000000000001'));
      assert.equal(revision.statusCode, 400);
      assert.match(revision.json().error, /^body\.revision /);
      const decimal = await post(suite.app, JSON.stringify(receipt({ notice: { ratio: 0.5 } })).replace('"ratio":0.5', '"ratio":0.10000000000000000001'));
      assert.equal(decimal.statusCode, 400);
      assert.match(decimal.json().error, /^body\.notice\.ratio /);
      const same = receipt({ notice: { ratio: 0.5, big: 1e21 } });
      const spelled = JSON.stringify(same).replace('"ratio":0.5', '"ratio":5.0E-1').replace('"big":1e+21', '"big":1000000000000000000000');
      assert.equal((await post(suite.app, spelled)).statusCode, 202);
    });

    it('should refuse a decidedAt that is not written as toISOString writes it, so that two decisions never collapse', async () => {
      const first = receipt({ decidedAt: '2026-11-26T10:00:00.0001Z' });
      const second = { ...first, decidedAt: '2026-11-26T10:00:00.0002Z', method: 'banner-reject-all' };
      for (const body of [first, second, { ...first, decidedAt: '2026-11-26T11:00:00.000+01:00' }, { ...first, decidedAt: '2026-11-26T10:00:00Z' }]) {
        const response = await post(suite.app, body);
        assert.equal(response.statusCode, 400, String(body.decidedAt));
        assert.match(response.json().error, /^body\.decidedAt /);
      }
      assert.equal(await stored(first), 0);
    });

    it('should refuse a page holding control or bidirectional characters with a 400 naming body.page', async () => {
      for (const page of ['/produits/\u202egnp.exe', '/a\u2066b\u2069', '/\u0085next', '/\u009bx', '/a\u200fb']) {
        const body = receipt({ page });
        const response = await post(suite.app, body);
        assert.equal(response.statusCode, 400, JSON.stringify(page));
        assert.match(response.json().error, /^body\.page /);
        assert.equal(await stored(body), 0);
      }
      const encoded = receipt({ page: '/caf%C3%A9/%E2%80%AE' });
      assert.equal((await post(suite.app, encoded)).statusCode, 202);
    });

    it('should refuse a key sent twice in one object, which JSON.parse would silently keep once', async () => {
      const body = receipt({ choices: { necessary: true, analytics: false } });
      const text = JSON.stringify(body).replace('"analytics":false', '"analytics":true,"analytics":false');
      const response = await post(suite.app, text);
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error, 'body.choices has the key "analytics" twice');
      assert.equal(await stored(body), 0);
    });

    it('should store a valid receipt byte for byte as the proof gives it back', async () => {
      const body = receipt({ page: '/caf%C3%A9', notice: { texts: { title: 'Ünïcödé ✓ 🍪', note: 'a\u0000b' }, n: -0.000123, m: 2 ** 53 - 1 } });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      const [proof] = (await get(suite.app, `/receipts/${body.consentId}`)).json().receipts;
      assert.deepEqual(proof.notice, body.notice);
      assert.equal(proof.page, body.page);
      assert.equal(proof.decidedAt, body.decidedAt);
    });
  });
}
