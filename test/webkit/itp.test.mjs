/**
 * Issue #21 (CONTRACT §6): the consent cookie lasts its six months in a WebKit browser. WebKitGTK,
 * with a persistent profile and Intelligent Tracking Prevention on (test/webkit/itp-browser.py), caps a
 * cookie written by script at 7 days and keeps one set by HTTP; the demo sites post their receipts to
 * their own origin (/consent/, forwarded to a real receiver), whose answer sets the consent cookie by
 * HTTP. A control cookie written by script must come out capped, or this harness is blind and proves
 * nothing. Reads the last `npm run build` (dist/, receiver/dist/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveDemo } from '../../scripts/serve-demo.mjs';
import { startSites } from '../handoff/harness.mjs';
import { startWebDriver } from './webdriver.mjs';

const DAY_S = 86_400;

describe('the consent cookie in WebKit with Intelligent Tracking Prevention', { timeout: 180_000 }, () => {
  let driver;
  let sites;
  let noReceiver;

  before(async () => {
    sites = await startSites();
    // The same sites with no receiver behind /consent/: the consent cookie is the script's alone.
    noReceiver = await serveDemo(30_000 + Math.floor(Math.random() * 20_000));
    driver = await startWebDriver();
  });
  after(() => {
    driver?.stop();
    sites?.close();
    noReceiver?.close();
  });

  /** Days left, as the browser keeps them, of each cookie of the page, after accepting on its banner. */
  async function acceptOn(url) {
    const browser = await driver.newSession();
    try {
      await browser.goto(url);
      await waitFor(browser, "return !!document.querySelector('cid-consent-banner')?.shadowRoot?.querySelector('[data-action=\"accept-all\"]')");
      await browser.run("document.cookie = 'control=1; max-age=' + 182 * 86400 + '; path=/; samesite=lax';");
      await browser.run("document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action=\"accept-all\"]').click();");
      await waitFor(browser, 'return window.CidConsent.get().decided');
      // The receipt answered (or failed: then it waits in the outbox).
      await waitFor(browser, "return performance.getEntriesByType('resource').some((r) => r.name.endsWith('/consent/receipts') && r.responseEnd > 0)");
      const now = Date.now() / 1000;
      return Object.fromEntries((await browser.cookies()).map((c) => [c.name, (c.expiry - now) / DAY_S]));
    } finally {
      await browser.close();
    }
  }

  async function waitFor(browser, script) {
    for (let i = 0; i < 100; i += 1) {
      if (await browser.run(script)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never true in WebKit: ${script}`);
  }

  it('should keep the consent cookie 182 days once the receiver has set it by HTTP, where a script-written control is capped at 7', async () => {
    const days = await acceptOn(`${sites.origins.fr}/`);
    assert.ok(Math.abs(days.control - 7) < 0.01, `control cookie: ${days.control} days (no cap seen: this browser has no ITP, the test proves nothing)`);
    assert.ok(Math.abs(days.cid_consent - 182) < 0.01, `consent cookie: ${days.cid_consent} days`);
  });

  it('should show the cap on the consent cookie itself when no receiver answers (what 0.2 gave every Safari visitor)', async () => {
    const days = await acceptOn(noReceiver.urls['cid-it.fr']);
    assert.ok(Math.abs(days.cid_consent - 7) < 0.01, `consent cookie written by script alone: ${days.cid_consent} days`);
  });
});
