// The programmatic entry: audits a list of URLs, a few at a time, in one browser.
import { createRequire } from 'node:module';
import { auditPage, type AuditOptions, type PageReport, type Progress } from './audit.js';
import { CannotRun, findChromium, launch } from './browser.js';

export { CannotRun } from './browser.js';
export type { AuditOptions, PageReport, Progress } from './audit.js';
export type { Classification, PatternProblem, PurposeInventory } from './classify.js';
export type { CookieRecord, Phase, PhaseId, RequestRecord, StorageRecord } from './record.js';
export type { Finding, Warning } from './verdict.js';

/** This package's version, read from its package.json (two folders up from dist/src/). */
export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export interface RunOptions extends AuditOptions {
  chromium?: string;
  concurrency: number;
}

export interface Report {
  tool: 'cid-consent-audit';
  version: string;
  schema: 1;
  startedAt: string;
  durationMs: number;
  verdict: 'clean' | 'violations' | 'error';
  exitCode: 0 | 1 | 2;
  browser: string;
  pages: PageReport[];
}

/** Checks the URLs before any browser starts: a typo should fail at once, not after a minute. */
export function checkUrls(urls: string[]): void {
  if (urls.length === 0) throw new CannotRun('no URL given (usage: cid-consent-audit <url>… [options])');
  for (const url of urls) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new CannotRun(`bad URL: ${JSON.stringify(url)} is not an absolute URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new CannotRun(`bad URL: ${JSON.stringify(url)} is not http:// or https://`);
    }
  }
}

export async function audit(urls: string[], options: RunOptions, progress?: Progress, pageDone: (page: PageReport) => void = () => {}): Promise<Report> {
  checkUrls(urls);
  const executable = findChromium(options.chromium);
  const started = Date.now();
  const browser = await launch(executable);
  const browserVersion = browser.version();
  const pages: PageReport[] = new Array(urls.length);
  try {
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const index = next++;
        pages[index] = await auditPage(browser, urls[index], options, progress);
        pageDone(pages[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, urls.length)) }, worker));
  } finally {
    // A browser that does not close within a few seconds is left to the end of the process.
    await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  }
  // Could not run beats violations: an audit with a page missing is no verdict at all.
  const exitCode = pages.some((p) => p.error) ? 2 : pages.some((p) => p.violations.length) ? 1 : 0;
  return {
    tool: 'cid-consent-audit',
    version: VERSION,
    schema: 1,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    verdict: exitCode === 2 ? 'error' : exitCode === 1 ? 'violations' : 'clean',
    exitCode,
    browser: `${executable} (${browserVersion})`,
    pages,
  };
}
