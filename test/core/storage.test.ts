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

describe('memoryStorage', () => {
  it('should keep a value for the page only', () => {
    const storage = memoryStorage();
    storage.write('v', 1);
    expect(storage.read()).to.equal('v');
    storage.remove();
    expect(storage.read()).to.equal(undefined);
  });
});
