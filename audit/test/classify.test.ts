import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { classify, type PurposeInventory, isConsentRecord, isFirstParty, readInventory, rulesOf, suggestPattern, toTest } from '../src/classify.js';

const inventory: PurposeInventory[] = [
  { id: 'necessary', required: true, cookies: ['PHPSESSID'], services: [] },
  { id: 'analytics', required: false, cookies: ['_ga', '/^_ga_/'], services: [{ id: 'ga4', name: 'Google Analytics 4', cookies: ['_gid'] }] },
  { id: 'marketing', required: false, cookies: ['/^_fb/'], services: [{ id: 'meta', name: 'Meta Pixel', cookies: ['_fbp'] }, { name: 'Criteo', cookies: ['cto_bundle'] }] },
];

describe('classify', () => {
  it('should match exact names and /regex/flags strings as the widget does', () => {
    assert.equal(toTest('_ga')('_ga'), true);
    assert.equal(toTest('_ga')('_ga_X'), false);
    assert.equal(toTest('/^_ga_/')('_ga_X'), true);
    assert.equal(toTest('/^SESS/i')('sess1'), true);
  });

  it('should treat a regex that does not compile as matching nothing', () => {
    assert.equal(toTest('/(/')('('), false);
  });

  it('should answer a pattern that backtracks catastrophically by what it means, not by how long it takes', { timeout: 10_000 }, () => {
    // Both come from the audited page: 40 letters and a "!" would take a backtracking engine hours
    // on the first branch; the second branch matches, so the answer is yes, whatever the clock says.
    const name = `${'a'.repeat(40)}!`;
    assert.equal(toTest('/^(a+)+$|^a+!$/')(name), true);
    assert.equal(toTest('/^(a+)+$/')(name), false);
    assert.equal(toTest('/^(a+)+$/')('aaa'), true);
  });

  it('should give the same answers while other processes keep every core busy', { timeout: 120_000 }, async () => {
    // The verdict of a CI tool must not depend on the machine's load (issue #20, item 10).
    const config: PurposeInventory[] = [
      { id: 'necessary', required: true, cookies: ['PHPSESSID', '/^wp-settings-(time-)?\\d+$/'], services: [] },
      { id: 'analytics', required: false, cookies: ['/^_ga(_[A-Z0-9]+)?$/', '/^_hj(Session|SessionUser|id)(_\\d+)?$/i'], services: [{ id: 'matomo', name: 'Matomo', cookies: ['/^_pk_(id|ses)\\.\\d+\\.[0-9a-f]{4}$/'] }] },
      { id: 'marketing', required: false, cookies: ['/^(_fb[pc]|fr)$/', '/^_gcl_(au|aw|dc)$/'], services: [{ id: 'criteo', name: 'Criteo', cookies: ['/^cto_(bundle|bidid|optout)$/'] }] },
    ];
    const names = ['_ga', '_ga_ABC123', '_ga_abc', '_gid', 'PHPSESSID', 'wp-settings-time-1', 'wp-settings-12', '_hjSessionUser_123456', '_HJID', '_hjSession',
      '_pk_id.1.1fff', '_pk_ses.12.abcd', '_pk_id.1.xyz', '_fbp', '_fbc', 'fr', 'frx', '_gcl_au', 'cto_bundle', 'cto_other', 'cid_consent', `${'_'.repeat(200)}x`];
    const expected = (name: string) => {
      for (const { pattern, purpose } of config.flatMap((p) => [...p.services.flatMap((s) => s.cookies), ...p.cookies].map((pattern) => ({ pattern, purpose: p.id })))) {
        const [, source, flags] = /^\/(.+)\/([a-z]*)$/.exec(pattern) ?? [];
        if (source === undefined ? pattern === name : new RegExp(source, flags).test(name)) return purpose;
      }
      return null;
    };
    const burners = Array.from({ length: Math.max(2, availableParallelism()) }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const wrong: string[] = [];
      for (let round = 0; round < 250; round++) {
        // New rules each round, as each audited context makes its own.
        const rules = rulesOf(config);
        for (const name of names) {
          const purpose = classify(name, rules).purpose;
          if (purpose !== expected(name)) wrong.push(`${name}: ${purpose}`);
        }
      }
      assert.deepEqual(wrong, []);
    } finally {
      for (const burner of burners) burner.kill();
    }
  });

  it('should name the purpose that declares a cookie, and the pattern that matched', () => {
    assert.deepEqual(classify('_ga_ABC', rulesOf(inventory)), { category: 'purpose', purpose: 'analytics', service: null, pattern: '/^_ga_/' });
  });

  it('should prefer a service entry to its purpose, by id, else by name', () => {
    const rules = rulesOf(inventory);
    assert.deepEqual(classify('_fbp', rules), { category: 'purpose', purpose: 'marketing', service: 'meta', pattern: '_fbp' });
    assert.equal(classify('cto_bundle', rules).service, 'Criteo');
    assert.equal(classify('_fbc', rules).service, null);
  });

  it('should call a cookie of a required purpose necessary, and one nobody declares undeclared', () => {
    const rules = rulesOf(inventory);
    assert.equal(classify('PHPSESSID', rules).category, 'necessary');
    assert.deepEqual(classify('_hjid', rules), { category: 'undeclared', purpose: null, service: null, pattern: null });
  });

  it('should recognise the consent cookie by the consent id in its value, whatever its name', () => {
    assert.equal(isConsentRecord('1|k3j4h5g6f7|m1x2|3|analytics=0', 'k3j4h5g6f7'), true);
    assert.equal(isConsentRecord('1%7Ck3j4h5g6f7%7Cm1x2%7C3%7C', 'k3j4h5g6f7'), true);
    assert.equal(isConsentRecord('1|other|m1x2|3|', 'k3j4h5g6f7'), false);
    assert.equal(isConsentRecord('1|k3j4h5g6f7|m1x2|3|', null), false);
    assert.equal(isConsentRecord('%E0%A4%A', 'x'), false);
  });
});

