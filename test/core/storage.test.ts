import { expect } from '@open-wc/testing';
import { cookieStorage, memoryStorage } from '../../src/core/storage.js';
import { uniqueId } from '../helpers.js';

describe('cookieStorage', () => {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  let writes: string[] = [];
  beforeEach(() => {
    writes = [];
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => descriptor.get!.call(document),
      set: (value: string) => (writes.push(value), descriptor.set!.call(document, value)),
    });
  });
  afterEach(() => delete (document as unknown as Record<string, unknown>).cookie);

  it('should write a first-party cookie with Path=/, SameSite=Lax, Secure on https, and the lifetime asked', () => {
    const name = uniqueId('s');
    const storage = cookieStorage({ name, secure: true });
    expect(storage.write('1|abc', 182)).to.equal(true);
    expect(writes[0]).to.match(new RegExp(`^${name}=1\\|abc; path=/; sameSite=Lax; secure; expires=`));
    const expires = Date.parse(/expires=([^;]+)/.exec(writes[0])![1]);
    expect(Math.round((expires - Date.now()) / 864e5)).to.equal(182);
    expect(storage.read()).to.equal('1|abc');
    storage.remove();
    expect(storage.read()).to.equal(undefined);
  });

  it('should say when a write did not stick', () => {
    const storage = cookieStorage({ name: uniqueId('s'), domain: 'example.org', secure: false });
    expect(storage.write('1|abc', 182)).to.equal(false);
  });
});

/**
 * A cookie jar as a browser on www.cid-it.fr keeps it: a host-only cookie and a
 * domain cookie of the same name are two cookies, and `document.cookie` lists
 * the older first (RFC 6265 §5.4), which is what js-cookie then reads.
 */
function fakeJar() {
  const jar: { name: string; value: string; domain: string | null }[] = [];
  const find = (name: string, domain: string | null) => jar.findIndex((c) => c.name === name && c.domain === domain);
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => jar.map((c) => `${c.name}=${c.value}`).join('; '),
    set(line: string) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(key + '='))?.split('=')[1];
      const domain = attribute('domain')?.replace(/^\./, '') ?? null;
      const expires = attribute('expires');
      const index = find(name, domain);
      if (index >= 0) jar.splice(index, 1);
      if (!expires || Date.parse(expires) > Date.now()) jar.push({ name, value, domain });
    },
  });
  return jar;
}

describe('cookieStorage with a cookie domain', () => {
  afterEach(() => delete (document as unknown as Record<string, unknown>).cookie);

  it('should remove an older host-only copy on every write, so the new decision is the one read', () => {
    const jar = fakeJar();
    document.cookie = 'cid_consent=old; path=/';
    const storage = cookieStorage({ name: 'cid_consent', domain: '.cid-it.fr', secure: true });
    expect(storage.write('new', 182)).to.equal(true);
    expect(storage.read()).to.equal('new');
    expect(jar).to.deep.equal([{ name: 'cid_consent', value: 'new', domain: 'cid-it.fr' }]);
  });

  it('should remove the host-only copy too on reset, so no old decision comes back', () => {
    const jar = fakeJar();
    const storage = cookieStorage({ name: 'cid_consent', domain: '.cid-it.fr', secure: true });
    storage.write('new', 182);
    document.cookie = 'cid_consent=old; path=/';
    storage.remove();
    expect(storage.read()).to.equal(undefined);
    expect(jar).to.deep.equal([]);
  });
});

describe('memoryStorage', () => {
  it('should keep a value for the page only', () => {
    const storage = memoryStorage();
    storage.write('v', 1);
    expect(storage.read()).to.equal('v');
    storage.remove();
    expect(storage.read()).to.equal(undefined);
  });
});
