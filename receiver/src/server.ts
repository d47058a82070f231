import { Readable } from 'node:stream';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { NotAsSent, checkJsonText, utf8Text } from './as-sent.js';
import { CanonicalError, canonicalJson, sha256Hex } from './canonical.js';
import { boundConnections, MAX_CONNECTIONS } from './connections.js';
import { dashboardRoutes } from './dashboard/plugin.js';
import { consentCookie, fromSameOrigin, type CookieSettings } from './consent-cookie.js';
import { handoffRoute } from './handoff.js';
import { exportSubject, journal, readJournal, roleOf, type JournalEntry, type Role } from './roles.js';
import type { Config } from './config.js';
import { validationMessage } from './errors.js';
import { DECIDED_AT_FORMAT, consentIdParamsSchema, rangeQuerySchema, receiptSchema, unrealDay, type ReceiptBody } from './schema.js';
import { statsByDay } from './stats.js';
import type { Store } from './store/index.js';
import { dailyRollups, exportPage, latestDecidedAt, proofOf, type Range, type StoredReceipt } from './store/receipts.js';
import { StoreUnavailable } from './store/sql.js';

/** CONTRACT §11: a receipt is small; anything larger is not one. */
export const BODY_LIMIT = 16 * 1024;
/**
 * The longest a request may take to arrive, headers and body (slowloris): 16 KB in 10 s is 13 kbit/s,
 * slower than any phone link a page loads over.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past that limit (with its default, 30 s, one could stall 30 s longer). */
const TIMEOUT_CHECK_MS = 1000;
/** An idle kept-alive connection is closed after this (Node's default; Fastify's is 72 s). */
const KEEP_ALIVE_MS = 5000;
/** A visitor's clock may be a little ahead of ours; more than this and `decidedAt` is refused (CONTRACT §11). */
export const FUTURE_MS = 5 * 60_000;
const RETRY_AFTER_SECONDS = 5;
const EXPORT_PAGE = 1000;
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * C0 and C1 controls and the bidirectional controls (overrides, embeddings, isolates, marks): they
 * make a path read differently from what it is (Trojan Source, CVE-2021-42574; Unicode UAX #9). A
 * browser's `location.pathname` percent-encodes them, so a widget never sends them raw.
 */
const HIDDEN_IN_PATH = /[\p{Cc}\p{Bidi_Control}]/u;

type Settings = Pick<Config, 'allowedOrigins' | 'token' | 'rateLimitPerMinute' | 'trustProxy' | 'logLevel' | 'handoffKey'> & {
  /** DASHBOARD_TOKEN, marketing's (issue #25); tests may leave it out. */
  dashboardToken?: string;
  /** The consent cookie set in answer to same-origin receipts; tests may leave it out (the defaults). */
  cookie?: CookieSettings;
  /** Connections held at most (MAX_CONNECTIONS; tests set fewer). */
  maxConnections?: number;
};

class BadField extends Error {}

const DEFAULT_COOKIE: CookieSettings = { name: 'cid_consent', domains: new Map() };

/** The schema checks the shape YYYY-MM-DD; this refuses days that do not exist (2026-02-31). */
function checkedRange<T extends Range>(query: T): T {
  const key = unrealDay(query);
  if (key) throw new BadField(`querystring.${key} must be a day that exists (YYYY-MM-DD)`);
  return query;
}

export async function buildServer(settings: Settings, store: Store): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are not logged (no IP, no consent id in logs); bodies never are.
    logger: { level: settings.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // A client sending its 16 KB slowly cannot hold a connection for ever (slowloris): headers and
    // body within REQUEST_TIMEOUT_MS, checked every second, and idle kept-alive connections closed.
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_MS,
    http: { headersTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    trustProxy: settings.trustProxy,
    return503OnClosing: true,
    ajv: {
      // A receipt is evidence: take it as sent, never coerce "true" to true nor drop
      // unknown fields silently.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false },
    },
  });

  boundConnections(app.server, settings.maxConnections ?? MAX_CONNECTIONS);

  // The widget posts JSON as text/plain so that the browser sends no preflight
  // (Fetch standard, CORS-safelisted request header). Parse it as JSON with Fastify's
  // own parser (prototype-poisoning keys rejected), so the schema applies as usual.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return reply.code(400).send({ error: validationMessage(error) });
    if (error instanceof BadField || error instanceof CanonicalError || error instanceof NotAsSent) return reply.code(400).send({ error: error.message });
    if (error instanceof StoreUnavailable) {
      request.log.warn({ err: { message: error.message } }, 'store unavailable');
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: 'store unavailable, retry later' });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ error: `body is over ${BODY_LIMIT} bytes` });
    if (status === 415) return reply.code(415).send({ error: 'content-type must be text/plain or application/json' });
    if (status === 429) return reply.code(429).send({ error: 'too many requests' });
    if (status >= 400 && status < 500) return reply.code(status).send({ error: status === 400 ? 'body must be a JSON object' : error.message });
    request.log.error({ err: { message: error.message, code: error.code } }, 'unexpected error');
    return reply.code(500).send({ error: 'internal error' });
  });

  await app.register(rateLimit, {
    max: settings.rateLimitPerMinute,
    timeWindow: 60_000,
    // The route, not the URL: `/health?x=1` is the health check too.
    allowList: (request) => request.routeOptions.url === '/health',
  });

  app.get('/health', async (_request, reply) => {
    try {
      await store.ping();
      return { ok: true, store: store.kind };
    } catch {
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ ok: false, store: store.kind });
    }
  });

  await app.register(async (scope) => receiptsRoute(scope, settings, store));
  await app.register(async (scope) => readRoutes(scope, settings, store));
  await app.register(async (scope) => dashboardRoutes(scope, settings, store));
  return app;
}

