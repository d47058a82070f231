// Audits one URL: three fresh browser contexts (no choice; "reject all"; "accept all"),
// the last two reloaded after the choice, all three at once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CannotRun } from './browser.js';
import { problemsOf, readInventory, rulesOf, type PatternProblem, type PurposeInventory } from './classify.js';
import { holdReceipts } from './receipts.js';
import { markWidgetFiles, snapshot, watchRequests, type Phase, type PhaseId } from './record.js';
import { judge, type Finding, type Warning } from './verdict.js';

export interface AuditOptions {
  accept?: string;
  reject?: string;
  necessary: string[];
  wait: number;
  timeout: number;
  screenshots: boolean;
}

export type Progress = (event: { url: string; phase: PhaseId; done: Phase }) => void;

export type DecidedBy = 'CidConsent' | 'selectors';

export interface PageReport {
  url: string;
  verdict: 'clean' | 'violations' | 'error';
  error: string | null;
  durationMs: number;
  widget: boolean;
  decidedBy: DecidedBy | null;
  inventory: PurposeInventory[] | null;
  /** Origins other than the page's that gated elements name: only they, once granted, may reach them. */
  gatedOrigins: string[];
  gatedHosts: string[];
  violations: Finding[];
  warnings: Warning[];
  /** `cookies` entries that match nothing in this audit (a lookahead, a backreference…), with why. */
  patternsNotRun: PatternProblem[];
  /** Consent receipts the widget sent during the audit, answered by the audit itself (receipts.ts). */
  receiptsHeld: number;
  phases: Phase[];
}

/** Loads `url`; an unreachable page or an error status is a reason not to go on. */
async function open(page: Page, url: string, timeout: number, reload = false): Promise<void> {
  let response;
  try {
    response = reload ? await page.reload({ waitUntil: 'load', timeout }) : await page.goto(url, { waitUntil: 'load', timeout });
  } catch (error) {
    const message = String((error as Error).message);
    const net = /net::[A-Z_]+/.exec(message);
    if (net) throw new CannotRun(`unreachable: ${url} (${net[0]})`);
    if (/Timeout/i.test(message)) throw new CannotRun(`unreachable: ${url} did not load within ${timeout / 1000} s`);
    throw new CannotRun(`unreachable: ${url} (${message.split('\n')[0]})`);
  }
  if (response && response.status() >= 400) throw new CannotRun(`unreachable: ${url} answered HTTP ${response.status()}`);
}

/**
 * Asks the page `probe` until it answers true or `ms` have passed. A loop of short
 * evaluations: Playwright's waitForFunction took up to a second to notice a condition
 * that was already true, on a loaded machine, and a missed widget is a wrong verdict.
 */
