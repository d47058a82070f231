import { createHash } from 'node:crypto';

/** Thrown for a value that cannot be canonicalised; the message names the field. */
export class CanonicalError extends Error {}

const MAX_DEPTH = 16;

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as Array#sort does), no
 * whitespace, strings escaped by JSON.stringify. The same notice therefore always gives
 * the same text and the same SHA-256, whatever key order the widget sent.
 */
export function canonicalJson(value: unknown, field = 'body.notice', depth = 0): string {
  if (depth > MAX_DEPTH) throw new CanonicalError(`${field} is nested more than ${MAX_DEPTH} levels deep`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalError(`${field} must hold finite numbers only`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => canonicalJson(item, `${field}[${index}]`, depth + 1)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((key) => {
      const inner = canonicalJson((value as Record<string, unknown>)[key], `${field}.${key}`, depth + 1);
      return `${JSON.stringify(key)}:${inner}`;
    });
    return `{${entries.join(',')}}`;
  }
  throw new CanonicalError(`${field} must be JSON`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