async function receiptsRoute(scope: FastifyInstance, settings: Settings, store: Store): Promise<void> {
  const allowed = new Set(settings.allowedOrigins);
  // Before CORS and before the body is read: another site's page gets 403 and no
  // Access-Control-* header, so its scripts cannot even read the answer.
  scope.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) {
      return reply.code(403).send({ error: 'origin not allowed' });
    }
    return undefined;
  });
  await scope.register(cors, { origin: settings.allowedOrigins, methods: ['POST'], credentials: false, maxAge: 86400 });

  // A receipt is stored as sent or refused (issue #20, item 4): the raw bytes must be UTF-8 (not
  // decoded into U+FFFD), and the text must hold no key twice and no number that parsing rounds.
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser(['application/json', 'text/plain']);
  scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (request, bytes, done) => {
    let text: string;
    try {
      text = utf8Text(bytes as Buffer);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) {
        done(error, undefined);
        return;
      }
      try {
        checkJsonText(text);
      } catch (notAsSent) {
        done(notAsSent as Error, undefined);
        return;
      }
      done(null, value);
    });
  });

  scope.post('/receipts', { schema: { body: receiptSchema } }, async (request, reply) => {
    const body = request.body as ReceiptBody;
    // A page may only post receipts for its own site.
    if (body.site !== request.headers.origin) throw new BadField('body.site must be the origin of the page that sends the receipt');
    const decided = Date.parse(body.decidedAt);
    // Exactly as toISOString writes it: a day that exists, and no sub-millisecond digits that two
    // decisions could differ by only to be stored as one.
    if (Number.isNaN(decided) || new Date(decided).toISOString() !== body.decidedAt) throw new BadField(`body.decidedAt ${DECIDED_AT_FORMAT}`);
    // A receipt dated ahead would stay its consent id's latest decision and escape retention.
    if (decided > Date.now() + FUTURE_MS) throw new BadField(`body.decidedAt must not be more than ${FUTURE_MS / 60_000} minutes ahead of the receiver's clock`);
    if (LONE_SURROGATE.test(body.page)) throw new BadField('body.page must be well-formed Unicode');
    if (HIDDEN_IN_PATH.test(body.page)) throw new BadField('body.page must be a path without control or bidirectional formatting characters (percent-encode them)');
    const noticeText = canonicalJson(body.notice);
    await store.add({
      consentId: body.consentId,
      decidedAt: body.decidedAt,
      revision: body.revision,
      choices: body.choices,
      services: body.services,
      method: body.method,
      gpc: body.gpc,
      lang: body.lang,
      site: body.site,
      page: body.page,
      noticeHash: sha256Hex(noticeText),
      noticeText,
    });
    const cookie = fromSameOrigin(request.headers, request.host) ? await cookieInForce(body, request.protocol === 'https') : undefined;
    if (cookie) reply.header('set-cookie', cookie);
    return reply.code(202).send({ ok: true });
  });

  /**
   * CONTRACT §6: the consent cookie by HTTP for the receipt of the decision in force, none when a
   * later decision of that consent id is stored. The receipt is committed: a store that fails here
   * costs the cookie (the script's stays), never the 202.
   */
  async function cookieInForce(body: ReceiptBody, secure: boolean): Promise<string | undefined> {
    try {
      if ((await store.read((sql) => latestDecidedAt(sql, body.consentId))) !== body.decidedAt) return undefined;
    } catch {
      return undefined;
    }
    return consentCookie(body, settings.cookie ?? DEFAULT_COOKIE, secure, Date.now());
  }

  await handoffRoute(scope, settings, store);
}

