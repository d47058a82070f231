/**
 * Property-based tests: hostile and random input never throws, never pollutes
 * prototypes, and always ends in a defined state. fast-check prints the seed
 * and the shrunk counter-example of any failure; replay it with
 * `fc.assert(property, { seed, path })`.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseConfig } from '../../src/core/config.js';
import { ConsentManager } from '../../src/core/manager.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { decodeRecord, encodeRecord } from '../../src/core/record.js';
import { memoryStorage } from '../../src/core/storage.js';
import { resolveTexts } from '../../src/i18n/index.js';
import { spyLogger } from '../helpers.js';

/** Counted by the last test, which checks the suite's default run reaches 10,000 cases. */
let generated = 0;
const run = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number, check: (value: T) => void) => {
  fc.assert(
    fc.property(arbitrary, (value) => {
      generated++;
      check(value);
    }),
    { numRuns },
  );
};

const prototypesClean = () => {
  for (const key of ['analytics', 'polluted', 'necessary', 'isAdmin']) {
    expect(({} as Record<string, unknown>)[key], `Object.prototype.${key}`).to.equal(undefined);
  }
};

const validRecord = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{8,32}$/),
  time: fc.integer({ min: 0, max: 4e12 }),
  revision: fc.integer({ min: 0, max: 999_999_999 }),
  choices: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/), fc.boolean(), { maxKeys: 20 }),
});

/** Values a cookie may hold after a browser, a proxy or an attacker had a go at it. */
const hostileCookie = fc.oneof(
  fc.string(),
  fc.fullUnicodeString(),
  validRecord.map(encodeRecord).chain((value) =>
    fc.oneof(
      fc.constant(value),
      fc.nat({ max: value.length }).map((n) => value.slice(0, n)), // truncated
      fc.constant(value.replace(/^1/, '2')), // another format version
      fc.constant(value + '&__proto__=1'),
      fc.constant(value + '&constructor=1'),
      fc.constant(value.replace('|', '%E0%A4%A')), // broken percent-encoding
      fc.string().map((junk) => value + junk),
    ),
  ),
  fc.constant('x'.repeat(5000)), // oversized
);

describe('properties: consent record', () => {
  it('should read back every record it writes', () => {
    run(validRecord, 2000, (record) => {
      const decoded = decodeRecord(encodeRecord(record))!;
      expect({ ...decoded, choices: { ...decoded.choices } }).to.deep.equal(record);
    });
  });

  it('should read any hostile cookie value as a valid record or no decision, never throwing', () => {
    run(hostileCookie, 3000, (value) => {
      const decoded = decodeRecord(value);
      if (decoded) {
        expect(decoded.id).to.match(/^[a-z0-9]{8,32}$/);
        expect(Number.isFinite(decoded.time)).to.equal(true);
        for (const choice of Object.values(decoded.choices)) {
          // All, none, or a list of well-formed service ids.
          if (typeof choice !== 'boolean') {
            for (const id of 'only' in choice ? choice.only : choice.except) expect(id).to.match(/^[a-z][a-z0-9_-]{0,31}$/i);
          }
        }
      }
      prototypesClean();
    });
  });

  it('should keep a record of 20 purposes under 1 KB', () => {
    run(validRecord, 200, (record) => {
      const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`purpose-with-a-long-id-${String(i).padStart(8, '0')}`, i % 2 === 0]));
      expect(encodeURIComponent(encodeRecord({ ...record, id: 'a'.repeat(32), choices: twenty }))).to.have.length.below(1024);
    });
  });
});

describe('properties: manager', () => {
  it('should start in a defined state from any stored value, and decide from there', () => {
    const choiceKey = fc.oneof(fc.string(), fc.constantFrom('constructor', '__proto__', 'toString', 'analytics', 'necessary'));
    run(fc.tuple(hostileCookie, fc.dictionary(choiceKey, fc.anything())), 1500, ([stored, choices]) => {
      const { log } = spyLogger();
      const storage = memoryStorage(stored);
      const manager = new ConsentManager({
        purposes: DEFAULT_PURPOSES,
        revision: 1,
        maxAgeDays: 182,
        storage,
        log,
        now: () => 4e12,
        randomId: () => 'visitor0001',
      });
      const { state } = manager;
      expect(state.purposes.necessary).to.equal(true);
      expect(Object.keys(state.purposes)).to.deep.equal(['necessary', 'analytics', 'marketing', 'partners']);
      manager.decide(choices as Record<string, boolean>);
      expect(manager.state.decided).to.equal(true);
      expect(Object.keys(decodeRecord(storage.read())!.choices)).to.deep.equal(['analytics', 'marketing', 'partners']);
      for (const granted of Object.values(manager.state.purposes)) expect(granted).to.be.a('boolean');
      prototypesClean();
    });
  });
});

