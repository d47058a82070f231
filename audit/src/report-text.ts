// What the terminal shows: progress lines while pages are audited, then a summary.
import type { PageReport } from './audit.js';
import type { PatternProblem } from './classify.js';
import type { Report } from './index.js';
import { PHASE_LABELS, type Phase } from './record.js';

/** Control characters from a hostile page must not drive the terminal. */
export const clean = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function progressLine(phase: Phase): string {
  const optional = phase.cookies.filter((c) => c.classification.category !== 'necessary').length;
  return `  ${clean(phase.url)}  ${PHASE_LABELS[phase.id]}: ${count(phase.cookies.length, 'cookie')} (${optional} not necessary), ${count(phase.storage.length, 'storage key')}, ${count(phase.requests.length, 'request')} to other origins`;
}

export function pageSummary(page: PageReport): string[] {
  const seconds = (page.durationMs / 1000).toFixed(1);
  const head = {
    clean: `✔ ${page.url}: clean (${count(page.warnings.length, 'warning')}) in ${seconds} s`,
    violations: `✘ ${page.url}: ${count(page.violations.length, 'violation')}, ${count(page.warnings.length, 'warning')}, in ${seconds} s`,
    error: `! ${page.url}: could not run: ${page.error}`,
  }[page.verdict];
  return [
    clean(head),
    ...page.violations.map((v) => clean(`    violation: ${v.reason}`)),
    ...page.warnings.map((w) => clean(`    warning: ${w.reason}`)),
    ...page.patternsNotRun.map((p) => clean(`    note: ${patternNote(p)}`)),
    ...(page.receiptsHeld ? [`    note: ${receiptsNote(page.receiptsHeld)}`] : []),
  ];
}

/** Why a `cookies` entry declared nothing in this audit. */
export function patternNote(p: PatternProblem): string {
  const owner = p.service ? `service ${p.service} of purpose ${p.purpose}` : `purpose ${p.purpose}`;
  return `the cookies entry ${JSON.stringify(p.pattern)} of ${owner} ${p.problem}: it matches nothing here, so what it would declare counts as undeclared`;
}

/** The audit answers the widget's receipts itself (receipts.ts): the site's records stay as they were. */
export function receiptsNote(held: number): string {
  return `${count(held, 'consent receipt')} held back: the audit's decisions never reached the site's receiver`;
}

export function closingLine(report: Report): string {
  const violations = report.pages.reduce((sum, p) => sum + p.violations.length, 0);
  const warnings = report.pages.reduce((sum, p) => sum + p.warnings.length, 0);
  const errors = report.pages.filter((p) => p.error).length;
  const what = { clean: 'clean', violations: 'violations found', error: 'could not run' }[report.verdict];
  return `${count(report.pages.length, 'page')}, ${count(violations, 'violation')}, ${count(warnings, 'warning')}, ${errors} not audited, in ${(report.durationMs / 1000).toFixed(1)} s: ${what} (exit ${report.exitCode})`;
}
