// Issue #21 (CONTRACT §11, §13): `POST /handoff` signs the decision in force, for another allowed
// origin, for two minutes; nothing else gets a token.
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readConfig } from '../src/config.js';
import { makeKeyPair, readHandoffKey } from '../src/handoff.js';
import { KINDS, ORIGIN, OTHER_ORIGIN, get, post, receipt, suiteApp } from './helpers.js';

const keys = makeKeyPair();
const privateKey = readHandoffKey(keys.handoffKeyEnv)!;
/** The public key as a site configures it (raw, base64url), as Node reads it back. */
const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keys.handoffKey }, format: 'jwk' });

function askToken(app: Parameters<typeof post>[0], body: unknown, origin: string = ORIGIN) {
  return app.inject({
    method: 'POST',
    url: '/handoff',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
    payload: JSON.stringify(body),
  });
}

/** The claims of a token, once its signature is checked with the public key. */
function claimsOf(token: string): Record<string, unknown> {
  const [header, payload, signature] = token.split('.');
  assert.ok(verify(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')), 'signature');
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'EdDSA', typ: 'JWT' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

const soon = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

for (const kind of KINDS) {
  describe(`POST /handoff (${kind} store)`, () => {
    const suite = suiteApp(kind, { handoffKey: privateKey });

    it('should sign the decision in force for another allowed origin, for two minutes, never cached', async () => {
      const body = receipt({ decidedAt: soon(5) });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      const answer = await askToken(suite.app, { consentId: body.consentId, decidedAt: body.decidedAt, to: OTHER_ORIGIN });
      assert.equal(answer.statusCode, 200);
      assert.equal(answer.headers['cache-control'], 'no-store');
      assert.equal(answer.headers['access-control-allow-origin'], ORIGIN);
      const claims = claimsOf(answer.json().token);
      assert.deepEqual(
        { ...claims, iat: undefined, exp: undefined },
        { aud: OTHER_ORIGIN, iss: ORIGIN, iat: undefined, exp: undefined, consentId: body.consentId, decidedAt: body.decidedAt, revision: body.revision, choices: body.choices, services: body.services },
      );
      assert.equal((claims.exp as number) - (claims.iat as number), 120);
      assert.ok(Math.abs((claims.iat as number) - Date.now() / 1000) < 5);
    });

    it('should give no token for a decision that is no longer in force (a newer one, a reset) or not stored', async () => {
      const first = receipt({ decidedAt: soon(10) });
      const newer = { ...first, decidedAt: soon(9), method: 'banner-reject-all' };
      const reset = { ...first, decidedAt: soon(8), method: 'reset' };
      for (const body of [first, newer]) assert.equal((await post(suite.app, body)).statusCode, 202);
      const ask = (decidedAt: string) => askToken(suite.app, { consentId: first.consentId, decidedAt, to: OTHER_ORIGIN });
      assert.equal((await ask(first.decidedAt as string)).statusCode, 404);
      assert.equal((await ask(newer.decidedAt)).statusCode, 200);
      assert.equal((await post(suite.app, reset)).statusCode, 202);
      assert.equal((await ask(newer.decidedAt)).statusCode, 404);
      assert.equal((await askToken(suite.app, { consentId: 'neverstored01', decidedAt: soon(1), to: OTHER_ORIGIN })).statusCode, 404);
    });

    it('should give no token while two different decisions conflict under the same instant', async () => {
      const genuine = receipt({ decidedAt: soon(3) });
      const forged = { ...genuine, choices: { necessary: true, analytics: true, marketing: true, partners: true } };
      for (const body of [genuine, forged]) assert.equal((await post(suite.app, body)).statusCode, 202);
      assert.equal((await askToken(suite.app, { consentId: genuine.consentId, decidedAt: genuine.decidedAt, to: OTHER_ORIGIN })).statusCode, 404);
    });

    it('should keep a hand-off receipt from marking its decision as conflicting, and keep the token on offer', async () => {
      const original = receipt({ decidedAt: soon(4) });
      const adopted = { ...original, method: 'handoff', site: OTHER_ORIGIN, page: '/' };
      assert.equal((await post(suite.app, original)).statusCode, 202);
      assert.equal((await post(suite.app, adopted, OTHER_ORIGIN)).statusCode, 202);
      const receipts = (await get(suite.app, `/receipts/${original.consentId}`)).json().receipts as { method: string; conflict: boolean }[];
      assert.deepEqual(receipts.map((r) => [r.method, r.conflict]).sort(), [['banner-accept-all', false], ['handoff', false]]);
      const back = await askToken(suite.app, { consentId: original.consentId, decidedAt: original.decidedAt, to: ORIGIN }, OTHER_ORIGIN);
      assert.equal(back.statusCode, 200);
    });

    it('should keep the token on offer when the adopting site knows other services than the original', async () => {
      // The demo's boutique declares no services: its hand-off receipt of the same decision has none.
      const original = receipt({ decidedAt: soon(4), services: { youtube: true, matomo: false } });
      const adopted = { ...original, method: 'handoff', site: OTHER_ORIGIN, page: '/', services: {} };
      assert.equal((await post(suite.app, original)).statusCode, 202);
      assert.equal((await post(suite.app, adopted, OTHER_ORIGIN)).statusCode, 202);
      const back = await askToken(suite.app, { consentId: original.consentId, decidedAt: original.decidedAt, to: ORIGIN }, OTHER_ORIGIN);
      assert.equal(back.statusCode, 200);
      assert.deepEqual(claimsOf(back.json().token).services, original.services);
    });

    it('should sign the adopted decision when only its hand-off receipt is stored (the original was lost)', async () => {
      const original = receipt({ decidedAt: soon(4) });
      const adopted = { ...original, method: 'handoff', site: OTHER_ORIGIN, page: '/' };
      assert.equal((await post(suite.app, adopted, OTHER_ORIGIN)).statusCode, 202);
      const back = await askToken(suite.app, { consentId: original.consentId, decidedAt: original.decidedAt, to: ORIGIN }, OTHER_ORIGIN);
      assert.equal(back.statusCode, 200);
    });

    it('should not count a hand-off receipt as a decision of the site that adopted it', async () => {
      const day = '2026-08-05';
      const original = receipt({ decidedAt: `${day}T09:00:00.000Z` });
      const adopted = { ...original, method: 'handoff', site: OTHER_ORIGIN, page: '/' };
      assert.equal((await post(suite.app, original)).statusCode, 202);
      assert.equal((await post(suite.app, adopted, OTHER_ORIGIN)).statusCode, 202);
      const decisions = async (site: string) =>
        (await get(suite.app, `/stats?site=${encodeURIComponent(site)}&from=${day}&to=${day}`)).json().days.reduce((n: number, d: { decisions: number }) => n + d.decisions, 0);
      assert.equal(await decisions(ORIGIN), 1);
      assert.equal(await decisions(OTHER_ORIGIN), 0);
    });

    it('should refuse a destination that is not another allowed origin, an origin not allowed, and a hostile body', async () => {
      const body = receipt({ decidedAt: soon(2) });
      assert.equal((await post(suite.app, body)).statusCode, 202);
      const ask = (to: unknown, origin?: string) => askToken(suite.app, { consentId: body.consentId, decidedAt: body.decidedAt, to }, origin);
      assert.equal((await ask('https://evil.example')).statusCode, 400);
      assert.equal((await ask(ORIGIN)).statusCode, 400);
      assert.equal((await ask(OTHER_ORIGIN, 'https://evil.example')).statusCode, 403);
      assert.equal((await ask(OTHER_ORIGIN, 'https://evil.example')).headers['access-control-allow-origin'], undefined);
      const hostile = await askToken(suite.app, { consentId: body.consentId, decidedAt: body.decidedAt, to: OTHER_ORIGIN, __proto__: { admin: true }, extra: 1 });
      assert.equal(hostile.statusCode, 400);
      assert.equal((await askToken(suite.app, { consentId: "x' OR 1=1 --", decidedAt: body.decidedAt, to: OTHER_ORIGIN })).statusCode, 400);
      assert.equal((await askToken(suite.app, { consentId: body.consentId, decidedAt: 'yesterday', to: OTHER_ORIGIN })).statusCode, 400);
    });
  });
}

describe('POST /handoff without HANDOFF_KEY', () => {
  const suite = suiteApp('embedded');

  it('should answer 503, saying what to set', async () => {
    const answer = await askToken(suite.app, { consentId: 'abcdefgh1234', decidedAt: soon(1), to: OTHER_ORIGIN });
    assert.equal(answer.statusCode, 503);
    assert.match(answer.json().error, /HANDOFF_KEY/);
  });
});

describe('HANDOFF_KEY and the key command', () => {
  const env = { ALLOWED_ORIGINS: ORIGIN };

  it('should read the private key the key command prints, and print the public key the sites configure', () => {
    const script = fileURLToPath(new URL('../src/keygen.js', import.meta.url));
    const { stdout, status } = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    assert.equal(status, 0);
    const secret = /^HANDOFF_KEY=(\S+)$/m.exec(stdout)?.[1];
    const shown = /handoffKey: '([\w-]{43})'/.exec(stdout)?.[1];
    const key = readConfig({ ...env, HANDOFF_KEY: secret }).handoffKey!;
    assert.equal(key.export({ format: 'jwk' }).x, shown);
  });

  it('should refuse at start-up a key that is not an Ed25519 private key, naming the variable', () => {
    for (const value of ['not a key', keys.handoffKey, makeRsaKey()]) {
      assert.throws(() => readConfig({ ...env, HANDOFF_KEY: value }), /HANDOFF_KEY must be/);
    }
    assert.equal(readConfig(env).handoffKey, undefined);
  });
});

function makeRsaKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url');
}