async function poll(page: Page, probe: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await page.evaluate(probe).catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The page's consent configuration when our widget runs on it, else `null`. The widget
 * may come late (async tag, tag manager): it gets the `wait` to appear; once its API is
 * there, it gets the `timeout` to start.
 */
async function findWidget(page: Page, options: AuditOptions): Promise<PurposeInventory[] | null> {
  const present = () => typeof window.CidConsent === 'object';
  if (!(await poll(page, present, options.wait))) return null;
  const started = () => {
    try {
      // The page's CidConsent may be older than inventory() (0.1), another script's, or broken.
      const api: Partial<NonNullable<typeof window.CidConsent>> = window.CidConsent ?? {};
      // A widget older than inventory() (0.1) cannot be read: it counts as none.
      return typeof api.inventory !== 'function' || api.inventory().length > 0;
    } catch {
      return true;
    }
  };
  if (!(await poll(page, started, options.timeout))) return null;
  return readInventory(await page.evaluate(() => window.CidConsent?.inventory()).catch(() => null));
}

/** Says "accept all" or "reject all": by the given selector, else through `window.CidConsent`. */
async function decide(page: Page, choice: 'accept' | 'reject', widget: boolean, options: AuditOptions): Promise<DecidedBy> {
  const selector = options[choice];
  if (selector) {
    // Playwright's CSS engine pierces open shadow roots: our banner's buttons can be named too.
    const clicked = await page.locator(selector).first().click({ timeout: options.timeout }).then(() => true, () => false);
    if (!clicked) throw new CannotRun(`the --${choice} selector ${JSON.stringify(selector)} matched no clickable element on ${page.url()}`);
    return 'selectors';
  }
  if (!widget) throw new CannotRun(`no CidConsent on ${page.url()} and no --${choice} selector: cannot say "${choice} all"`);
  await page.evaluate((method) => window.CidConsent?.[method](), choice === 'accept' ? 'acceptAll' as const : 'rejectAll' as const);
  return 'CidConsent';
}

interface ContextRun {
  phases: Phase[];
  inventory: PurposeInventory[] | null;
  decidedBy: DecidedBy | null;
  patternsNotRun: PatternProblem[];
  receiptsHeld: number;
}

/** How long one context may take: two loads, three waits and some slack. */
const budgetOf = (options: AuditOptions): number => 2 * options.timeout + 3 * options.wait + 5000;

/** One fresh context: load, maybe choose and reload, with a snapshot after each step. */
async function runContext(browser: Browser, url: string, choice: 'accept' | 'reject' | null, options: AuditOptions, done: (phase: Phase) => void): Promise<ContextRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  // Playwright's evaluate has no timeout: a page that loops forever after load would hang the
  // audit. Past its budget the context is closed, which ends whatever was waiting on it.
  const budget = budgetOf(options);
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    void closeContext(context);
  }, budget);
  try {
    // Before the first load: a receipt left in an outbox is resent as soon as the widget starts.
    const receipts = await holdReceipts(context);
    const page = await context.newPage();
    const requests = await watchRequests(context, page);
    const loaded = Date.now();
    await open(page, url, options.timeout);
    const inventory = await findWidget(page, options);
    const rules = rulesOf([
      ...(inventory ?? []),
      { id: 'necessary', required: true, cookies: options.necessary, lifetimes: {}, services: [] },
    ]);
    const phases: Phase[] = [];
    const take = async (id: PhaseId) => {
      const phase = await snapshot({ context, page, requests, rules, id, screenshots: options.screenshots });
      phases.push(phase);
      done(phase);
    };
    let decidedBy: DecidedBy | null = null;
    if (!choice) {
      // Late trackers (a tag manager's timers) count: the page gets the whole wait after load.
      await page.waitForTimeout(Math.max(0, options.wait - (Date.now() - loaded)));
      await take('initial');
    } else {
      decidedBy = await decide(page, choice, !!inventory, options);
      await page.waitForTimeout(options.wait);
      await take(choice);
      requests.restart();
      await open(page, url, options.timeout, true);
      await page.waitForTimeout(options.wait);
      await take(`${choice}-reload`);
    }
    return { phases, inventory, decidedBy, patternsNotRun: problemsOf(rules), receiptsHeld: receipts.count() };
  } catch (error) {
    if (late) throw new CannotRun(`${url} stopped answering: not audited within ${budget / 1000} s`);
    throw error;
  } finally {
    clearTimeout(deadline);
    await closeContext(context);
  }
}

/**
 * Closes a context, given a few seconds: a browser that does not answer then is left to the end of
 * the run. (Not unrouteAll() first: with a page's main thread stuck in a loop, it never returns.)
 */
async function closeContext(context: BrowserContext): Promise<void> {
  await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
}

export async function auditPage(browser: Browser, url: string, options: AuditOptions, progress: Progress = () => {}): Promise<PageReport> {
  const started = Date.now();
  const choices = [null, 'reject', 'accept'] as const;
  // Past its budget a context is closed (runContext); should even that not end it (a browser that no
  // longer answers), the page is given up a little later all the same: the audit always ends.
  const limit = budgetOf(options) + 15_000;
  const settled = await Promise.allSettled(
    choices.map((choice) => Promise.race([
      runContext(browser, url, choice, options, (phase) => progress({ url, phase: phase.id, done: phase })),
      new Promise<never>((_, reject) => {
        setTimeout(() => reject(new CannotRun(`${url} stopped answering: not audited within ${limit / 1000} s`)), limit).unref();
      }),
    ])),
  );
  const runs = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  const phases = runs.flatMap((run) => run.phases);
  const inventory = runs.find((run) => run.inventory)?.inventory ?? null;
  // Each context read the configuration on its own: each entry is told once.
  const patternsNotRun = [...new Map(runs.flatMap((run) => run.patternsNotRun).map((p) => [`${p.purpose} ${p.service} ${p.pattern}`, p])).values()];
  markWidgetFiles(phases);
  const { violations, warnings, gatedOrigins, gatedHosts } = judge(phases);
  let error: string | null = null;
  if (failure) {
    const reason: unknown = failure.reason;
    error = reason instanceof CannotRun ? reason.message : `could not audit ${url}: ${String((reason as Error | undefined)?.message ?? reason).split('\n')[0]}`;
  }
  return {
    url,
    verdict: error ? 'error' : violations.length ? 'violations' : 'clean',
    error,
    durationMs: Date.now() - started,
    widget: !!inventory,
    decidedBy: runs.find((run) => run.decidedBy)?.decidedBy ?? null,
    inventory,
    gatedOrigins,
    gatedHosts,
    violations,
    warnings,
    patternsNotRun,
    receiptsHeld: runs.reduce((sum, run) => sum + run.receiptsHeld, 0),
    phases,
  };
}
