// Fixtures of the dashboard's tests and screenshots: seeded receipts, a receiver on our
// ports (19000-19099), Chromium driven by playwright-core, axe-core.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { canonicalJson, sha256Hex } from '../src/canonical.js';
import { buildServer } from '../src/server.js';
import type { Store } from '../src/store/index.js';
import { openTestStore } from './helpers.js';
import type { ReceiptRow } from '../src/store/receipts.js';

export const TOKEN = 'dashboard-token-0123456789abcdef';
export const FR = 'https://www.cid-it.fr';
export const BOUTIQUE = 'https://www.cid-it.boutique';
/** The visitor who decided twice, across a banner change: the proof-lookup fixture. */
export const RETURNING = 'returningvisitor01';

const require = createRequire(import.meta.url);
export const AXE = require.resolve('axe-core/axe.min.js');

/** A small deterministic generator (mulberry32): the same seed gives the same receipts. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a visitor was shown: our own sample texts, one notice per revision and language. */
export function notice(revision: number, lang: 'fr' | 'en'): Record<string, unknown> {
  const fr = lang === 'fr';
  return {
    widget: '0.2.0',
    policyUrl: '/politique-de-confidentialite',
    texts: {
      title: fr ? `Vos choix sur les cookies (version ${revision})` : `Your cookie choices (version ${revision})`,
      body: fr
        ? `Avec votre accord, nous mesurons l'audience et vous proposons nos offres. Texte de la version ${revision}.`
        : `With your consent we measure our audience and send you our offers. Text of version ${revision}.`,
    },
    purposes: [
      { id: 'analytics', label: fr ? "Mesure d'audience" : 'Audience measurement', description: fr ? 'Statistiques de visite' : 'Visit statistics', services: [] },
      { id: 'marketing', label: fr ? 'Offres commerciales' : 'Commercial offers', description: fr ? 'Lettres et publicités' : 'Newsletters and ads', services: [{ id: 'youtube', name: 'YouTube' }] },
      { id: 'partners', label: fr ? 'Partenaires' : 'Partners', description: fr ? 'Offres de nos partenaires' : "Our partners' offers", services: [] },
    ],
  };
}

function row(fields: Omit<ReceiptRow, 'noticeHash' | 'noticeText'>): ReceiptRow {
  const noticeText = canonicalJson(notice(fields.revision, fields.lang as 'fr' | 'en'));
  return { ...fields, noticeHash: sha256Hex(noticeText), noticeText };
}

export interface SeedOptions {
  /** First UTC day, YYYY-MM-DD. */
  start: string;
  days: number;
  perDay: number;
  /** The day index from which revision 4 replaces revision 3. */
  changeAt: number;
  seed?: number;
}

const PAGES = ['/', '/produits/portables', '/produits/ecrans', '/panier', '/contact'];

/**
 * Receipts spread over days, two sites, two revisions; the second revision's banner is
 * refused a little more often and customised more (the kind of move the dashboard shows).
 */
export function seedReceipts(options: SeedOptions): ReceiptRow[] {
  const random = generator(options.seed ?? 42);
  const rows: ReceiptRow[] = [];
  let n = 0;
  for (let day = 0; day < options.days; day += 1) {
    const date = new Date(Date.parse(`${options.start}T00:00:00Z`) + day * 86_400_000);
    const revision = day < options.changeAt ? 3 : 4;
    const count = Math.round(options.perDay * (0.7 + 0.6 * random()));
    for (let i = 0; i < count; i += 1) {
      n += 1;
      const gpc = random() < 0.08;
      // Revision 4's banner and GPC visitors lead to more refusals.
      const refuses = random() < (revision === 4 ? 0.06 : 0) + (gpc ? 0.25 : 0);
      const pick = random();
      const method = refuses ? 'banner-reject-all' : pick < 0.5 ? 'banner-accept-all' : pick < 0.55 ? 'panel-accept-all'
        : pick < 0.8 ? 'banner-reject-all' : pick < 0.84 ? 'panel-reject-all' : pick < 0.96 ? 'panel-save'
          : pick < 0.99 ? 'placeholder' : 'api';
      const all = method.endsWith('accept-all');
      const none = method.endsWith('reject-all');
      const some = (p: number) => (all ? true : none ? false : random() < p);
      const choices = { necessary: true, analytics: some(0.7), marketing: method === 'placeholder' ? false : some(0.3), partners: method === 'placeholder' ? false : some(0.1) };
      const services = { youtube: method === 'placeholder' ? true : all ? true : none ? false : choices.marketing || random() < 0.4 };
      const at = new Date(date.getTime() + Math.floor(random() * 86_399_000));
      rows.push(row({
        consentId: `v${n.toString(36).padStart(9, '0')}`,
        decidedAt: at.toISOString(),
        revision,
        choices,
        services,
        method,
        gpc,
        lang: random() < 0.9 ? 'fr' : 'en',
        site: random() < 0.6 ? FR : BOUTIQUE,
        page: PAGES[Math.floor(random() * PAGES.length)],
      }));
    }
  }
  // One visitor who refused everything under revision 3, then chose under revision 4.
  const last = Date.parse(`${options.start}T00:00:00Z`) + (options.days - 1) * 86_400_000;
  rows.push(row({
    consentId: RETURNING, decidedAt: new Date(Date.parse(`${options.start}T09:30:00Z`)).toISOString(), revision: 3,
    choices: { necessary: true, analytics: false, marketing: false, partners: false }, services: { youtube: false },
    method: 'banner-reject-all', gpc: false, lang: 'fr', site: FR, page: '/',
  }));
  rows.push(row({
    consentId: RETURNING, decidedAt: new Date(last + 15 * 3_600_000).toISOString(), revision: 4,
    choices: { necessary: true, analytics: true, marketing: false, partners: false }, services: { youtube: true },
    method: 'panel-save', gpc: false, lang: 'fr', site: FR, page: '/produits/portables',
  }));
  return rows;
}

