// GET /dashboard (CONTRACT §11, issue #13): the marketing view, its sign-in and its data.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { Config } from '../config.js';
import { CONSENT_ID, unrealDay } from '../schema.js';
import type { Store } from '../store/index.js';
import { proofOf, type StoredReceipt } from '../store/receipts.js';
import { appPage, CSP, messagePage, signInPage, type Lang } from './page.js';
import { choices, filteredPage, noticeLabels, periodRollups, type Filter } from './queries.js';
import { SESSION_COOKIE, SESSION_SECONDS, isSignedOut, liveSession, newSession, sessionSecret, signOut, type Session } from './session.js';
import { exportSubject, journal, readJournal, roleOf, type JournalEntry, type Role } from '../roles.js';
import { addDays, daysBetween, DEFAULT_DAYS, MAX_DAYS, summarise } from './summary.js';
import { figureRollups, figuresCsv, wholeMonths, type Period } from './figures.js';

type Settings = Pick<Config, 'token'> & { dashboardToken?: string };

const ASSETS = new URL('../../dashboard/', import.meta.url);
const EXPORT_PAGE = 1000;
const DAY = { type: 'string', pattern: '^20\\d\\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const;
const filterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // No NUL: PostgreSQL refuses it in text, which would turn a bad query into a 503.
    site: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000]*$' },
    from: DAY,
    to: DAY,
    revision: { type: 'string', pattern: '^\\d{1,9}$' },
  },
} as const;
type FilterQuery = { site?: string; from?: string; to?: string; revision?: string };
const figuresSchema = {
  ...filterSchema,
  properties: { ...filterSchema.properties, by: { type: 'string', enum: ['day', 'month'] } },
} as const;

function loadAssets(): Map<string, { body: Buffer; type: string }> | null {
  try {
    return new Map([
      ['app.js', { body: readFileSync(new URL('app.js', ASSETS)), type: 'text/javascript; charset=utf-8' }],
      ['app.css', { body: readFileSync(new URL('app.css', ASSETS)), type: 'text/css; charset=utf-8' }],
    ]);
  } catch {
    return null;
  }
}

function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'fr';
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(body);
}

