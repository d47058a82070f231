// Behind the operators' guide's TLS reverse proxy (docs/operators.md) (issue #20, item 8): the dashboard's session cookie is Secure,
// the receipts route works as the widget uses it, and the receiver reached straight over http still answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch } from './dashboard-helpers.js';
import { ORIGIN, TOKEN, receipt, scratchDataDir } from './helpers.js';
import { startReceiver, type Receiver } from './process.js';
import { readmeProxy, startProxy, type Proxy } from './proxy.js';

const SIGN_IN = { 'content-type': 'application/x-www-form-urlencoded' };
const BODY = `token=${TOKEN}&lang=fr`;

function sessionCookie(setCookie: string | string[] | undefined): string {
  const found = [setCookie ?? []].flat().find((line) => line.startsWith('cid_dashboard_session='));
  assert.ok(found, `no session cookie in ${JSON.stringify(setCookie)}`);
  return found;
}

/** The cookie's attributes, lower case: ["httponly", "secure", …]. */
function attributes(cookie: string): string[] {
  return cookie.split(';').slice(1).map((part) => part.trim().split('=')[0].toLowerCase());
}

function receiverPort(receiver: Receiver): number {
  return Number(new URL(receiver.url).port);
}

for (const trustProxy of [readmeProxy().trustProxy, '1']) {
  describe(`the operators' guide's reverse proxy (TRUST_PROXY=${trustProxy})`, () => {
    let drop: () => void;
    let receiver: Receiver;
    let proxy: Proxy;

    before(async () => {
      const data = await scratchDataDir();
      drop = data.drop;
      receiver = await startReceiver({ dataDir: data.dir }, { TRUST_PROXY: trustProxy });
      proxy = await startProxy(receiverPort(receiver));
    });
    after(async () => {
      await proxy?.stop();
      receiver?.child.kill('SIGTERM');
      await receiver?.exited;
      drop?.();
    });

    it('should set the dashboard session cookie Secure over https, and let it open the dashboard', async () => {
      const answer = await proxy.fetch(`${proxy.staff}/dashboard/sign-in`, { method: 'POST', headers: SIGN_IN, body: BODY });
      assert.equal(answer.status, 303, answer.body);
      const cookie = sessionCookie(answer.headers['set-cookie']);
      assert.ok(attributes(cookie).includes('secure'), `not Secure: ${cookie}`);
      assert.ok(attributes(cookie).includes('httponly'), cookie);
      const data = await proxy.fetch(`${proxy.staff}/dashboard/data`, { headers: { cookie: cookie.split(';')[0] } });
      assert.equal(data.status, 200, data.body);
    });

    it('should keep the cookie Secure when the client itself sends X-Forwarded-Proto: http', async () => {
      const answer = await proxy.fetch(`${proxy.staff}/dashboard/sign-in`, {
        method: 'POST', headers: { ...SIGN_IN, 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.9' }, body: BODY,
      });
      assert.equal(answer.status, 303, answer.body);
      assert.ok(attributes(sessionCookie(answer.headers['set-cookie'])).includes('secure'));
    });

    it('should sign in over plain http straight to the receiver, with a cookie that is not Secure', async () => {
      const answer = await fetch(`${receiver.url}/dashboard/sign-in`, { method: 'POST', headers: SIGN_IN, body: BODY, redirect: 'manual' });
      assert.equal(answer.status, 303);
      const cookie = sessionCookie(answer.headers.getSetCookie());
      assert.ok(!attributes(cookie).includes('secure'), `a Secure cookie over plain http is dropped by browsers: ${cookie}`);
      const data = await fetch(`${receiver.url}/dashboard/data`, { headers: { cookie: cookie.split(';')[0] } });
      assert.equal(data.status, 200);
    });

    it('should set the consent cookie Secure in answer to a same-origin receipt, and drop the site\'s cookies on the way (issue #21)', async () => {
      const config = readmeProxy().config;
      for (const location of config.match(/location = \/consentement\/\w+ \{[^}]*\}/g) ?? []) {
        assert.match(location, /proxy_set_header Cookie "";/, `the site's cookies reach the receiver through:\n${location}`);
      }
      const body = receipt({
        decidedAt: new Date(Date.now() - 1000).toISOString(),
        notice: { widget: '0.3.0', maxAgeDays: 182, texts: {}, purposes: [{ id: 'analytics', required: false, services: [] }] },
      });
      const posted = await proxy.fetch(`${proxy.site}/consentement/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie: 'cid_consent=whatever' },
        body: JSON.stringify(body),
      });
      assert.equal(posted.status, 202, posted.body);
      const cookie = [posted.headers['set-cookie'] ?? []].flat()[0] ?? '';
      assert.match(cookie, /^cid_consent=1\|/);
      assert.ok(attributes(cookie).includes('secure'), cookie);
    });

    it('should take receipts on the site’s route as the widget posts them, and refuse a body over 16 KB', async () => {
      const posted = await proxy.fetch(`${proxy.site}/consentement/receipts`, {
        method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(receipt()),
      });
      assert.equal(posted.status, 202, posted.body);
      const large = await proxy.fetch(`${proxy.site}/consentement/receipts`, {
        method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: 'x'.repeat(17 * 1024),
      });
      assert.equal(large.status, 413);
      // The site's server block serves nothing else of the receiver.
      assert.equal((await proxy.fetch(`${proxy.site}/dashboard`)).status, 404);
    });
  });
}

describe('the dashboard in Chromium through the operators’ guide’s reverse proxy', () => {
  let drop: () => void;
  let receiver: Receiver;
  let proxy: Proxy;
  let browser: Browser;

  before(async () => {
    const data = await scratchDataDir();
    drop = data.drop;
    receiver = await startReceiver({ dataDir: data.dir }, { TRUST_PROXY: readmeProxy().trustProxy });
    proxy = await startProxy(receiverPort(receiver));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await proxy?.stop();
    receiver?.child.kill('SIGTERM');
    await receiver?.exited;
    drop?.();
  });

  it('should sign in, keep a Secure session and load the figures', async () => {
    // The test's certificate is self-signed: the browser is told to accept it, nothing else changes.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${proxy.staff}/dashboard`);
    await page.locator('#token').fill(TOKEN);
    const [data] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('/dashboard/data')),
      page.locator('form button[type=submit]').click(),
    ]);
    assert.equal(data.status(), 200);
    const [session] = await context.cookies();
    assert.equal(session?.name, 'cid_dashboard_session');
    assert.equal(session.secure, true);
    await context.close();
  });
});
