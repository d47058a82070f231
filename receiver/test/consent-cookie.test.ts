// Issue #21 (CONTRACT §6, §10, §11): the answer to a same-origin receipt of the decision in force sets
// the consent cookie by HTTP, the value from the widget's own encoder, for what remains of its lifetime.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { encodeRecord } from '#widget/core/record.js';
import { readConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { KINDS, ORIGIN, OTHER_ORIGIN, TOKEN, openTestStore, receipt, type TestStore } from './helpers.js';

const DAY_S = 86_400;
const NOTICE = {
  widget: '0.3.0',
  maxAgeDays: 182,
  texts: {},
  purposes: [
    { id: 'necessary', required: true, label: 'N', description: '', services: [] },
    { id: 'analytics', required: false, label: 'A', description: '', services: [] },
    { id: 'marketing', required: false, label: 'M', description: '', services: [{ id: 'meta', name: 'Meta' }, { id: 'youtube', name: 'YouTube' }] },
    { id: 'partners', required: false, label: 'P', description: '', services: [] },
  ],
};

/** A receipt of a decision taken `minutesAgo`: analytics granted, marketing for YouTube only. */
function decision(minutesAgo: number, overrides: Record<string, unknown> = {}) {
  return receipt({
    decidedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    choices: { necessary: true, analytics: true, marketing: false, partners: false },
    services: { meta: false, youtube: true },
    notice: NOTICE,
    ...overrides,
  });
}

function send(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/receipts',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
    payload: JSON.stringify(body),
  });
}

/** `name=value; A=b; …` → { name, value, attributes: { a: 'b', … } } (attribute names lower case). */
function parse(header: string | string[] | number | undefined) {
  assert.equal(typeof header, 'string', `one Set-Cookie expected, got ${JSON.stringify(header)}`);
  const [pair, ...rest] = (header as string).split('; ');
  const at = pair.indexOf('=');
  return {
    name: pair.slice(0, at),
    value: pair.slice(at + 1),
    attributes: Object.fromEntries(rest.map((part) => [part.split('=')[0].toLowerCase(), part.split('=')[1] ?? true])),
  };
}

