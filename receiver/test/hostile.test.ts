// Hostile bodies (fast-check): never a 5xx, never stored when refused, each 400 names the field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { KINDS, ORIGIN, newConsentId, openTestStore, post, receipt, testApp, type TestStore } from './helpers.js';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 2500);
const FIELDS = ['v', 'consentId', 'decidedAt', 'revision', 'choices', 'services', 'method', 'gpc', 'lang', 'site', 'page', 'notice'];
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const anyJson = fc.oneof(fc.jsonValue(), anyString, fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 31, '', {}, []));

/** A receipt whose fields are, one or several, replaced, removed or joined by hostile ones. */
const mutated = fc.record({
  replace: fc.dictionary(fc.constantFrom(...FIELDS), anyJson, { maxKeys: 3 }),
  remove: fc.subarray(FIELDS, { maxLength: 2 }),
  extra: fc.dictionary(anyString, anyJson, { maxKeys: 2 }),
  choices: fc.option(fc.dictionary(anyString, fc.oneof(fc.boolean(), anyJson), { maxKeys: 80 })),
  page: fc.option(anyString.map((s) => `/${s}`)),
  notice: fc.option(fc.dictionary(anyString, anyJson, { minKeys: 1, maxKeys: 40 })),
  decidedAt: fc.option(fc.oneof(
    fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString()),
    fc.constantFrom('2026-02-30T10:00:00Z', '2026-11-26T23:59:60Z', '2026-11-26T10:00:00+15:00', '2026-11-26 10:00:00Z',
      '2026-11-26T10:00:00.1234567890Z', '0000-01-01T00:00:00Z', '2026-13-01T00:00:00Z'),
  )),
}).map(({ replace, remove, extra, choices, page, notice, decidedAt }) => {
  const body: Record<string, unknown> = { ...extra, ...receipt(), ...replace };
  for (const field of remove) delete body[field];
  if (choices !== null) body.choices = choices;
  if (page !== null) body.page = page;
  if (notice !== null) body.notice = notice;
  if (decidedAt !== null) body.decidedAt = decidedAt;
  return JSON.stringify(body);
});

/** Valid receipts carrying hostile but legal content: any text in the notice, odd ids and paths. */
const validish = fc.record({
  choices: fc.dictionary(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,31}$/), fc.boolean(), { maxKeys: 64 }),
  notice: fc.dictionary(anyString, anyJson, { minKeys: 1, maxKeys: 20 }),
  page: fc.webPath().map((path) => `/${path.replace(/^\//, '')}`),
  decidedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31') }).map((d) => d.toISOString()),
  gpc: fc.boolean(),
  revision: fc.integer({ min: 0, max: 2147483647 }),
}).map((fields) => JSON.stringify({ ...receipt(), ...fields }));

/** Not even a receipt: any JSON, any text, a deeply nested notice, prototype keys. */
const garbage = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  anyString,
  fc.integer({ min: 1, max: 5000 }).map((depth) =>
    JSON.stringify({ ...receipt(), notice: { a: 0 } }).replace('{"a":0}', `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
  fc.constantFrom('{"__proto__":{"x":1}}', `{"v":1,"notice":{"constructor":{"prototype":{"x":1}}}}`, '', 'null', '[]', '{', '\u0000'),
);

for (const kind of KINDS) {
  describe(`hostile bodies (${kind} store)`, () => {
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

    it(`should never answer a 5xx to ${RUNS} generated bodies, name the field of each 400, and store exactly what got 202`, async () => {
      const accepted = new Set<string>();
      const posted = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: validish, weight: 2 }, { arbitrary: garbage, weight: 1 }), fc.constantFrom('text/plain;charset=UTF-8', 'application/json'), async (text, type) => {
          // Each case its own consent id, so that what is stored can be told apart.
          const id = newConsentId();
          const payload = text.replace(/"consentId":"t[a-z0-9]+"/, `"consentId":"${id}"`);
          posted.add(id);
          const response = await post(app, payload, ORIGIN, type);
          assert.ok([202, 400, 413].includes(response.statusCode), `${response.statusCode} ${response.body} for ${payload.slice(0, 300)}`);
          if (response.statusCode === 400) assert.match(response.json().error, /^body( |\.|\[| must)/, response.body);
          if (response.statusCode === 202) {
            const body = JSON.parse(payload);
            accepted.add(`${body.consentId} ${new Date(body.decidedAt).toISOString()}`);
          }
        }),
        { numRuns: RUNS },
      );
      const rows = await fixture.store.sql.query<{ key: string }>(
        `SELECT consent_id || ' ' || to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS key
         FROM receipts WHERE consent_id = ANY($1::text[])`, [[...posted]]);
      assert.deepEqual(new Set(rows.map((row) => row.key)), accepted);
      assert.ok(accepted.size > RUNS / 50, `only ${accepted.size} bodies were valid: the generator should keep some valid`);
    });

    it('should never answer a 5xx to generated query strings and paths on the read routes', async () => {
      const day = fc.oneof(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2110-01-01') }).map((d) => d.toISOString().slice(0, 10)),
        fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        anyString,
      );
      const query = fc.record({ site: fc.option(anyString), from: fc.option(day), to: fc.option(day), format: fc.option(anyString), extra: fc.option(anyString) });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('/stats', '/export', '/receipts/'), query, anyString, async (route, params, id) => {
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(params)) if (value !== null) search.set(key, value);
          const url = route === '/receipts/' ? `/receipts/${encodeURIComponent(id)}` : `${route}?${search}`;
          const response = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer test-token-0123456789abcdef' } });
          assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body.slice(0, 200)} for ${url}`);
        }),
        { numRuns: 300 },
      );
    });
  });
}
