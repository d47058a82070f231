// `cid-consent-audit <url>… [options]`: argument parsing, progress, files, exit status.
// Exit status (CONTRACT §12): 0 clean, 1 violations, 2 could not run (one-line reason).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { audit, CannotRun, VERSION } from './index.js';
import { renderHtml } from './report-html.js';
import { closingLine, pageSummary, progressLine } from './report-text.js';

export const USAGE = `Usage: cid-consent-audit <url>… [options]

Loads each page in headless Chromium three times (no choice, "reject all", "accept all",
the last two reloaded) and checks that nothing needing consent appears before a choice or
after refusal, by the page's own @cid-it/consent configuration.

  --json FILE          write the report as JSON (schema: schema/audit-report.schema.json)
  --html FILE          write a self-contained HTML report (verdict, tables, screenshots)
  --chromium PATH      browser executable (else CHROME_PATH, else the usual install paths)
  --accept SELECTOR    CSS selector of the "accept all" button (pages without CidConsent)
  --reject SELECTOR    CSS selector of the "reject all" button (pages without CidConsent)
  --necessary PATTERN  a cookie or storage name (or /regex/) to count as necessary; repeatable
  --wait MS            time given to the page after each load or choice (default 3000)
  --timeout MS         longest wait for a page load or a click (default 15000)
  --concurrency N      pages audited at once (default 2)
  -h, --help           this text
  -v, --version        the version

Exit status: 0 clean, 1 violations, 2 could not run.`;

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new CannotRun(`bad option: --${name} ${value} (expected a whole number from ${min} to ${max})`);
  }
  return number;
}

function write(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new CannotRun(`cannot write ${file}: ${(error as Error).message}`);
  }
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** @param argv the arguments after the command name */
export async function main(argv: string[], io: Io): Promise<0 | 1 | 2> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          json: { type: 'string' },
          html: { type: 'string' },
          chromium: { type: 'string' },
          accept: { type: 'string' },
          reject: { type: 'string' },
          necessary: { type: 'string', multiple: true },
          wait: { type: 'string' },
          timeout: { type: 'string' },
          concurrency: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
          version: { type: 'boolean', short: 'v' },
        },
      });
    } catch (error) {
      throw new CannotRun(`bad arguments: ${(error as Error).message.split('\n')[0]} (see --help)`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (values.version) {
      io.out(VERSION);
      return 0;
    }
    const options = {
      chromium: values.chromium,
      accept: values.accept,
      reject: values.reject,
      necessary: values.necessary ?? [],
      wait: integer('wait', values.wait, 3000, 0, 60000),
      timeout: integer('timeout', values.timeout, 15000, 1000, 300000),
      concurrency: integer('concurrency', values.concurrency, 2, 1, 16),
      screenshots: !!values.html,
    };
    io.err(`Auditing ${positionals.length} page(s)…`);
    const report = await audit(
      positionals,
      options,
      ({ done }) => io.err(progressLine(done)),
      (page) => pageSummary(page).forEach((line) => io.out(line)),
    );
    if (values.html) write(values.html, renderHtml(report));
    if (values.json) {
      // Screenshots belong to the HTML report; the JSON stays small enough to diff in CI.
      const pages = report.pages.map((page) => ({ ...page, phases: page.phases.map(({ screenshot: _screenshot, ...phase }) => phase) }));
      write(values.json, `${JSON.stringify({ ...report, pages }, null, 2)}\n`);
    }
    io.out(closingLine(report));
    return report.exitCode;
  } catch (error) {
    if (error instanceof CannotRun) {
      io.err(`cid-consent-audit: ${error.message}`);
      return 2;
    }
    io.err(`cid-consent-audit: could not run: ${String((error as Error | undefined)?.message ?? error).split('\n')[0]}`);
    return 2;
  }
}
