// Issue #13: the marketing dashboard, end to end in Chromium against a receiver on the
// embedded store seeded with known receipts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { ReceiptRow } from '../src/store/receipts.js';
import { openTestStore, type TestStore } from './helpers.js';
import {
  BOUTIQUE, FR, RETURNING, TOKEN, axeViolations, chartsDrawn, focused, launch, listen, notice, seedReceipts, signIn, storeAll, tabTo,
} from './dashboard-helpers.js';

const ROWS = seedReceipts({ start: '2026-11-01', days: 20, perDay: 14, changeAt: 10 });
const PURPOSES = ['analytics', 'marketing', 'partners'] as const;

interface Filter { site?: string; from?: string; to?: string; revision?: number }

/** The day of an instant on a Paris calendar (the receiver's default TIME_ZONE, issue #25). */
const parisDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso));

/** The headline figures, counted from the seed the way a person would. */
function expected(filter: Filter = {}) {
  const kept = ROWS.filter((row) => (!filter.site || row.site === filter.site)
    && (!filter.from || parisDay(row.decidedAt) >= filter.from)
    && (!filter.to || parisDay(row.decidedAt) <= filter.to)
    && (filter.revision === undefined || row.revision === filter.revision));
  const decisions = kept.length;
  const rates = Object.fromEntries(PURPOSES.map((id) => [id, Math.round((kept.filter((row) => row.choices[id]).length / decisions) * 10000) / 10000]));
  return {
    kept,
    decisions,
    rejectAll: kept.filter((row) => row.method.endsWith('reject-all')).length / decisions,
    gpc: kept.filter((row) => row.gpc).length / decisions,
    rates,
  };
}

/** Polls until the value is the one expected (the page answers a filter change asynchronously). */
async function valueOf(locator: Locator, wanted?: string, timeout = 5000): Promise<string | null> {
  const until = Date.now() + timeout;
  let value = await locator.getAttribute('data-value');
  while (wanted !== undefined && value !== wanted && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await locator.getAttribute('data-value');
  }
  return value;
}

async function headline(page: Page) {
  const figure = (name: string) => page.locator(`cid-dashboard [data-figure="${name}"]`);
  return {
    decisions: Number(await valueOf(figure('decisions'))),
    rejectAll: Number(await valueOf(figure('reject-all'))),
    gpc: Number(await valueOf(figure('gpc'))),
    rates: Object.fromEntries(await Promise.all(PURPOSES.map(async (id) => [id, Number(await valueOf(page.locator(`cid-dashboard [data-purpose="${id}"]`)))]))),
  };
}

function sameFigures(shown: Awaited<ReturnType<typeof headline>>, wanted: ReturnType<typeof expected>): void {
  assert.equal(shown.decisions, wanted.decisions, 'decisions');
  assert.equal(shown.rejectAll, wanted.rejectAll, 'reject-all share');
  assert.equal(shown.gpc, wanted.gpc, 'GPC share');
  assert.deepEqual(shown.rates, wanted.rates, 'grant rate per purpose');
}

