// What the terminal shows: progress lines while pages are audited, then a summary.
import { PHASE_LABELS } from './record.mjs';

/**
 * Control characters from a hostile page must not drive the terminal.
 * @param {string} text
 */
export const clean = (text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** @param {number} n @param {string} noun */
const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * @param {import('./record.mjs').Phase} phase
 */
export function progressLine(phase) {
  const optional = phase.cookies.filter((c) => c.classification.category !== 'necessary').length;
  return `  ${clean(phase.url)}  ${PHASE_LABELS[phase.id]}: ${count(phase.cookies.length, 'cookie')} (${optional} not necessary), ${count(phase.storage.length, 'storage key')}, ${count(phase.requests.length, 'request')} to other hosts`;
}

/**
 * @param {import('./audit.mjs').PageReport} page
 * @returns {string[]}
 */
export function pageSummary(page) {
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
  ];
}

/**
 * @param {import('./index.mjs').Report} report
 */
export function closingLine(report) {
  const violations = report.pages.reduce((sum, p) => sum + p.violations.length, 0);
  const warnings = report.pages.reduce((sum, p) => sum + p.warnings.length, 0);
  const errors = report.pages.filter((p) => p.error).length;
  const what = { clean: 'clean', violations: 'violations found', error: 'could not run' }[report.verdict];
  return `${count(report.pages.length, 'page')}, ${count(violations, 'violation')}, ${count(warnings, 'warning')}, ${errors} not audited, in ${(report.durationMs / 1000).toFixed(1)} s: ${what} (exit ${report.exitCode})`;
}