for (const kind of KINDS) {
  describe(`the consent cookie set by HTTP (${kind} store)`, () => {
    let fixture: TestStore;
    let app: FastifyInstance;
    before(async () => {
      fixture = await openTestStore(kind);
      const { cookie } = readConfig({ ALLOWED_ORIGINS: `${ORIGIN},${OTHER_ORIGIN}`, COOKIE_DOMAINS: `${ORIGIN}=.cid-it.fr` });
      app = await buildServer({ allowedOrigins: [ORIGIN, OTHER_ORIGIN], token: TOKEN, rateLimitPerMinute: 1e6, trustProxy: true, logLevel: 'silent', cookie }, fixture.store);
    });
    after(async () => {
      await app?.close();
      await fixture?.dispose();
    });

    it('should set the cookie the widget writes: its value from the widget\'s encoder, its domain, path, SameSite and the lifetime that remains', async () => {
      const body = decision(60);
      const answer = await send(app, body);
      assert.equal(answer.statusCode, 202);
      const cookie = parse(answer.headers['set-cookie']);
      const time = Date.parse(body.decidedAt as string);
      assert.equal(cookie.name, 'cid_consent');
      assert.equal(cookie.value, encodeRecord({ id: body.consentId as string, time, revision: 3, choices: { analytics: true, marketing: { only: ['youtube'] }, partners: false } }));
      assert.equal(cookie.value, `1|${body.consentId}|${time.toString(36)}|3|analytics=1&marketing=youtube&partners=0`);
      assert.deepEqual({ ...cookie.attributes, 'max-age': undefined }, { domain: '.cid-it.fr', path: '/', samesite: 'Lax', 'max-age': undefined });
      const expected = 182 * DAY_S - 3600;
      assert.ok(Math.abs(Number(cookie.attributes['max-age']) - expected) <= 5, `Max-Age ${cookie.attributes['max-age']}, expected about ${expected}`);
    });

    it('should make it Secure when the page was served over https, as the proxy says', async () => {
      const answer = await send(app, decision(1), { 'x-forwarded-proto': 'https' });
      assert.equal(parse(answer.headers['set-cookie']).attributes.secure, true);
    });

    it('should set a host-only cookie for an origin COOKIE_DOMAINS does not name', async () => {
      const answer = await send(app, decision(1, { site: OTHER_ORIGIN }), { origin: OTHER_ORIGIN });
      assert.equal(parse(answer.headers['set-cookie']).attributes.domain, undefined);
    });

    it('should delete it for a reset in force', async () => {
      const first = decision(5);
      await send(app, first);
      const answer = await send(app, { ...first, decidedAt: new Date(Date.now() - 60_000).toISOString(), method: 'reset' });
      const cookie = parse(answer.headers['set-cookie']);
      assert.deepEqual([cookie.value, cookie.attributes['max-age']], ['', '0']);
    });

    it('should not set it from a receipt of an older decision that arrives after a newer one', async () => {
      const newer = decision(2);
      assert.ok((await send(app, newer)).headers['set-cookie']);
      const older = { ...newer, decidedAt: new Date(Date.now() - 10 * 60_000).toISOString(), choices: { ...(newer.choices as object), analytics: false } };
      const answer = await send(app, older);
      assert.equal(answer.statusCode, 202);
      assert.equal(answer.headers['set-cookie'], undefined);
      // Nor an old reset over a decision taken since.
      assert.equal((await send(app, { ...older, method: 'reset' })).headers['set-cookie'], undefined);
    });

    it('should set none for a page of another origin, nor for a decision past its lifetime or a notice that lists no purposes', async () => {
      assert.equal((await send(app, decision(1), { 'sec-fetch-site': 'cross-site' })).headers['set-cookie'], undefined);
      assert.equal((await send(app, decision(183 * 24 * 60))).headers['set-cookie'], undefined);
      const bare = await send(app, decision(1, { notice: { widget: '0.2.0', texts: {} } }));
      assert.equal(bare.statusCode, 202);
      assert.equal(bare.headers['set-cookie'], undefined);
    });

    it('should answer the same whatever cookies the request carries, and read none', async () => {
      const body = decision(1);
      const plain = await send(app, body);
      const again = await send(app, { ...body, decidedAt: new Date(Date.parse(body.decidedAt as string) + 1).toISOString() }, { cookie: 'cid_consent=1|forged|0|0|analytics=1' });
      assert.equal(again.statusCode, 202);
      assert.equal(parse(again.headers['set-cookie']).value.split('|').slice(0, 2).join('|'), parse(plain.headers['set-cookie']).value.split('|').slice(0, 2).join('|'));
    });
  });
}

describe('COOKIE_NAME and COOKIE_DOMAINS', () => {
  const env = { ALLOWED_ORIGINS: `${ORIGIN},${OTHER_ORIGIN}` };
  it('should default to cid_consent, host-only, and read a domain per origin', () => {
    assert.deepEqual(readConfig(env).cookie, { name: 'cid_consent', domains: new Map() });
    const { cookie } = readConfig({ ...env, COOKIE_NAME: 'consent', COOKIE_DOMAINS: `${ORIGIN}=.cid-it.fr, ${OTHER_ORIGIN}=cid-it.boutique` });
    assert.deepEqual(cookie, { name: 'consent', domains: new Map([[ORIGIN, '.cid-it.fr'], [OTHER_ORIGIN, 'cid-it.boutique']]) });
  });

  it('should refuse at start-up a name or a domain the sites could not have, naming the variable', () => {
    assert.throws(() => readConfig({ ...env, COOKIE_NAME: 'a b' }), /COOKIE_NAME/);
    for (const domains of [`${ORIGIN}=.example.com`, 'https://evil.example=.evil.example', `${ORIGIN}`, `${ORIGIN}=.cid-it.fr;x`]) {
      assert.throws(() => readConfig({ ...env, COOKIE_DOMAINS: domains }), /COOKIE_DOMAINS/, domains);
    }
  });
});