describe('marketing dashboard (GET /dashboard)', () => {
  let fixture: TestStore;
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    fixture = await openTestStore('embedded');
    await storeAll(fixture.store, ROWS);
    ({ app, url } = await listen(fixture.store));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fixture?.dispose();
  });

  /** A fresh browser profile per test: no cookie leaks from one test to the next. */
  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  async function signedIn(lang = 'fr', viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(viewport);
    await signIn(page, url, TOKEN, lang);
    await chartsDrawn(page);
    return page;
  }

  it('should refuse sign-in with a wrong token, say so, and set no cookie', async () => {
    const page = await newPage();
    await page.goto(`${url}/dashboard`);
    await page.locator('#token').fill('not-the-token-0123456789');
    const [answer] = await Promise.all([page.waitForResponse('**/dashboard/sign-in'), page.locator('form button[type=submit]').click()]);
    assert.equal(answer.status(), 401);
    assert.match(await page.locator('[role=alert]').innerText(), /pas le bon/);
    assert.equal(await page.locator('#token').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal(await page.locator('cid-dashboard').count(), 0);
    assert.equal((await page.context().request.get(`${url}/dashboard/data`)).status(), 401);
  });

  it('should sign in into an HttpOnly, SameSite=Strict session that sign-out ends', async () => {
    const page = await signedIn();
    const [session] = await page.context().cookies();
    assert.equal(session.name, 'cid_dashboard_session');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(session.path, '/');
    assert.equal(await page.evaluate('document.cookie'), '', 'scripts cannot read the session');
    await page.locator('cid-dashboard button', { hasText: 'Se déconnecter' }).click();
    await page.locator('#token').waitFor();
    assert.deepEqual(await page.context().cookies(), []);
    // The old cookie, replayed, no longer opens anything.
    const replay = await fetch(`${url}/dashboard/data`, { headers: { cookie: `${session.name}=${session.value}` } });
    assert.equal(replay.status, 401);
  });

  it('should answer 503 on the dashboard without RECEIVER_TOKEN, like the other read routes', async () => {
    const { app: disabled, url: where } = await listen(fixture.store, null);
    try {
      for (const path of ['/dashboard', '/dashboard/data', '/dashboard/app.js']) {
        assert.equal((await fetch(`${where}${path}`)).status, 503, path);
      }
      const signInAnswer = await fetch(`${where}/dashboard/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=anything-at-all-here' });
      assert.equal(signInAnswer.status, 503);
    } finally {
      await disabled.close();
    }
  });

  it('should keep accepting the bearer token on its data routes, and refuse a wrong one', async () => {
    const good = await fetch(`${url}/dashboard/data`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(good.status, 200);
    assert.equal(((await good.json()) as { totals: { decisions: number } }).totals.decisions, ROWS.length);
    assert.equal((await fetch(`${url}/dashboard/data`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
    const bad = await fetch(`${url}/dashboard/data?from=2026-11-10&to=2026-11-01`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /from/);
    // Hostile filters are a 400, never a 503 from the store.
    for (const query of ['to=2026-02-31', 'from=2026-02-30&to=2026-03-01', 'site=%00']) {
      const hostile = await fetch(`${url}/dashboard/data?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(hostile.status, 400, query);
    }
  });

  it('should name purposes and services with the words of the notices visitors were shown, per language', async () => {
    const response = await fetch(`${url}/dashboard/data`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { labels } = (await response.json()) as { labels: Record<string, Record<string, string>> };
    assert.equal(labels.fr.analytics, "Mesure d'audience");
    assert.equal(labels.en.marketing, 'Commercial offers');
    assert.equal(labels.fr.youtube, 'YouTube');
  });

  it('should answer a missing, empty or hostile sign-in with 4xx, never a 5xx, and no cookie', async () => {
    const bodies: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['application/x-www-form-urlencoded', ''],
      ['application/x-www-form-urlencoded', 'token=%E0%A4%A&lang=xx'],
      ['application/x-www-form-urlencoded', '__proto__[token]=x&constructor=1'],
      ['application/x-www-form-urlencoded', `token=${'a'.repeat(5000)}`],
      ['application/json', '{"token":["array"]}'],
      ['text/plain', 'token'],
    ];
    for (const [type, body] of bodies) {
      const answer = await fetch(`${url}/dashboard/sign-in`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
      assert.ok(answer.status >= 400 && answer.status < 500, `${type} ${body?.slice(0, 40)}: ${answer.status}`);
      assert.equal(answer.headers.get('set-cookie'), null);
    }
    const signOut = await fetch(`${url}/dashboard/sign-out`, { method: 'POST', redirect: 'manual' });
    assert.equal(signOut.status, 303);
  });

  it('should send a strict CSP and draw every chart without breaking it', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const first = await page.goto(`${url}/dashboard`);
    assert.match(first?.headers()['content-security-policy'] ?? '', /default-src 'self'; script-src 'self'; style-src 'self'/);
    await page.locator('#token').fill(TOKEN);
    await page.locator('form button[type=submit]').click();
    await chartsDrawn(page);
    assert.equal(await page.locator('cid-dashboard cid-dash-chart canvas').count(), 5);
    assert.deepEqual(problems, []);
  });

  it('should show headline figures equal to the counts computed from the seed', async () => {
    const page = await signedIn();
    sameFigures(await headline(page), expected());
    assert.equal(await page.locator('cid-dashboard [data-figure="decisions"] .value').innerText(), String(ROWS.length));
    // The split chart's table holds the same decisions.
    const split = await page.locator('cid-dash-chart[name="split"] tbody td').allTextContents();
    const counts = split.map((text) => Number(text.replace(/\s/g, '')));
    assert.equal(counts.reduce((a, b) => a + b, 0), ROWS.length);
    assert.equal(counts[1], ROWS.filter((row) => row.method.endsWith('reject-all')).length);
  });

  it('should change the figures when filtering by site, period and revision', async () => {
    const page = await signedIn();
    const decisions = page.locator('cid-dashboard [data-figure="decisions"]');
    const apply = page.locator('cid-dashboard .filters button[type=submit]');

    await page.locator('cid-dashboard select[name=site]').selectOption(BOUTIQUE);
    await apply.click();
    await valueOf(decisions, String(expected({ site: BOUTIQUE }).decisions));
    sameFigures(await headline(page), expected({ site: BOUTIQUE }));

    await page.locator('cid-dashboard input[name=from]').fill('2026-11-05');
    await page.locator('cid-dashboard input[name=to]').fill('2026-11-14');
    await apply.click();
    await valueOf(decisions, String(expected({ site: BOUTIQUE, from: '2026-11-05', to: '2026-11-14' }).decisions));
    sameFigures(await headline(page), expected({ site: BOUTIQUE, from: '2026-11-05', to: '2026-11-14' }));

    await page.locator('cid-dashboard select[name=revision]').selectOption('4');
    await apply.click();
    const wanted = expected({ site: BOUTIQUE, from: '2026-11-05', to: '2026-11-14', revision: 4 });
    await valueOf(decisions, String(wanted.decisions));
    sameFigures(await headline(page), wanted);
    assert.notEqual(wanted.decisions, expected().decisions);
    assert.match(page.url(), /site=.*from=2026-11-05.*to=2026-11-14.*revision=4/);
  });

  it('should compare the rates before and after a revision change', async () => {
    const page = await signedIn();
    const table = page.locator('cid-dash-chart[name="revisions"] table');
    const headers = await table.locator('thead th').allTextContents();
    assert.match(headers[1], /Version 3/);
    assert.match(headers[2], /Version 4/);
    const before = expected({ revision: 3 });
    const afterChange = expected({ revision: 4 });
    const rejectRow = await table.locator('tbody tr').last().locator('td').allTextContents();
    const percent = (rate: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
    assert.deepEqual(rejectRow.slice(0, 2), [percent(before.rejectAll), percent(afterChange.rejectAll)]);
  });

  it('should show the seeded notice in the proof lookup, oldest first, and download it as JSON', async () => {
    const page = await signedIn();
    await page.locator('cid-dash-proof input').fill(RETURNING);
    await page.locator('cid-dash-proof button[type=submit]').click();
    const items = page.locator('cid-dash-proof ol > li');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2);
    const shownFirst = notice(3, 'fr') as { texts: { body: string } };
    const shownThen = notice(4, 'fr') as { texts: { body: string } };
    assert.match(await items.nth(0).innerText(), /Tout refuser, dans le bandeau/);
    assert.ok((await items.nth(0).innerText()).includes(shownFirst.texts.body));
    assert.ok((await items.nth(1).innerText()).includes(shownThen.texts.body));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('cid-dash-proof a[download]').click()]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as { receipts: { notice: unknown }[] };
    const api = await (await fetch(`${url}/receipts/${RETURNING}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    assert.deepEqual(file, api);
    assert.deepEqual(file.receipts[0].notice, notice(3, 'fr'));

    await page.locator('cid-dash-proof input').fill('nosuchconsent00');
    await page.locator('cid-dash-proof button[type=submit]').click();
    await page.locator('cid-dash-proof .status', { hasText: 'Aucune décision' }).waitFor();
  });

  it('should mark both receipts of a decision sent with two different contents as conflicting in the proof lookup', async () => {
    // Outside the seed's days, so that the figures of the other tests stay the seed's.
    const genuine: ReceiptRow = { ...ROWS[0], consentId: 'conflictvisitor01', decidedAt: '2025-06-01T10:00:00.000Z', method: 'banner-reject-all' };
    const forged: ReceiptRow = { ...genuine, method: 'banner-accept-all', choices: { necessary: true, analytics: true, marketing: true, partners: true } };
    await storeAll(fixture.store, [forged]);
    await storeAll(fixture.store, [genuine]);
    const page = await signedIn();
    await page.locator('cid-dash-proof input').fill(genuine.consentId);
    await page.locator('cid-dash-proof button[type=submit]').click();
    await page.locator('cid-dash-proof ol > li').nth(1).waitFor();
    const marks = page.locator('cid-dash-proof [data-conflict]');
    assert.equal(await marks.count(), 2);
    assert.match(await marks.first().innerText(), /^Conflit : /);
    assert.deepEqual(await axeViolations(page), [], 'proof with a conflict');
  });

  it('should export the filtered period as CSV, row for row the seed', async () => {
    const page = await signedIn();
    await page.locator('cid-dashboard select[name=site]').selectOption(FR);
    await page.locator('cid-dashboard input[name=from]').fill('2026-11-03');
    await page.locator('cid-dashboard input[name=to]').fill('2026-11-12');
    await page.locator('cid-dashboard .filters button[type=submit]').click();
    const wanted = expected({ site: FR, from: '2026-11-03', to: '2026-11-12' });
    await valueOf(page.locator('cid-dashboard [data-figure="decisions"]'), String(wanted.decisions));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('cid-dashboard a[href^="/dashboard/export.csv"]').click()]);
    const records = parse(readFileSync(await download.path(), 'utf8'), { columns: true }) as { consentId: string; decidedAt: string; method: string; site: string; choices: string; noticeHash: string }[];
    const key = (row: { consentId: string; decidedAt: string }) => `${row.consentId} ${row.decidedAt}`;
    assert.deepEqual(records.map(key).sort(), wanted.kept.map((row: ReceiptRow) => key(row)).sort());
    const byKey = new Map(wanted.kept.map((row) => [key(row), row]));
    for (const record of records) {
      const seed = byKey.get(key(record))!;
      assert.equal(record.method, seed.method);
      assert.equal(record.site, FR);
      assert.deepEqual(JSON.parse(record.choices), seed.choices);
      assert.equal(record.noticeHash, seed.noticeHash);
    }
  });

  it('should have no axe-core violations signed out, after a refused sign-in, signed in, in English, and with a proof shown', async () => {
    const page = await newPage();
    await page.goto(`${url}/dashboard`);
    assert.deepEqual(await axeViolations(page), [], 'sign-in page');
    await page.locator('#token').fill('not-the-token-0123456789');
    await page.locator('form button[type=submit]').click();
    await page.locator('[role=alert]').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'refused sign-in');

    const app = await signedIn();
    for (const summary of await app.locator('cid-dash-chart summary').all()) await summary.click();
    await app.locator('cid-dash-proof input').fill(RETURNING);
    await app.locator('cid-dash-proof button[type=submit]').click();
    await app.locator('cid-dash-proof ol > li').nth(1).waitFor();
    assert.deepEqual(await axeViolations(app), [], 'dashboard, French, tables and proof open');
    await app.locator('cid-dashboard button[lang="en"]').click();
    await app.locator('cid-dashboard h1', { hasText: 'Consent dashboard' }).waitFor();
    assert.equal(await app.evaluate('document.documentElement.lang'), 'en');
    assert.deepEqual(await axeViolations(app), [], 'dashboard, English');
  });

  it('should be usable with the keyboard alone: sign in, switch language, read a table, look up a proof', async () => {
    const page = await newPage();
    await page.goto(`${url}/dashboard`);
    // The token field has the focus on arrival.
    assert.match(await focused(page), /^input\|\|token$/);
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await chartsDrawn(page);
    await tabTo(page, (what) => what.startsWith('button|English'));
    await page.keyboard.press('Enter');
    await page.locator('cid-dashboard h1', { hasText: 'Consent dashboard' }).waitFor();
    await tabTo(page, (what) => what.startsWith('summary|Show the figures'));
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('cid-dash-chart[name="decisions"] details').getAttribute('open'), '');
    await tabTo(page, (what) => what.endsWith('|consentId'));
    await page.keyboard.type(RETURNING);
    await page.keyboard.press('Enter');
    await page.locator('cid-dash-proof ol > li').nth(1).waitFor();
    assert.match(await focused(page), /^p\|2 decisions recorded/);
  });

  it('should fit a 1280×800 screen and an 820×1180 tablet without sideways scrolling', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 820, height: 1180 }]) {
      const page = await signedIn('fr', viewport);
      const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]') as number[];
      assert.ok(widths[0] <= widths[1], `${viewport.width}×${viewport.height}: page is ${widths[0]} px wide`);
      // The headline figures are on the first screen.
      const box = await page.locator('cid-dashboard [data-figure="gpc"]').boundingBox();
      assert.ok(box && box.y + box.height <= viewport.height, `${viewport.width}×${viewport.height}: headline below the fold`);
    }
  });
});