async function readRoutes(scope: FastifyInstance, settings: Settings, store: Store): Promise<void> {
  const roles = new WeakMap<FastifyRequest, Role>();
  scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!settings.token) {
      return reply.code(503).send({ error: 'read routes are disabled: set RECEIVER_TOKEN' });
    }
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    const role = roleOf(given, settings);
    if (!role) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="cid-consent-receiver"').send({ error: 'a valid bearer token is required' });
    }
    roles.set(request, role);
    return undefined;
  });

  /**
   * A visitor's proof and the raw receipts are the DPO's (issue #25, item 7): journaled before the
   * answer, refusals included, so that no proof leaves unjournaled (a journal that cannot be written
   * is a 503, as a store that does not answer).
   */
  const dpoOnly = async (request: FastifyRequest, reply: FastifyReply, entry: Omit<JournalEntry, 'role' | 'allowed' | 'via'>): Promise<boolean> => {
    const role = roles.get(request) as Role;
    await store.read((sql) => journal(sql, { ...entry, role, via: 'api', allowed: role === 'dpo' }));
    if (role === 'dpo') return true;
    await reply.code(403).send({ error: 'DASHBOARD_TOKEN gives the figures only: proofs and raw exports need RECEIVER_TOKEN (the DPO\'s)' });
    return false;
  };

  scope.get('/journal', async (request, reply) => {
    if (roles.get(request) !== 'dpo') return reply.code(403).send({ error: 'the access journal is the DPO\'s: it needs RECEIVER_TOKEN' });
    return reply.header('cache-control', 'no-store').send({ entries: await store.read((sql) => readJournal(sql)) });
  });

  scope.get('/receipts/:consentId', { schema: { params: consentIdParamsSchema } }, async (request, reply) => {
    const { consentId } = request.params as { consentId: string };
    if (!(await dpoOnly(request, reply, { action: 'proof', subject: consentId }))) return reply;
    const receipts = await store.read((sql) => proofOf(sql, consentId));
    if (receipts.length === 0) return reply.code(404).send({ error: 'no receipt for this consent id' });
    return {
      consentId,
      receipts: receipts.map(({ id: _id, consentId: _c, ...receipt }) => ({ v: 1, ...receipt })),
    };
  });

  scope.get('/stats', { schema: { querystring: rangeQuerySchema } }, async (request) => {
    const range = checkedRange(request.query as Range);
    const { daily, grants } = await store.read((sql) => dailyRollups(sql, range));
    return { site: range.site ?? null, from: range.from ?? null, to: range.to ?? null, days: statsByDay(daily, grants) };
  });

  scope.get('/export', { schema: { querystring: rangeQuerySchema } }, async (request, reply) => {
    const { format = 'ndjson', ...range } = checkedRange(request.query as Range & { format?: 'ndjson' | 'csv' });
    if (!(await dpoOnly(request, reply, { action: 'export', subject: exportSubject(range) }))) return reply;
    // First page read before answering, so that a store failure is still a clean 503.
    const first = await store.read((sql) => exportPage(sql, range, 0, EXPORT_PAGE));
    const lines = format === 'csv' ? csvLines(first, range) : ndjsonLines(first, range);
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .header('content-disposition', `attachment; filename="receipts.${format}"`)
      .send(Readable.from(lines));
  });

  async function* pages(first: StoredReceipt[], range: Range): AsyncGenerator<StoredReceipt[]> {
    let page = first;
    while (page.length > 0) {
      yield page;
      if (page.length < EXPORT_PAGE) return;
      const last = page[page.length - 1].id;
      page = await store.read((sql) => exportPage(sql, range, last, EXPORT_PAGE));
    }
  }

  async function* ndjsonLines(first: StoredReceipt[], range: Range): AsyncGenerator<string> {
    for await (const page of pages(first, range)) {
      yield page.map(({ id: _id, ...row }) => `${JSON.stringify(row)}\n`).join('');
    }
  }

  async function* csvLines(first: StoredReceipt[], range: Range): AsyncGenerator<string> {
    const columns = ['consentId', 'decidedAt', 'receivedAt', 'revision', 'method', 'gpc', 'lang', 'site', 'page', 'noticeHash', 'choices', 'services'];
    yield stringify([columns]);
    for await (const page of pages(first, range)) {
      yield stringify(page.map((row) => [
        row.consentId, row.decidedAt, row.receivedAt, row.revision, row.method, String(row.gpc), row.lang, row.site, row.page,
        row.noticeHash, JSON.stringify(row.choices), JSON.stringify(row.services),
      ]));
    }
  }
}