export async function dashboardRoutes(scope: FastifyInstance, settings: Settings, store: Store): Promise<void> {
  const token = settings.token;
  const assets = loadAssets();
  // Without a token there is no secret to sign with; every route below answers 503 anyway.
  // Both tokens sign sessions: changing either one ends every session.
  await scope.register(cookie, { secret: sessionSecret(token ? `${token}\n${settings.dashboardToken ?? ''}` : 'disabled') });
  // The sign-in form posts application/x-www-form-urlencoded; only this scope parses it.
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** The live session the request's cookie carries (signature checked), or null. */
  const sessionOf = (request: FastifyRequest): Session | null => {
    const raw = request.cookies[SESSION_COOKIE];
    const value = raw ? request.unsignCookie(raw) : null;
    return value?.valid && value.value ? liveSession(value.value) : null;
  };

  /** Who is signed in (a session, or a bearer token as the read routes take it), or null. */
  const signedIn = async (request: FastifyRequest): Promise<Role | null> => {
    if (!token) return null;
    const header = request.headers.authorization ?? '';
    // The read routes' bearer tokens work here too (scripts, the other routes' clients).
    if (header.startsWith('Bearer ')) return roleOf(header.slice('Bearer '.length), settings) ?? null;
    const session = sessionOf(request);
    // Signed out on any receiver sharing the store, before or after a restart (issue #20, item 7).
    return session !== null && !(await store.read((sql) => isSignedOut(sql, session))) ? session.role : null;
  };
  const roles = new WeakMap<FastifyRequest, Role>();

  scope.addHook('onRequest', async (request, reply) => {
    const lang = langOf((request.query as { lang?: unknown } | undefined)?.lang);
    if (!token) {
      // Like the other read routes (CONTRACT §11): no token, no dashboard.
      return html(reply, 503, messagePage(lang, 'disabled'));
    }
    if (!assets) return html(reply, 503, messagePage(lang, 'notBuilt'));
    return undefined;
  });

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const role = await signedIn(request);
    if (!role) {
      return reply.code(401).header('cache-control', 'no-store').send({ error: 'sign in first, or send a valid bearer token' });
    }
    roles.set(request, role);
    return undefined;
  };

  /** As the read routes' (server.ts): the DPO's only, journaled before the answer, refusals included. */
  const dpoOnly = async (request: FastifyRequest, reply: FastifyReply, entry: Omit<JournalEntry, 'role' | 'allowed' | 'via'>): Promise<boolean> => {
    const role = roles.get(request) as Role;
    await store.read((sql) => journal(sql, { ...entry, role, via: 'dashboard', allowed: role === 'dpo' }));
    if (role === 'dpo') return true;
    await reply.code(403).header('cache-control', 'no-store').send({ error: 'proofs and raw exports are the DPO\'s: sign in with RECEIVER_TOKEN' });
    return false;
  };

  scope.get('/dashboard', async (request, reply) => {
    const lang = langOf((request.query as { lang?: unknown }).lang);
    return html(reply, 200, (await signedIn(request)) !== null ? appPage(lang) : signInPage(lang, false));
  });

  scope.post('/dashboard/sign-in', {
    schema: {
      body: {
        type: 'object',
        properties: { token: { type: 'string', maxLength: 1024 }, lang: { type: 'string', maxLength: 8 } },
      },
    },
  }, async (request, reply) => {
    const body = request.body as { token?: string; lang?: string };
    const lang = langOf(body.lang);
    const role = token ? roleOf(body.token ?? '', settings) : undefined;
    if (!role) return html(reply, 401, signInPage(lang, true));
    // HttpOnly: no script can read it; SameSite=Strict: no other site can make the browser
    // send it (no cross-site request forgery on these routes); Secure over https.
    reply.setCookie(SESSION_COOKIE, newSession(role), {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
      maxAge: SESSION_SECONDS,
    });
    return reply.code(303).header('location', `/dashboard?lang=${lang}`).header('cache-control', 'no-store').send();
  });

  scope.post('/dashboard/sign-out', async (request, reply) => {
    const session = sessionOf(request);
    if (session) await store.read((sql) => signOut(sql, session));
    const lang = langOf((request.body as { lang?: unknown } | undefined)?.lang);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
    return reply.code(303).header('location', `/dashboard?lang=${lang}`).header('cache-control', 'no-store').send();
  });

  for (const name of ['app.js', 'app.css']) {
    scope.get(`/dashboard/${name}`, async (_request, reply) => {
      const asset = assets?.get(name);
      return reply.header('content-type', asset?.type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(asset?.body);
    });
  }

  /** The period asked, or the last 30 days with data up to today; a string says what is wrong with it. */
  const filterOf = async (query: FilterQuery): Promise<(Filter & { sites: string[]; revisions: number[]; today: string; latestRevisionFrom: string | null }) | string> => {
    const unreal = unrealDay(query);
    if (unreal) return `querystring.${unreal} must be a day that exists (YYYY-MM-DD)`;
    const site = query.site ?? null;
    const known = await store.read((sql) => choices(sql, site));
    const today = known.today;
    const to = query.to ?? (query.from && known.lastDay && known.lastDay < query.from ? query.from : known.lastDay) ?? today;
    const from = query.from ?? addDays(to, 1 - DEFAULT_DAYS);
    if (from > to) return 'querystring.from must be on or before querystring.to';
    if (daysBetween(from, to) > MAX_DAYS) return `the period must be at most ${MAX_DAYS} days`;
    const revision = query.revision === undefined ? null : Number(query.revision);
    return { from, to, site, revision, sites: known.sites, revisions: known.revisions, today, latestRevisionFrom: known.latestRevisionFrom };
  };

  scope.get('/dashboard/data', { preHandler: guard, schema: { querystring: filterSchema } }, async (request, reply) => {
    const filter = await filterOf(request.query as FilterQuery);
    if (typeof filter === 'string') return reply.code(400).send({ error: filter });
    // The period of the same length just before, for each headline figure's change (issue #25, item 6).
    const span = daysBetween(filter.from, filter.to);
    const before = { ...filter, from: addDays(filter.from, -span), to: addDays(filter.from, -1) };
    const [{ methods, items }, labels, earlier] = await store.read((sql) => Promise.all([periodRollups(sql, filter), noticeLabels(sql, filter), periodRollups(sql, before)]));
    const previous = summarise({ ...before, ...earlier });
    // The role, so that the page offers marketing no proof search nor raw export it would be refused.
    return reply.header('cache-control', 'no-store').send({
      ...summarise({ ...filter, methods, items }),
      labels,
      role: roles.get(request),
      today: filter.today,
      latestRevisionFrom: filter.latestRevisionFrom,
      previous: { from: before.from, to: before.to, totals: previous.totals, purposes: previous.purposes },
    });
  });

  scope.get('/dashboard/proof/:consentId', {
    preHandler: guard,
    schema: {
      params: { type: 'object', required: ['consentId'], properties: { consentId: { type: 'string', pattern: CONSENT_ID } } },
      querystring: { type: 'object', additionalProperties: false, properties: { download: { const: '1' } } },
    },
  }, async (request, reply) => {
    const { consentId } = request.params as { consentId: string };
    if (!(await dpoOnly(request, reply, { action: 'proof', subject: consentId }))) return reply;
    const receipts = await store.read((sql) => proofOf(sql, consentId));
    reply.header('cache-control', 'no-store');
    if (receipts.length === 0) return reply.code(404).send({ error: 'no receipt for this consent id' });
    if ((request.query as { download?: string }).download === '1') {
      reply.header('content-disposition', `attachment; filename="consent-${consentId}.json"`);
    }
    // The same shape as GET /receipts/:consentId, so a download is the proof as the API gives it.
    return reply.send({ consentId, receipts: receipts.map(({ id: _id, consentId: _c, ...receipt }) => ({ v: 1, ...receipt })) });
  });

  scope.get('/dashboard/export.csv', { preHandler: guard, schema: { querystring: filterSchema } }, async (request, reply) => {
    const filter = await filterOf(request.query as FilterQuery);
    if (typeof filter === 'string') return reply.code(400).send({ error: filter });
    if (!(await dpoOnly(request, reply, { action: 'export', subject: exportSubject(filter) }))) return reply;
    const first = await store.read((sql) => filteredPage(sql, filter, 0, EXPORT_PAGE));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="consents-${filter.from}-${filter.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(csvLines(first, filter)));
  });

  // Figures only, for both roles (issue #25, item 3): no consent id, nothing a proof would show.
  scope.get('/dashboard/figures.csv', { preHandler: guard, schema: { querystring: figuresSchema } }, async (request, reply) => {
    const { by = 'month', ...query } = request.query as FilterQuery & { by?: Period };
    const asked = await filterOf(query);
    if (typeof asked === 'string') return reply.code(400).send({ error: asked });
    // A line per month is a whole month: a part-month would be read as one in a monthly report.
    const filter = by === 'month' ? { ...asked, ...wholeMonths(asked.from, asked.to) } : asked;
    const [rows, labels] = await store.read((sql) => Promise.all([figureRollups(sql, filter), noticeLabels(sql, filter)]));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="consent-figures-${by}-${filter.from}-${filter.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(figuresCsv(rows, by, labels.fr ?? labels.en ?? {}));
  });

  scope.get('/dashboard/journal', { preHandler: guard }, async (request, reply) => {
    if (roles.get(request) !== 'dpo') return reply.code(403).header('cache-control', 'no-store').send({ error: 'the access journal is the DPO\'s' });
    return reply.header('cache-control', 'no-store').send({ entries: await store.read((sql) => readJournal(sql)) });
  });

  async function* csvLines(first: StoredReceipt[], filter: Filter): AsyncGenerator<string> {
    // The columns of GET /export?format=csv, so both files read alike.
    yield stringify([['consentId', 'decidedAt', 'receivedAt', 'revision', 'method', 'gpc', 'lang', 'site', 'page', 'noticeHash', 'choices', 'services']]);
    let page = first;
    while (page.length > 0) {
      yield stringify(page.map((row) => [
        row.consentId, row.decidedAt, row.receivedAt, row.revision, row.method, String(row.gpc), row.lang, row.site, row.page,
        row.noticeHash, JSON.stringify(row.choices), JSON.stringify(row.services),
      ]));
      if (page.length < EXPORT_PAGE) return;
      const last = page[page.length - 1].id;
      page = await store.read((sql) => filteredPage(sql, filter, last, EXPORT_PAGE));
    }
  }
}
