/**
 * The documentation (issue #22): every relative link and anchor resolves, and every public name of the
 * contract (docs/contract.md, our copy of shared/CONTRACT.md) is documented in the guide its reader opens.
 * `npm run test:docs`; part of `npm test` as the `docs` suite.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, brokenLink, codeBlocksOf, codeSpansOf, contractNames, flagIn, linksOf, markdownFiles, namedIn } from './markdown.mjs';

const CONTRACT = join(ROOT, 'docs', 'contract.md');
const GUIDES = ['docs/site-developers.md', 'docs/operators.md', 'docs/marketing.fr.md', 'docs/auditors.md', 'docs/contributors.md'];

/** The shared contract beside the repository (`../shared/CONTRACT.md`), or beside a worktree's parent; absent on CI. */
function sharedContract() {
  for (let dir = dirname(ROOT); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'CONTRACT.md');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

describe('docs: links and anchors', () => {
  for (const file of markdownFiles()) {
    it(`should resolve every relative link and #anchor of ${file}`, () => {
      const broken = linksOf(file)
        .map((href) => brokenLink(file, href))
        .filter(Boolean);
      assert.deepEqual(broken, []);
    });
  }

  it('should find a link that leads nowhere, and an anchor that is no heading (the check can fail)', () => {
    assert.match(brokenLink('README.md', 'docs/no-such-guide.md') ?? '', /does not exist/);
    assert.match(brokenLink('README.md', 'docs/operators.md#no-such-heading') ?? '', /has no heading/);
    assert.equal(brokenLink('README.md', 'https://example.com/#x'), undefined);
  });
});

describe('docs: the README leads to each guide', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('should stay short: 220 lines at most', () => {
    assert.ok(readme.split('\n').length <= 220, `README.md has ${readme.split('\n').length} lines`);
  });

  for (const target of [...GUIDES, 'CHANGELOG.md']) {
    it(`should link ${target}`, () => {
      assert.ok(linksOf('README.md').some((href) => href.split('#')[0] === target), `README.md has no link to ${target}`);
    });
  }
});

describe('docs: every name of the contract is documented', () => {
  const contract = readFileSync(CONTRACT, 'utf8');
  const names = contractNames(contract);

  it('should keep docs/contract.md equal to the shared contract, where that one is at hand', (t) => {
    const shared = sharedContract();
    if (!shared) {
      t.diagnostic('no shared/CONTRACT.md beside the repository (CI): the copy is the contract');
      return;
    }
    assert.equal(contract, readFileSync(shared, 'utf8'), `docs/contract.md differs from ${shared}`);
  });

  it('should read every kind of name from the contract (a table it can no longer read fails here, not silently)', () => {
    assert.ok(names.configKeys.length >= 18, `configuration keys: ${names.configKeys}`);
    assert.ok(names.members.length >= 10, `API members: ${names.members}`);
    assert.ok(names.events.length >= 3, `events: ${names.events}`);
    assert.ok(names.variables.length >= 14, `environment variables: ${names.variables}`);
    assert.ok(names.routes.length >= 8, `routes: ${names.routes}`);
    assert.ok(names.auditFlags.length >= 3, `audit flags: ${names.auditFlags}`);
    assert.ok(names.configKeys.includes('cookie.maxAgeDays') && names.members.includes('whenGranted') && names.routes.includes('GET /receipts/:consentId'));
  });

  const cases = [
    ['configuration key', 'configKeys', 'docs/site-developers.md'],
    ['JavaScript API member', 'members', 'docs/site-developers.md'],
    ['event', 'events', 'docs/site-developers.md'],
    ['environment variable', 'variables', 'docs/operators.md'],
    ['receiver route', 'routes', 'docs/operators.md'],
  ];
  for (const [kind, key, guide] of cases) {
    it(`should name every ${kind} of the contract in ${guide}`, () => {
      const spans = codeSpansOf(guide);
      assert.deepEqual(
        names[key].filter((name) => !namedIn(spans, name)),
        [],
        `${kind}s of the contract that ${guide} never names in code`,
      );
    });
  }

  it('should name every audit CLI flag of the contract in docs/auditors.md', () => {
    const texts = [...codeSpansOf('docs/auditors.md'), ...codeBlocksOf('docs/auditors.md')];
    assert.deepEqual(names.auditFlags.filter((flag) => !flagIn(texts, flag)), []);
  });

  it('should tell a documented name from an undocumented one (the check can fail)', () => {
    assert.equal(namedIn(['get()', 'TRUST_PROXY=1', 'GET /stats?site='], 'get'), true);
    assert.equal(namedIn(['TRUST_PROXY=1'], 'TRUST_PROXY'), true);
    assert.equal(namedIn(['GET /stats?site='], 'GET /stats'), true);
    assert.equal(namedIn(['GET /receipts/:consentId'], 'GET /receipts'), false);
    assert.equal(namedIn(['data-lang', 'language'], 'lang'), false);
    assert.equal(flagIn(['npx cid-consent-audit --json-out x'], '--json'), false);
  });
});
