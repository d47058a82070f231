import type { Logger } from '../src/core/logger.js';

/** A logger that remembers, so tests can assert the exact message a site developer would see. */
export function spyLogger() {
  const errors: string[] = [];
  const warnings: string[] = [];
  const log: Logger = { error: (m) => errors.push(m), warn: (m) => warnings.push(m) };
  return { log, errors, warnings };
}

let pages = 0;

/** A unique token per test: cookie names and tracker logs of one test never meet another's. */
export const uniqueId = (prefix: string) => `${prefix}${Date.now().toString(36)}${++pages}`;
