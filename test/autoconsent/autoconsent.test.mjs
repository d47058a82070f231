/**
 * Issue #19, item 17: browsers' cookie-popup tools can refuse through our banner. DuckDuckGo's engine,
 * `@duckduckgo/autoconsent` (the real package, pinned in package.json), runs in Chromium against both
 * demo sites with our rule (autoconsent/cid-consent.json) added to the rules it ships. Without the rule
 * it cannot: its heuristics read the page's light DOM (`innerText`, a tree walk of the document), and
 * the banner's text and buttons live in its shadow root. Reads the last `npm run build` (dist/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { ENGINE_VERSION, OUR_RULE, ROOT, SHIPPED_RULES, runAutoconsent, startDemo } from './harness.mjs';

/** The engine's own popup search: 10 tries, 500 ms apart (`waitForPopup` in lib/web.ts), and a margin. */
const POPUP_SEARCH_MS = 6_000;

/**
 * Upstream validates every rule against the engine's `AutoConsentCMPRule` type (`npm run rule-syntax-check`:
 * a JSON schema generated from lib/rules.ts). The published types are the same type: the rule, as a
 * TypeScript literal of that type, must compile (unknown keys and values are errors).
 */
function typeCheck(rule) {
  const dir = mkdtempSync(join(tmpdir(), 'cid-autoconsent-rule-'));
  try {
    const types = join(ROOT, 'node_modules', '@duckduckgo', 'autoconsent', 'dist', 'types', 'web');
    const file = join(dir, 'rule.ts');
    writeFileSync(file, `import type { AutoConsentCMPRule } from ${JSON.stringify(types)};\nexport const rule: AutoConsentCMPRule = ${JSON.stringify(rule, null, 2)};\n`);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler'];
    return spawnSync(process.execPath, [tsc, ...flags, file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Global Privacy Control on, as a browser that sends it says so to scripts. */
const sendGpc = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });

describe(`@duckduckgo/autoconsent ${ENGINE_VERSION} (${SHIPPED_RULES.length} shipped rules) on the demo sites`, { timeout: 300_000 }, () => {
  let browser;
  let demo;

  before(async () => {
    if (!existsSync(join(ROOT, 'dist', 'cid-consent.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
    demo = await startDemo();
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    demo?.close();
  });

  /** Opens a demo site with autoconsent (options of `runAutoconsent`), runs `check` on it, closes it whatever happens. */
  async function onSite(site, options, check) {
    const run = await runAutoconsent(browser, demo.urls[site], options);
    try {
      await check(run);
    } finally {
      await run.close();
    }
  }

  it('should be a rule of the engine\'s own type, with no eval snippet (those live in the engine\'s code)', () => {
    const { status, stdout, stderr } = typeCheck(OUR_RULE);
    assert.equal(status, 0, `the rule does not type-check as AutoConsentCMPRule:\n${stdout}${stderr}`);
    assert.doesNotMatch(JSON.stringify(OUR_RULE), /"eval"/);
  });

  // DuckDuckGo's browsers send Global Privacy Control, which changes the banner (a `gpc` sentence) but not its buttons.
  for (const { site, gpc } of [{ site: 'cid-it.fr', gpc: false }, { site: 'cid-it.boutique', gpc: true }]) {
    it(`should detect the banner on ${site}${gpc ? ' under Global Privacy Control' : ''} with our rule and opt out: every optional purpose and service refused, cookie written, banner closed`, async () => {
      await onSite(site, { autoAction: 'optOut', before: gpc ? sendGpc : undefined }, async (run) => {
        assert.equal(await run.page.evaluate(() => document.querySelector('cid-consent-banner')?.gpc), gpc);
        assert.ok(await run.waitFor('autoconsentDone'), `no autoconsentDone; got ${run.summary()}`);
        // Ours alone: no shipped rule nor the heuristics claims the page as well.
        assert.deepEqual([...new Set(run.find('cmpDetected').map((m) => m.cmp))], ['cid-consent']);
        assert.deepEqual(run.find('popupFound').map((m) => m.cmp), ['cid-consent']);
        assert.deepEqual(run.find('optOutResult').map((m) => [m.cmp, m.result]), [['cid-consent', true]]);
        assert.deepEqual(run.find('autoconsentError'), []);
        // The rule's own `test` steps, which the package's runner checks after an opt-out.
        const selfTest = await run.waitFor('selfTestResult', {}, 5_000);
        assert.equal(selfTest?.result, true, 'the rule\'s self-test failed');

        const { state, optional, banner, choices } = await run.consent();
        assert.equal(state.decided, true);
        assert.ok(optional.length > 0, 'the demo has optional purposes');
        for (const id of optional) assert.equal(state.purposes[id], false, `purpose ${id} is not refused`);
        for (const [id, granted] of Object.entries(state.services)) assert.equal(granted, false, `service ${id} is not refused`);
        assert.deepEqual(choices, Object.fromEntries(optional.map((id) => [id, '0'])), 'the cookie does not hold a refusal of every optional purpose');
        assert.deepEqual(banner, { open: false, rendered: false });
      });
    });
  }

  it('should opt in with the full rules when a browser is set to accept: every optional purpose granted', async () => {
    await onSite('cid-it.fr', { autoAction: 'optIn' }, async (run) => {
      assert.ok(await run.waitFor('autoconsentDone'), 'no autoconsentDone');
      assert.deepEqual(run.find('optInResult').map((m) => [m.cmp, m.result]), [['cid-consent', true]]);
      const { state, optional, banner, choices, granted } = await run.consent();
      for (const id of optional) assert.equal(state.purposes[id], true, `purpose ${id} is not granted`);
      assert.deepEqual(choices, granted);
      assert.deepEqual(banner, { open: false, rendered: false });
    });
  });

  it('should find no popup once the visitor has decided, so that a reload does not refuse again (no reload loop)', async () => {
    await onSite('cid-it.boutique', { autoAction: 'optOut' }, async (run) => {
      assert.ok(await run.waitFor('autoconsentDone'), 'the first opt-out did not finish');
      const first = run.messages.length;
      await run.page.reload();
      // The element stays in the page (it is what "manage cookies" reopens): the CMP is there, its popup is not.
      assert.ok(await run.waitFor('cmpDetected', { cmp: 'cid-consent' }, 30_000, first), 'the reloaded page was not examined');
      await new Promise((resolve) => setTimeout(resolve, POPUP_SEARCH_MS));
      for (const type of ['popupFound', 'optOutResult', 'autoconsentDone']) assert.deepEqual(run.find(type, {}, first), [], `${type} after the reload`);
      assert.equal((await run.consent()).state.decided, true);
    });
  });

  it('should not handle the banner without our rule: no shipped rule nor heuristic detects it, so it stays open and undecided', async () => {
    // One retry is enough: detection reruns the same checks on a page that no longer changes, and the
    // second attempt is the one that runs the heuristics (every even attempt, lib/web.ts `findCmp`).
    await onSite('cid-it.fr', { autoAction: 'optOut', withOurRule: false, detectRetries: 1 }, async (run) => {
      const done = await run.waitForState((state) => state.lifecycle === 'nothingDetected');
      assert.ok(done, 'the engine did not finish its detection');
      assert.equal(done.findCmpAttempts, 2, 'the heuristic attempt did not run');
      assert.deepEqual(run.find('cmpDetected'), []);
      assert.deepEqual(run.find('popupFound'), []);
      const { state, banner, cookie } = await run.consent();
      assert.equal(state.decided, false);
      assert.equal(cookie, undefined);
      assert.deepEqual(banner, { open: true, rendered: true });
    });
  });

  it('should be found by the heuristics were the same banner in the light DOM: the shadow root is what hides it', async () => {
    // A copy of the open banner's shadow content into a fixed box of the page itself, made before the
    // engine starts looking (DOMContentLoaded: the deferred widget has rendered by then).
    const copyToLightDom = () =>
      document.addEventListener('DOMContentLoaded', () => {
        const copy = document.createElement('div');
        copy.style.cssText = 'position: fixed; bottom: 0; left: 0; right: 0; background: white';
        copy.innerHTML = document.querySelector('cid-consent-banner').shadowRoot.innerHTML;
        document.body.append(copy);
      });
    await onSite('cid-it.fr', { autoAction: 'optOut', withOurRule: false, detectRetries: 1, before: copyToLightDom }, async (run) => {
      // `reject`: it found the "Tout refuser" button (a copy: clicking it decides nothing, which is not asserted here).
      assert.ok(await run.waitFor('cmpDetected', { cmp: 'HEURISTIC-REJECT' }), `the heuristics missed the light-DOM copy; got ${run.summary()}`);
    });
  });
});
