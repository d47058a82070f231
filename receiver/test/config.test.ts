// Settings (CONTRACT §11 environment) and start-up against a PostgreSQL that is not there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../src/config.js';
import { openStore } from '../src/store/index.js';

describe('receiver settings', () => {
  it('should apply the contract defaults', () => {
    const config = readConfig({ ALLOWED_ORIGINS: 'https://www.cid-it.fr, https://www.cid-it.boutique' });
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, '.data/receipts');
    assert.equal(config.retentionDays, 1825);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.token, undefined);
    assert.deepEqual(config.allowedOrigins, ['https://www.cid-it.fr', 'https://www.cid-it.boutique']);
  });

  it('should read TRUST_PROXY as a number of hops, or addresses, or off', () => {
    const hops = readConfig({ ALLOWED_ORIGINS: 'https://a.fr', TRUST_PROXY: '1' }).trustProxy;
    assert.equal(typeof hops, 'function');
    // Only the proxy in front is trusted: the address a client writes first in X-Forwarded-For is not.
    assert.deepEqual([0, 1].map((hop) => (hops as (a: string, h: number) => boolean)('10.0.0.1', hop)), [true, false]);
    assert.equal(readConfig({ ALLOWED_ORIGINS: 'https://a.fr', TRUST_PROXY: '127.0.0.1' }).trustProxy, '127.0.0.1');
    assert.equal(readConfig({ ALLOWED_ORIGINS: 'https://a.fr' }).trustProxy, false);
  });

  const wrong: [string, Record<string, string>, RegExp][] = [
    ['no ALLOWED_ORIGINS', {}, /^ALLOWED_ORIGINS is required/],
    ['an origin with a path', { ALLOWED_ORIGINS: 'https://www.cid-it.fr/' }, /^ALLOWED_ORIGINS: "https:\/\/www.cid-it.fr\/" is not an origin/],
    ['a port that is not a number', { ALLOWED_ORIGINS: 'https://a.fr', PORT: 'eighty' }, /^PORT must be an integer/],
    ['a retention of 0 days', { ALLOWED_ORIGINS: 'https://a.fr', RETENTION_DAYS: '0' }, /^RETENTION_DAYS must be an integer from 1/],
    ['a DATABASE_URL that is not postgres://', { ALLOWED_ORIGINS: 'https://a.fr', DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres:\/\//],
    ['a token too short to be a secret', { ALLOWED_ORIGINS: 'https://a.fr', RECEIVER_TOKEN: 'abc' }, /^RECEIVER_TOKEN must be at least 16/],
  ];
  for (const [what, env, message] of wrong) {
    it(`should refuse ${what}, naming the variable`, () => {
      assert.throws(() => readConfig(env), { message });
    });
  }

  it('should wait for a PostgreSQL that does not answer yet, then give up with its error', async () => {
    const started = Date.now();
    await assert.rejects(openStore({ dataDir: '', databaseUrl: 'postgres://cid:cid@127.0.0.1:18799/cid_receiver_none', startupWaitMs: 1000 }), /ECONNREFUSED/);
    assert.ok(Date.now() - started >= 1000);
  });
});
