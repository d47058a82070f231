/**
 * Issue #21, part 1 (CONTRACT §6, §10): where receipts go to the page's own origin (the demo sites
 * forward /consent/ to the receiver, as the operators' guide's proxy does), the receiver's answer sets by HTTP
 * the very cookie the widget wrote by script, which Safari and Brave would cap at 7 days. Real
 * Chromium, real receiver. Reads the last `npm run build` (dist/, receiver/dist/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { startSites } from './harness.mjs';

describe('the consent cookie set by HTTP on the site\'s own origin', { timeout: 180_000 }, () => {
  let browser;
  let sites;

  before(async () => {
    sites = await startSites();
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    sites?.close();
  });

  /**
   * A visitor on the French site who takes `action` on the banner: the value the page wrote, read at
   * once, the receipt's answer, and the cookie the browser keeps after it. `stripSetCookie`: the answer
   * loses its Set-Cookie on the way, so that the cookie kept is the one written by script.
   */
  async function decideOn(action, { stripSetCookie = false } = {}) {
    const context = await browser.newContext();
    if (stripSetCookie) {
      await context.route('**/consent/receipts', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['set-cookie'];
        await route.fulfill({ response, headers });
      });
    }
    const page = await context.newPage();
    await page.goto(sites.origins.fr);
    await page.waitForFunction(() => document.querySelector('cid-consent-banner')?.shadowRoot?.querySelector('[data-action]'));
    const answered = page.waitForResponse((r) => r.url().endsWith('/consent/receipts'));
    const written = await page.evaluate((which) => {
      document.querySelector('cid-consent-banner').shadowRoot.querySelector(`[data-action="${which}"]`).click();
      return document.cookie.split('; ').find((c) => c.startsWith('cid_consent='))?.slice('cid_consent='.length);
    }, action);
    const answer = await answered;
    const kept = (await context.cookies(sites.origins.fr)).find((c) => c.name === 'cid_consent');
    return { context, page, written, setCookie: await answer.headerValue('set-cookie'), kept };
  }

  it('should set by HTTP, attribute by attribute, the cookie the widget wrote by script', async () => {
    const http = await decideOn('reject-all');
    assert.ok(http.setCookie, 'the answer sets a cookie');
    assert.equal(http.setCookie.split(';')[0], `cid_consent=${http.written}`, 'the value, byte for byte');
    const script = await decideOn('reject-all', { stripSetCookie: true });
    const attributes = ({ name, domain, path, httpOnly, secure, sameSite }) => ({ name, domain, path, httpOnly, secure, sameSite });
    assert.deepEqual(attributes(http.kept), attributes(script.kept));
    assert.equal(http.kept.value, http.written);
    // Both expire six months after the answer (the script's counted from its write, a moment earlier).
    assert.ok(Math.abs(http.kept.expires - script.kept.expires) < 10, `${http.kept.expires} vs ${script.kept.expires}`);
    assert.ok(Math.abs(http.kept.expires - (Date.now() / 1000 + 182 * 86400)) < 60);
    await http.context.close();
    await script.context.close();
  });

  it('should delete it by HTTP on reset()', async () => {
    const { context, page } = await decideOn('accept-all');
    const answered = page.waitForResponse((r) => r.url().endsWith('/consent/receipts'));
    await page.evaluate(() => window.CidConsent.reset());
    assert.match((await (await answered).headerValue('set-cookie')) ?? '', /^cid_consent=; Max-Age=0/);
    assert.equal((await context.cookies(sites.origins.fr)).find((c) => c.name === 'cid_consent'), undefined);
    await context.close();
  });

  it('should not let a receipt resent from the outbox overwrite a newer decision', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(sites.origins.fr);
    // The receiver is unreachable for the first decision: its receipt waits in the outbox.
    await context.route('**/consent/receipts', (route) => route.abort());
    await page.locator('cid-consent-banner [data-action="accept-all"]').click();
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem('cid_consent_outbox') ?? '[]')).length === 1);
    await context.unroute('**/consent/receipts');
    // A newer decision, delivered: its answer sets the cookie.
    const answered = page.waitForResponse((r) => r.url().endsWith('/consent/receipts') && r.status() === 202);
    await page.evaluate(() => window.CidConsent.rejectAll());
    await answered;
    const newer = (await context.cookies(sites.origins.fr)).find((c) => c.name === 'cid_consent').value;
    // The next page sends the older receipt again, and the receiver stores it.
    const flushed = page.waitForResponse((r) => r.url().endsWith('/consent/receipts'));
    await page.reload();
    const resent = await flushed;
    assert.equal(resent.status(), 202);
    assert.equal(JSON.parse(resent.request().postData()).method, 'banner-accept-all');
    assert.equal((await context.cookies(sites.origins.fr)).find((c) => c.name === 'cid_consent').value, newer);
    assert.equal((await page.evaluate(() => window.CidConsent.get().purposes.analytics)), false);
    await context.close();
  });
});
