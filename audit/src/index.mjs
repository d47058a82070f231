// The programmatic entry: audits a list of URLs, a few at a time, in one browser.
import { createRequire } from 'node:module';
import { auditPage } from './audit.mjs';
import { CannotRun, findChromium, launch } from './browser.mjs';

export { CannotRun } from './browser.mjs';

const { version } = createRequire(import.meta.url)('../package.json');

/**
 * @typedef {import('./audit.mjs').AuditOptions & { chromium?: string, concurrency: number }} RunOptions
 * @typedef {{ tool: 'cid-consent-audit', version: string, schema: 1, startedAt: string, durationMs: number, verdict: 'clean' | 'violations' | 'error', exitCode: 0 | 1 | 2, browser: string, pages: import('./audit.mjs').PageReport[] }} Report
 */

/**
 * Checks the URLs before any browser starts: a typo should fail at once, not after a minute.
 * @param {string[]} urls
 */
export function checkUrls(urls) {
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

/**
 * @param {string[]} urls
 * @param {RunOptions} options
 * @param {import('./audit.mjs').Progress} [progress]
 * @param {(page: import('./audit.mjs').PageReport) => void} [pageDone]
 * @returns {Promise<Report>}
 */
export async function audit(urls, options, progress, pageDone = () => {}) {
  checkUrls(urls);
  const executable = findChromium(options.chromium);
  const started = Date.now();
  const browser = await launch(executable);
  const browserVersion = browser.version();
  /** @type {import('./audit.mjs').PageReport[]} */
  const pages = new Array(urls.length);
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
    await browser.close().catch(() => undefined);
  }
  // Could not run beats violations: an audit with a page missing is no verdict at all.
  const exitCode = pages.some((p) => p.error) ? 2 : pages.some((p) => p.violations.length) ? 1 : 0;
  return {
    tool: 'cid-consent-audit',
    version,
    schema: 1,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    verdict: exitCode === 2 ? 'error' : exitCode === 1 ? 'violations' : 'clean',
    exitCode,
    browser: `${executable} (${browserVersion})`,
    pages,
  };
}