describe('properties: configuration', () => {
  const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'policyUrl', 'purposes', 'cookie', 'texts', 'lang');
  const hostileValue = fc.oneof(
    fc.anything(),
    fc.array(fc.record({ id: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'analytics')), required: fc.anything() }), { maxLength: 300 }),
  );
  const config = fc.oneof(fc.anything(), fc.dictionary(fc.oneof(hostileKey, fc.string()), hostileValue), fc.object());

  it('should turn any input into a usable configuration, reporting only [cid-consent] messages', () => {
    run(config, 2500, (input) => {
      const { log, errors, warnings } = spyLogger();
      const parsed = parseConfig(input, 'fr', log);
      expect(parsed.lang).to.be.oneOf(['fr', 'en']);
      expect(parsed.purposes.some((p) => p.id === 'necessary')).to.equal(true);
      expect(new Set(parsed.purposes.map((p) => p.id)).size).to.equal(parsed.purposes.length);
      expect(parsed.cookie.maxAgeDays).to.be.within(0, 395);
      for (const message of [...errors, ...warnings]) expect(message.startsWith('[cid-consent] ')).to.equal(true);
      prototypesClean();
    });
  });

  it('should read a JSON configuration with __proto__ keys without polluting prototypes', () => {
    run(fc.jsonValue(), 500, (json) => {
      const input = JSON.parse(`{"__proto__": {"polluted": true}, "policyUrl": "/p", "extra": ${JSON.stringify(json)}}`);
      parseConfig(input, 'fr', spyLogger().log);
      prototypesClean();
    });
  });
});

describe('properties: text overrides', () => {
  it('should keep every text a string whatever the overrides', () => {
    run(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('banner.title', '__proto__', 'constructor')), fc.anything()), 1000, (overrides) => {
      const texts = resolveTexts('fr', overrides as Record<string, string>, spyLogger().log);
      for (const value of Object.values(texts)) expect(value).to.be.a('string');
      prototypesClean();
    });
  });
});

describe('properties: services', () => {
  it('should read back from storage, on the next page, exactly the choices any series of decisions left', () => {
    const ids = ['analytics', 'marketing', 'ga4', 'hotjar', 'meta', 'youtube', 'maps', 'partners', 'unknown', 'constructor'];
    const decision = fc.dictionary(fc.constantFrom(...ids), fc.oneof(fc.boolean(), fc.anything()), { maxKeys: 6 });
    const purposes = [
      { id: 'necessary', required: true },
      { id: 'analytics', services: [{ id: 'ga4', name: 'GA4' }, { id: 'hotjar', name: 'Hotjar' }] },
      { id: 'marketing', services: [{ id: 'meta', name: 'Meta' }, { id: 'youtube', name: 'YouTube' }, { id: 'maps', name: 'Maps' }] },
      { id: 'partners' },
    ];
    run(fc.array(fc.tuple(decision, fc.boolean()), { minLength: 1, maxLength: 5 }), 1000, (decisions) => {
      const storage = memoryStorage();
      const manager = () =>
        new ConsentManager({ purposes, revision: 1, maxAgeDays: 182, storage, log: spyLogger().log, now: () => 4e12, randomId: () => 'visitor0001' });
      const page = manager();
      for (const [choices, partial] of decisions) page.decide(choices, partial);
      const next = manager().state;
      expect({ ...next.purposes, ...next.services }).to.deep.equal({ ...page.state.purposes, ...page.state.services });
      // A purpose is granted exactly when all its services are.
      expect(next.purposes.marketing).to.equal(next.services.meta && next.services.youtube && next.services.maps);
      prototypesClean();
    });
  });
});

describe('properties: size of the run', () => {
  it('should generate at least 10,000 cases in the default run', () => {
    expect(generated).to.be.at.least(10_000);
  });
});
