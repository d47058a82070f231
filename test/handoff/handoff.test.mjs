/**
 * Issue #21, part 2 (CONTRACT §13): one decision for both sister sites. The two demo sites on two
 * origins, a real receiver with a hand-off key, real Chromium: a visitor who decided on one site and
 * follows a link lands on the other with the same decision, and nothing else gets one. Reads the last
 * `npm run build` (dist/, receiver/dist/).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { ROOT } from '../autoconsent/harness.mjs';
import { startSites } from './harness.mjs';

describe('sister sites share one decision (hand-off)', { timeout: 300_000 }, () => {
  let browser;
  let sites;

  before(async () => {
    for (const file of ['dist/cid-consent.js', 'dist/cid-consent-handoff.js', 'receiver/dist/src/main.js']) {
      if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build && npm run build -w receiver\` first.`);
    }
    sites = await startSites();
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    sites?.close();
  });

  /** A new visitor (own cookies and storage) on a page of `site`, its console warnings kept. */
  async function visitor(site = 'fr', path = '/') {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await page.goto(`${sites.origins[site]}${path}`);
    await page.waitForFunction(() => window.CidConsent?.get);
    return { context, page, warnings };
  }

  const state = (page) => page.evaluate(() => window.CidConsent.get());
  const bannerOpen = (page) => page.evaluate(() => document.querySelector('cid-consent-banner')?.open ?? false);
  /** The footer link from one demo site to the other. */
  const sisterLink = (page, to) => page.locator(`footer a[href^="${sites.origins[to]}"]`);

  /** Decides on the banner, then waits until the receiver has stored that decision's receipt. */
  async function decide(page, action) {
    await page.locator(`cid-consent-banner [data-action="${action}"]`).click();
    const { id, updatedAt } = await state(page);
    await waitForReceipt(id, (r) => r.decidedAt === updatedAt);
    return state(page);
  }

  async function proof(consentId) {
    const answer = await fetch(`${sites.receiver.url}/receipts/${consentId}`, { headers: { authorization: `Bearer ${sites.receiver.token}` } });
    return answer.ok ? (await answer.json()).receipts : [];
  }

  async function waitForReceipt(consentId, test) {
    for (let i = 0; i < 50; i += 1) {
      const found = (await proof(consentId)).find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no such receipt of ${consentId} reached the receiver`);
  }

  /** Follows the sister link as a visitor does, and waits for the other site's widget. */
  async function follow(page, to) {
    await sisterLink(page, to).click();
    await page.waitForURL(`${sites.origins[to]}/**`);
    await page.waitForFunction(() => window.CidConsent?.get);
  }

  /** A token the receiver gives the page for its decision in force, as the widget asks for one. */
  const askToken = (page, to) =>
    page.evaluate(async (destination) => {
      const { id, updatedAt } = window.CidConsent.get();
      const answer = await fetch('/consent/handoff', { method: 'POST', body: JSON.stringify({ consentId: id, decidedAt: updatedAt, to: destination }) });
      return { status: answer.status, ...(await answer.json()) };
    }, sites.origins[to]);

  /** Claims as the receiver signs them, for the decision in force on `page`, with `overrides`. */
  async function claimsOf(page, overrides = {}) {
    const { id, updatedAt, revision, purposes, services } = await state(page);
    const iat = Math.floor(Date.now() / 1000);
    return { aud: sites.origins.boutique, iss: sites.origins.fr, iat, exp: iat + 120, consentId: id, decidedAt: updatedAt, revision, choices: purposes, services, ...overrides };
  }

  /**
   * Lands on the boutique with `token` in the fragment, by default as a link on the French site brings
   * it (that page the referrer); `before(page)` runs first. Resolves once its widget has settled.
   */
  async function land(context, token, { path = '/', fragment = '', referer = `${sites.origins.fr}/`, before } = {}) {
    const page = await context.newPage();
    await before?.(page);
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${sites.origins.boutique}${path}${fragment ? `${fragment}&` : '#'}cid-handoff=${token}`, { referer });
    await page.waitForFunction(() => window.CidConsent?.get);
    // The check is asynchronous (WebCrypto): done when the banner shows or a decision is held.
    await page.waitForFunction(() => window.CidConsent.get().decided || document.querySelector('cid-consent-banner')?.open);
    return { page, warnings };
  }

  it('should carry the decision to the sister site with the same consent id, choices and time, no banner, and a `handoff` receipt', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'reject-all');
    await follow(page, 'boutique');
    await page.waitForFunction(() => window.CidConsent.get().decided);
    const arrived = await state(page);
    assert.equal(arrived.id, decided.id);
    assert.equal(arrived.updatedAt, decided.updatedAt, 'the six months run from the visitor\'s answer');
    assert.deepEqual(arrived.purposes, { necessary: true, analytics: false, marketing: false, partners: false });
    assert.equal(await bannerOpen(page), false);
    const handoff = await waitForReceipt(decided.id, (r) => r.method === 'handoff');
    assert.equal(handoff.site, sites.origins.boutique);
    assert.equal(handoff.decidedAt, decided.updatedAt);
    assert.equal(handoff.conflict, false, 'a hand-off repeats its decision: it conflicts with nothing');
    // The cookie the boutique wrote expires six months after the answer, not after the visit.
    const [cookie] = (await context.cookies(sites.origins.boutique)).filter((c) => c.name === 'cid_consent');
    const expected = Date.parse(decided.updatedAt) / 1000 + 182 * 86400;
    assert.ok(Math.abs(cookie.expires - expected) < 120, `expires ${cookie.expires}, expected about ${expected}`);
    await context.close();
  });

  it('should take the token out of the address bar and keep it from every request either server sees', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    const seen = sites.requests.length;
    await follow(page, 'boutique');
    await page.waitForFunction(() => window.CidConsent.get().decided);
    assert.equal(new URL(page.url()).hash, '');
    // Every request after the click, the receiver's (through /consent/) included: URL and headers (Referer).
    const after = sites.requests.slice(seen);
    assert.ok(after.some((r) => r.url === '/consent/handoff'), 'the token was asked for');
    for (const request of after) assert.doesNotMatch(JSON.stringify(request), /cid-handoff|eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9/);
    // The entry with the token was replaced, not added to: one step back is the French site.
    await page.goBack();
    assert.equal(new URL(page.url()).origin, sites.origins.fr);
    await context.close();
  });

  it('should keep the link\'s own fragment on arrival', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    const { token } = await askToken(page, 'boutique');
    const landed = await land(context, token, { fragment: '#offres' });
    assert.equal(new URL(landed.page.url()).hash, '#offres');
    assert.equal((await state(landed.page)).decided, true);
    await context.close();
  });

  it('should keep the page and its own fragment on arrival when the page declares a <base href> elsewhere', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    const { token } = await askToken(page, 'boutique');
    const path = '/politique-de-cookies.html';
    const landed = await land(context, token, {
      path,
      fragment: '#offres',
      // A fragment alone is resolved against the base URL, not the page's: the token must not take the visitor to "/".
      before: (tab) => tab.route(`${sites.origins.boutique}${path}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('<head>', '<head><base href="/">') });
      }),
    });
    const arrived = new URL(landed.page.url());
    assert.equal(arrived.pathname + arrived.hash, `${path}#offres`);
    assert.equal((await state(landed.page)).decided, true);
    await context.close();
  });

  for (const [name, forge] of [
    ['a tampered token', async (page) => (await askToken(page, 'boutique')).token.replace(/\.(.)/, (_, c) => `.${c === 'e' ? 'f' : 'e'}`)],
    ['a token for another site', async (page) => sites.sign(await claimsOf(page, { aud: sites.origins.fr }))],
    ['a token signed by another key', async (page) => sites.sign(await claimsOf(page), sites.otherKey())],
    ['an expired token', async (page) => sites.sign(await claimsOf(page, { iat: Math.floor(Date.now() / 1000) - 300, exp: Math.floor(Date.now() / 1000) - 180 }))],
    ['a token from a site that is not a sister', async (page) => sites.sign(await claimsOf(page, { iss: 'https://evil.example' }))],
    ['a token for another revision', async (page) => sites.sign(await claimsOf(page, { revision: 0 }))],
  ]) {
    it(`should refuse ${name}: a console warning, the banner as usual, and the token gone from the address bar`, async () => {
      const { context, page } = await visitor('fr');
      await decide(page, 'accept-all');
      const landed = await land(context, await forge(page));
      assert.equal((await state(landed.page)).decided, false);
      assert.equal(await bannerOpen(landed.page), true);
      assert.equal(new URL(landed.page.url()).hash, '');
      assert.ok(landed.warnings.some((w) => w.startsWith("[cid-consent] sister site's decision not taken")), landed.warnings.join('\n'));
      await context.close();
    });
  }

  it('should refuse a genuine token that someone sends in a link of their own (it must come from the sister site\'s page)', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    const { token } = await askToken(page, 'boutique');
    // Another visitor opens it from a mail or another site, within its two minutes.
    const victim = await browser.newContext();
    const opened = await land(victim, token, { referer: 'https://mail.example/' });
    assert.equal((await state(opened.page)).decided, false);
    assert.equal(await bannerOpen(opened.page), true);
    await victim.close();
    await context.close();
  });

  it('should not pass on a token that a link placed on the site carries (someone else\'s decision), whether the visitor decided or not', async () => {
    const attacker = await visitor('fr');
    await decide(attacker.page, 'accept-all');
    const { token } = await askToken(attacker.page, 'boutique');
    for (const decidedFirst of [false, true]) {
      const { context, page } = await visitor('fr');
      if (decidedFirst) await decide(page, 'reject-all');
      const own = await state(page);
      await page.evaluate((href) => {
        const link = Object.assign(document.createElement('a'), { id: 'planted', href, textContent: 'Promo' });
        document.querySelector('main').prepend(link);
      }, `${sites.origins.boutique}/#cid-handoff=${token}`);
      await page.locator('#planted').click();
      await page.waitForURL(`${sites.origins.boutique}/**`);
      await page.waitForFunction(() => window.CidConsent?.get && (window.CidConsent.get().decided || document.querySelector('cid-consent-banner')?.open));
      await page.waitForTimeout(200);
      const arrived = await state(page);
      assert.equal(arrived.id, own.id, decidedFirst ? 'the visitor\'s own decision travels' : 'no decision');
      assert.equal(arrived.purposes.analytics, false);
      await context.close();
    }
    await attacker.context.close();
  });

  it('should refuse a genuine token once the clock has moved past its two minutes', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    const { token } = await askToken(page, 'boutique');
    const later = await land(context, token, { before: (page) => page.clock.install({ time: Date.now() + 3 * 60_000 }) });
    assert.equal((await state(later.page)).decided, false);
    assert.equal(await bannerOpen(later.page), true);
    await context.close();
  });

  it('should show the banner when the hand-off file is slow, and close it once the decision is adopted after all', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'accept-all');
    const { token } = await askToken(page, 'boutique');
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await context.route('**/cid-consent-handoff.js*', async (route) => {
      await held;
      await route.continue();
    });
    const arrived = await context.newPage();
    await arrived.goto(`${sites.origins.boutique}/#cid-handoff=${token}`, { referer: `${sites.origins.fr}/`, waitUntil: 'domcontentloaded' });
    await arrived.waitForFunction(() => document.querySelector('cid-consent-banner')?.open, null, { timeout: 4000 });
    assert.equal((await state(arrived)).decided, false);
    release();
    await arrived.waitForFunction(() => window.CidConsent.get().decided);
    assert.equal((await state(arrived)).id, decided.id);
    assert.equal(await bannerOpen(arrived), false);
    await context.close();
  });

  it('should keep the newer decision the sister site holds', async () => {
    const { context, page } = await visitor('fr');
    const onFr = await decide(page, 'accept-all');
    const boutique = await context.newPage();
    await boutique.goto(sites.origins.boutique);
    await boutique.locator('cid-consent-banner [data-action="reject-all"]').click();
    const own = await state(boutique);
    await follow(page, 'boutique');
    await page.waitForTimeout(300);
    const arrived = await state(page);
    assert.notEqual(arrived.id, onFr.id);
    assert.equal(arrived.id, own.id);
    assert.equal(arrived.purposes.analytics, false);
    await context.close();
  });

  it('should not revive a decision reset on the other site through a link of a page opened before', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'accept-all');
    await follow(page, 'boutique');
    await page.waitForFunction(() => window.CidConsent.get().decided);
    await page.evaluate(() => window.CidConsent.reset());
    await waitForReceipt(decided.id, (r) => r.method === 'reset');
    // Back on the French site, whose cookie still holds the decision: its link must not carry it.
    await page.goto(sites.origins.fr);
    assert.equal((await state(page)).id, decided.id);
    assert.equal((await askToken(page, 'boutique')).status, 404);
    await follow(page, 'boutique');
    await page.waitForFunction(() => document.querySelector('cid-consent-banner')?.open);
    assert.equal((await state(page)).decided, false);
    await context.close();
  });

  it('should not revive a decision reset on this site while the reset\'s receipt still waits in its outbox (receiver unreachable from here)', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'accept-all');
    await follow(page, 'boutique');
    await page.waitForFunction(() => window.CidConsent.get().decided);
    // The boutique cannot reach the receiver: its reset stays in its outbox, the receiver never hears of it.
    await context.route(`${sites.origins.boutique}/consent/receipts`, (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.evaluate(() => window.CidConsent.reset());
    await page.waitForFunction(() => (localStorage.getItem('cid_consent_outbox') ?? '').includes('reset'));
    await page.goto(sites.origins.fr);
    assert.equal((await askToken(page, 'boutique')).status, 200, 'the receiver still holds the decision in force');
    await follow(page, 'boutique');
    await page.waitForFunction(() => window.CidConsent.get().decided || document.querySelector('cid-consent-banner')?.open);
    const arrived = await state(page);
    assert.equal(arrived.decided, false);
    assert.notEqual(arrived.id, decided.id);
    await context.close();
  });

  it('should not pass on a planted token on a middle click while the visitor\'s own token is still on its way', async () => {
    const attacker = await visitor('fr');
    await decide(attacker.page, 'accept-all');
    const { token } = await askToken(attacker.page, 'boutique');
    const { context, page } = await visitor('fr');
    const own = await decide(page, 'reject-all');
    // The receiver is slow: the visitor's token is asked for on pointer down and not there by the click.
    await context.route('**/consent/handoff', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue().catch(() => undefined);
    });
    await page.evaluate((href) => {
      const link = Object.assign(document.createElement('a'), { id: 'planted', href, textContent: 'Promo' });
      document.querySelector('main').prepend(link);
    }, `${sites.origins.boutique}/#cid-handoff=${token}`);
    const opened = context.waitForEvent('page');
    await page.locator('#planted').click({ button: 'middle' });
    const tab = await opened;
    await tab.waitForURL(`${sites.origins.boutique}/**`);
    await tab.waitForFunction(() => window.CidConsent?.get && (window.CidConsent.get().decided || document.querySelector('cid-consent-banner')?.open));
    await tab.waitForTimeout(300);
    assert.notEqual((await state(tab)).id, (await state(attacker.page)).id);
    assert.doesNotMatch(tab.url(), /cid-handoff/);
    assert.equal(own.purposes.analytics, false);
    await context.close();
    await attacker.context.close();
  });

  it('should carry the decision on a middle click, and leave the page\'s link without a token', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'accept-all');
    const link = sisterLink(page, 'boutique');
    const href = await link.getAttribute('href');
    await link.hover();
    const opened = context.waitForEvent('page');
    // A press as long as a hand's: the token is asked for on pointer down.
    await link.click({ button: 'middle', delay: 150 });
    const tab = await opened;
    await tab.waitForURL(`${sites.origins.boutique}/**`);
    await tab.waitForFunction(() => window.CidConsent?.get().decided);
    assert.equal((await state(tab)).id, decided.id);
    await page.waitForTimeout(50);
    assert.equal(await link.getAttribute('href'), href);
    await context.close();
  });

  it('should carry the decision when the link is followed with the keyboard', async () => {
    const { context, page } = await visitor('fr');
    const decided = await decide(page, 'accept-all');
    await sisterLink(page, 'boutique').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${sites.origins.boutique}/**`);
    await page.waitForFunction(() => window.CidConsent?.get().decided);
    assert.equal((await state(page)).id, decided.id);
    await context.close();
  });

  it('should let the visitor go without a token, within 300 ms, when the receiver does not answer', async () => {
    const { context, page } = await visitor('fr');
    await decide(page, 'accept-all');
    await context.route('**/consent/handoff', () => {});
    const navigation = page.waitForRequest((request) => request.isNavigationRequest() && request.url().startsWith(sites.origins.boutique));
    const clicked = Date.now();
    await sisterLink(page, 'boutique').click();
    await navigation;
    const waited = Date.now() - clicked;
    await page.waitForURL(`${sites.origins.boutique}/**`);
    await page.waitForFunction(() => document.querySelector('cid-consent-banner')?.open);
    // 300 ms held at most, and the test's own round trips to the browser (npm run bench:handoff measures it).
    assert.ok(waited < 800, `the navigation started ${waited} ms after the click`);
    assert.equal((await state(page)).decided, false);
    await context.close();
  });

  it('should touch no link and ask for nothing before the visitor has decided', async () => {
    const { context, page } = await visitor('fr');
    const seen = sites.requests.length;
    await follow(page, 'boutique');
    assert.equal(new URL(page.url()).hash, '');
    assert.ok(!sites.requests.slice(seen).some((r) => r.url === '/consent/handoff'));
    assert.equal(await bannerOpen(page), true);
    await context.close();
  });
});
