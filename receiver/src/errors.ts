import type { FastifyError } from 'fastify';
import { DECIDED_AT_FORMAT } from './schema.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Fields whose pattern a sentence explains better than "must match pattern …". */
const PATTERN_HINTS: Record<string, string> = { 'body.decidedAt': DECIDED_AT_FORMAT };

/** "/choices/analytics" → "body.choices.analytics" (JSON pointer, RFC 6901, unescaped). */
function fieldOf(context: string, pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [context, ...parts].join('.');
}

/** One sentence naming the field, e.g. "body.choices.analytics must be boolean". */
export function validationMessage(error: FastifyError): string {
  const first = (error.validation?.[0] ?? { instancePath: '', keyword: '', params: {} }) as AjvError;
  const context = error.validationContext ?? 'body';
  const field = fieldOf(context, first.instancePath);
  switch (first.keyword) {
    case 'required':
      return `${field}.${String(first.params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${field}.${String(first.params.additionalProperty)} is not allowed`;
    case 'propertyNames':
      return `${field} has an id that is not allowed (ids: a letter, then up to 31 letters, digits, _ or -)`;
    case 'const':
      return `${field} must be ${JSON.stringify(first.params.allowedValue)}`;
    case 'enum':
      return `${field} must be one of ${(first.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'pattern':
      return `${field} ${PATTERN_HINTS[field] ?? first.message ?? 'is invalid'}`;
    default:
      return `${field} ${first.message ?? 'is invalid'}`;
  }
}
