/** JSON schema of a receipt, format 1 (CONTRACT §10). Fastify validates the body with it. */

export const METHODS = [
  'banner-accept-all', 'banner-reject-all', 'panel-accept-all', 'panel-reject-all',
  'panel-save', 'placeholder', 'api', 'reset', 'handoff',
] as const;

/** An origin as a browser serialises it (lower case, no path). */
export const ORIGIN_PATTERN = '^https?://([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:\\d{1,5})?$';

/** What a `decidedAt` must look like, as the 400 that refuses one says it. */
export const DECIDED_AT_FORMAT = 'must be a UTC date-time as Date.prototype.toISOString() writes it, to the millisecond (2026-11-26T10:00:00.000Z)';

/** The widget's consent id: lower-case letters and digits. */
export const CONSENT_ID = '^[a-z0-9]{8,32}$';
/** Purpose and service ids share one namespace (CONTRACT §4). */
const ITEM_ID = '^[a-zA-Z][a-zA-Z0-9_-]{0,31}$';

const choiceMap = {
  type: 'object',
  propertyNames: { pattern: ITEM_ID },
  additionalProperties: { type: 'boolean' },
  maxProperties: 64,
} as const;

export const receiptSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['v', 'consentId', 'decidedAt', 'revision', 'choices', 'services', 'method', 'gpc', 'lang', 'site', 'page', 'notice'],
  properties: {
    v: { const: 1 },
    consentId: { type: 'string', pattern: CONSENT_ID },
    // As Date.prototype.toISOString() writes it (UTC, milliseconds), years 2000-2099; the route
    // also refuses a day that does not exist and a time more than 5 minutes ahead (CONTRACT §11).
    decidedAt: { type: 'string', pattern: '^20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$' },
    revision: { type: 'integer', minimum: 0, maximum: 2147483647 },
    choices: choiceMap,
    services: choiceMap,
    method: { enum: METHODS },
    gpc: { type: 'boolean' },
    lang: { enum: ['fr', 'en'] },
    // An origin as a browser serialises it (lower case, no path).
    site: { type: 'string', maxLength: 200, pattern: ORIGIN_PATTERN },
    // A path only: a query or fragment may hold personal data (CONTRACT §10).
    page: { type: 'string', maxLength: 2048, pattern: '^/[^?#\\u0000-\\u0020\\u007f]*$' },
    notice: { type: 'object', minProperties: 1, maxProperties: 32 },
  },
} as const;

export interface ReceiptBody {
  v: 1;
  consentId: string;
  decidedAt: string;
  revision: number;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
  method: (typeof METHODS)[number];
  gpc: boolean;
  lang: 'fr' | 'en';
  site: string;
  page: string;
  notice: Record<string, unknown>;
}

/**
 * The query key among `from`/`to` that names a day that does not exist (2026-02-31: the DAY pattern
 * lets it through, PostgreSQL would refuse it with an error), or undefined when both are real days.
 */
export function unrealDay(query: { from?: string; to?: string }): 'from' | 'to' | undefined {
  return (['from', 'to'] as const).find((key) => {
    const day = query[key];
    if (day === undefined) return false;
    const parsed = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day;
  });
}

const DAY = { type: 'string', pattern: '^20\\d\\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const;

export const rangeQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // No NUL: PostgreSQL refuses it in text, which would turn a bad query into a 503.
    site: { type: 'string', maxLength: 200, pattern: '^[^\\u0000]*$' },
    from: DAY,
    to: DAY,
    format: { enum: ['ndjson', 'csv'] },
  },
} as const;

export const consentIdParamsSchema = {
  type: 'object',
  required: ['consentId'],
  properties: { consentId: { type: 'string', pattern: CONSENT_ID } },
} as const;
