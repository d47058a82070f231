// Issue #21 (CONTRACT §13): what a page checks before adopting a sister site's decision.
import { expect } from '@open-wc/testing';
import { takeToken, withToken } from '../../src/handoff/fragment.js';
import { checkToken, type HandoffClaims } from '../../src/handoff/token.js';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const HEADER = base64url(new TextEncoder().encode(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' })));
const NOW = Date.UTC(2026, 11, 5, 10);
const HERE = 'https://www.cid-it.boutique';
const THERE = 'https://www.cid-it.fr';

async function keyPair() {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { keys, publicKey: base64url(await crypto.subtle.exportKey('raw', keys.publicKey)) };
}

/** A token as the receiver signs it (receiver/src/handoff.ts). */
async function sign(privateKey: CryptoKey, overrides: Partial<HandoffClaims> = {}, header = HEADER): Promise<string> {
  const iat = NOW / 1000 - 10;
  const claims: HandoffClaims = {
    aud: HERE, iss: THERE, iat, exp: iat + 120, consentId: 'visitor0042', decidedAt: '2026-12-01T09:00:00.000Z', revision: 3,
    choices: { necessary: true, analytics: true }, services: { youtube: false }, ...overrides,
  };
  const signed = `${header}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
  return `${signed}.${base64url(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(signed)))}`;
}

const options = (key: string, referrer = `${THERE}/produits`) => ({ key, origin: HERE, sites: [THERE, HERE], revision: 3, referrer, now: () => NOW });

describe('checkToken', () => {
  it('should give the claims of a token signed by the key, for this site, in time and for this revision', async () => {
    const { keys, publicKey } = await keyPair();
    const claims = await checkToken(await sign(keys.privateKey), options(publicKey));
    expect(claims).to.deep.include({ consentId: 'visitor0042', decidedAt: '2026-12-01T09:00:00.000Z', revision: 3 });
  });

  const refusals: [string, (key: CryptoKey) => Promise<string>, RegExp][] = [
    ['another audience', (key) => sign(key, { aud: THERE }), /not this site/],
    ['an issuer that is not a sister site', (key) => sign(key, { iss: 'https://evil.example' }), /not one of the sites/],
    ['an expired token', (key) => sign(key, { iat: NOW / 1000 - 200, exp: NOW / 1000 - 80 }), /expired/],
    ['a lifetime over two minutes', (key) => sign(key, { iat: NOW / 1000, exp: NOW / 1000 + 3600 }), /expired/],
    ['another revision', (key) => sign(key, { revision: 2 }), /revision 2/],
    ['a malformed decision', (key) => sign(key, { choices: { analytics: 'yes' } as never }), /malformed/],
    ['another header (alg: none)', (key) => sign(key, {}, base64url(new TextEncoder().encode('{"alg":"none"}'))), /not a hand-off token/],
    ['a tampered payload', async (key) => (await sign(key)).replace(/\.(.)/, (_, c: string) => `.${c === 'e' ? 'f' : 'e'}`), /signature/],
    // A device clock more than two minutes behind would otherwise keep any token good for as long.
    ['a token issued more than two minutes ahead of the device clock', (key) => sign(key, { iat: NOW / 1000 + 180, exp: NOW / 1000 + 300 }), /expired|clock/],
  ];
  for (const [name, forge, reason] of refusals) {
    it(`should refuse ${name}, saying why`, async () => {
      const { keys, publicKey } = await keyPair();
      const error = await checkToken(await forge(keys.privateKey), options(publicKey)).catch((e: Error) => e);
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(reason);
    });
  }

  for (const referrer of ['', 'https://mail.example/inbox', `${HERE}/`]) {
    it(`should refuse a genuine token that did not come from a link on the site that asked for it (referrer "${referrer}")`, async () => {
      const { keys, publicKey } = await keyPair();
      const error = await checkToken(await sign(keys.privateKey), options(publicKey, referrer)).catch((e: Error) => e);
      expect((error as Error).message).to.match(/did not come from a link on/);
    });
  }

  it('should refuse a decision withdrawn on this site whose reset still waits in the outbox, and not one reset before it', async () => {
    const { keys, publicKey } = await keyPair();
    const token = await sign(keys.privateKey);
    const reset = (decidedAt: string) => JSON.stringify({ consentId: 'visitor0042', method: 'reset', decidedAt });
    const later = { ...options(publicKey), outbox: ['not json', reset('2026-12-02T09:00:00.000Z')] };
    const error = await checkToken(token, later).catch((e: Error) => e);
    expect((error as Error).message).to.match(/withdrawn on this site/);
    const earlier = { ...options(publicKey), outbox: [reset('2026-11-30T09:00:00.000Z'), JSON.stringify({ consentId: 'someoneelse', method: 'reset', decidedAt: '2026-12-02T09:00:00.000Z' })] };
    expect((await checkToken(token, earlier)).consentId).to.equal('visitor0042');
  });

  it('should refuse a token signed by another key', async () => {
    const signer = await keyPair();
    const configured = await keyPair();
    const error = await checkToken(await sign(signer.keys.privateKey), options(configured.publicKey)).catch((e: Error) => e);
    expect((error as Error).message).to.match(/signature/);
  });
});

describe('the token in a link\'s fragment', () => {
  afterEach(() => history.replaceState(history.state, '', location.pathname + location.search));

  it('should add the token after the link\'s own fragment, never in its query', () => {
    expect(withToken(new URL('https://www.cid-it.fr/offres?x=1#portables'), 'a.b.c')).to.equal('https://www.cid-it.fr/offres?x=1#portables&cid-handoff=a.b.c');
    expect(withToken(new URL('https://www.cid-it.fr/'), 'a.b.c')).to.equal('https://www.cid-it.fr/#cid-handoff=a.b.c');
  });

  it('should take the token out of the address bar, keeping the query and replacing the history entry', () => {
    const entries = history.length;
    history.replaceState(history.state, '', `${location.pathname}?keep=1#cid-handoff=aa.bb.cc`);
    expect(takeToken()).to.equal('aa.bb.cc');
    expect(location.hash).to.equal('');
    expect(location.search).to.equal('?keep=1');
    expect(history.length).to.equal(entries);
  });

  it('should leave an address without a token as it is', () => {
    history.replaceState(history.state, '', `${location.pathname}#cid-handoff=not-a-token`);
    expect(takeToken()).to.equal(undefined);
    expect(location.hash).to.equal('#cid-handoff=not-a-token');
  });
});