/** Stores rows through the store's own write path (the one POST /receipts uses). */
export async function storeAll(store: Store, rows: ReceiptRow[]): Promise<void> {
  await Promise.all(rows.map((receipt) => store.add(receipt)));
}

let nextPort = 19000 + (process.pid % 50);
/** A receiver listening on 127.0.0.1 on a port of our range (19000-19099). */
export async function listen(store: Store, token: string | null = TOKEN): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer({
    allowedOrigins: [FR, BOUTIQUE],
    token: token ?? undefined,
    rateLimitPerMinute: 1_000_000,
    trustProxy: false,
    logLevel: 'silent',
  }, store);
  for (let attempt = 0; ; attempt += 1) {
    nextPort = nextPort >= 19099 ? 19000 : nextPort + 1;
    try {
      await app.listen({ port: nextPort, host: '127.0.0.1' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 100) throw error;
    }
  }
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** A receiver on a fresh embedded store holding `rows`, and Chromium: a dashboard test's fixture. */
export async function seededDashboard(rows: ReceiptRow[]): Promise<{ url: string; browser: Browser; close: () => Promise<void> }> {
  const fixture = await openTestStore('embedded');
  await storeAll(fixture.store, rows);
  const { app, url } = await listen(fixture.store);
  const browser = await launch();
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await fixture.dispose();
    },
  };
}

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', ...extraArgs],
  });
}

/** The charts the page draws when the period has services (5) or not (4). */
export async function chartsDrawn(page: Page, count = 5, timeout = 10_000): Promise<void> {
  // A function, not a string: a string would be eval'd in the page, which its CSP forbids.
  await page.waitForFunction(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (wanted) => (globalThis as any).document.querySelector('cid-dashboard')?.shadowRoot?.querySelectorAll('cid-dash-chart[data-drawn]').length === wanted,
    count,
    { timeout, polling: 'raf' },
  );
}

export async function signIn(page: Page, url: string, token = TOKEN, lang = 'fr'): Promise<void> {
  await page.goto(`${url}/dashboard?lang=${lang}`);
  await page.locator('#token').fill(token);
  await page.locator('form button[type=submit]').click();
}

/** axe-core's violations on the page as it is now (open shadow roots included). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: number }[]> {
  // Evaluated through the DevTools protocol: an injected <script> would be refused by the CSP.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).join(', ') })))`);
  return result as { id: string; help: string; nodes: number }[];
}

/** What has the keyboard focus, through shadow roots: "tag|text|name". */
export function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return '';
    return [element.tagName.toLowerCase(), (element.textContent || '').trim().slice(0, 60), element.getAttribute('name') || element.id || ''].join('|');
  })()`) as Promise<string>;
}

/** Presses Tab until the focused element matches, at most `max` times. */
export async function tabTo(page: Page, match: (what: string) => boolean, max = 60): Promise<string> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const what = await focused(page);
    if (match(what)) return what;
  }
  throw new Error(`Tab never reached the element (last: ${await focused(page)})`);
}