describe('readInventory', () => {
  it('should keep only well-formed entries of what a hostile page answers', () => {
    const answer = [
      null,
      { id: 7 },
      {
        id: 'analytics',
        required: 'yes',
        cookies: ['_ga', 3, { toString: null }],
        lifetimes: { _ga: 395, x: -1, y: 'long', z: Infinity },
        services: [null, { name: 1 }, { id: 'ga4', name: 'GA', cookies: 'x', lifetimes: 'x' }],
      },
    ];
    assert.deepEqual(readInventory(answer), [
      { id: 'analytics', required: false, cookies: ['_ga'], lifetimes: { _ga: 395 }, services: [{ id: 'ga4', name: 'GA', cookies: [], lifetimes: {} }] },
    ]);
  });

  it('should read anything but an array as no configuration', () => {
    assert.equal(readInventory({ length: 1 }), null);
    assert.equal(readInventory(undefined), null);
  });
});

describe('isFirstParty', () => {
  it('should count a cookie of the registrable domain or a subdomain as first-party', () => {
    assert.equal(isFirstParty('.cid-it.fr', 'www.cid-it.fr'), true);
    assert.equal(isFirstParty('shop.cid-it.fr', 'www.cid-it.fr'), true);
    assert.equal(isFirstParty('.cid-it.boutique', 'www.cid-it.fr'), false);
    assert.equal(isFirstParty('.doubleclick.net', 'www.cid-it.fr'), false);
  });

  it('should keep sites under a private public suffix apart', () => {
    assert.equal(isFirstParty('other.github.io', 'cid-it.github.io'), false);
  });

  it('should need the very same host for localhost and IP addresses', () => {
    assert.equal(isFirstParty('localhost', 'localhost'), true);
    assert.equal(isFirstParty('127.0.0.1', 'localhost'), false);
    assert.equal(isFirstParty('127.0.0.1', '127.0.0.1'), true);
  });
});

describe('suggestPattern', () => {
  it('should suggest the exact name for a plain name', () => {
    assert.equal(suggestPattern('_hjid'), '_hjid');
    assert.equal(suggestPattern('retarget_id'), 'retarget_id');
  });

  it('should suggest a prefix regex when the name ends in a generated part', () => {
    assert.equal(suggestPattern('_hjSessionUser_123456'), '/^_hjSessionUser_/');
    assert.equal(suggestPattern('_ga_ABC1'), '/^_ga_/');
  });
});
