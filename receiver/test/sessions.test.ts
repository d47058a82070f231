// Dashboard sign-out is kept in the store (issue #20, item 7): a signed-out cookie is refused after
// a restart and by another receiver on the same database; a session that was not signed out is not.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../src/store/index.js';
import { KINDS, TOKEN, count, openTestStore, scratchDatabase, scratchLocation, testApp } from './helpers.js';

const COOKIE = 'cid_dashboard_session';

/** Signs in with the token and returns the session cookie's value as the browser would keep it. */
async function signIn(app: FastifyInstance): Promise<string> {
  const answer = await app.inject({
    method: 'POST',
    url: '/dashboard/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `token=${TOKEN}&lang=fr`,
  });
  assert.equal(answer.statusCode, 303);
  const session = answer.cookies.find((cookie) => cookie.name === COOKIE);
  assert.ok(session?.value, 'no session cookie set');
  return session.value;
}

async function signOut(app: FastifyInstance, session: string): Promise<void> {
  const answer = await app.inject({ method: 'POST', url: '/dashboard/sign-out', cookies: { [COOKIE]: session } });
  assert.equal(answer.statusCode, 303);
  // The browser's copy is cleared; what is tested below is a copy kept elsewhere.
  assert.equal(answer.cookies.find((cookie) => cookie.name === COOKIE)?.value, '');
}

/** The status of the dashboard's data route for this cookie (200: signed in, 401: not). */
async function dataStatus(app: FastifyInstance, session: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/dashboard/data', cookies: { [COOKIE]: session } })).statusCode;
}

for (const kind of KINDS) {
  describe(`dashboard sign-out (${kind} store)`, () => {
    it('should refuse a signed-out cookie after a restart, and keep the other sessions signed in', async () => {
      const { location, drop } = await scratchLocation(kind);
      let store = await openStore({ dataDir: '', ...location });
      let app = await testApp(store);
      try {
        const ended = await signIn(app);
        const kept = await signIn(app);
        assert.equal(await dataStatus(app, ended), 200);
        await signOut(app, ended);
        assert.equal(await dataStatus(app, ended), 401);

        // A restart: a new process, the same store.
        await app.close();
        await store.close();
        store = await openStore({ dataDir: '', ...location });
        app = await testApp(store);
        assert.equal(await dataStatus(app, ended), 401, 'the signed-out cookie opens the dashboard again after a restart');
        assert.equal(await dataStatus(app, kept), 200, 'a session that was not signed out should survive the restart');
      } finally {
        await app.close();
        await store.close();
        await drop();
      }
    });

    it('should forget sign-outs once their session has expired, so that the table does not grow', async () => {
      const fixture = await openTestStore(kind);
      const app = await testApp(fixture.store);
      try {
        await fixture.store.sql.query(
          `INSERT INTO dashboard_signed_out (session_id, expires_at) VALUES ('long-gone', now() - interval '2 hours'), ('just-ended', now() - interval '1 minute')`,
        );
        await signOut(app, await signIn(app));
        const left = await fixture.store.sql.query<{ session_id: string }>('SELECT session_id FROM dashboard_signed_out ORDER BY expires_at');
        assert.equal(left.length, 2, JSON.stringify(left));
        assert.equal(left[0].session_id, 'just-ended', 'a sign-out expired for less than the clock slack is kept');
        assert.equal(await count(fixture.store, 'dashboard_signed_out', `session_id = 'long-gone'`), 0);
      } finally {
        await app.close();
        await fixture.dispose();
      }
    });
  });
}

describe('dashboard sign-out (two receivers, one PostgreSQL)', () => {
  const opened: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const thing of opened.reverse()) await thing.close();
  });

  it('should refuse on one receiver a cookie signed out on the other', async () => {
    const { url, drop } = await scratchDatabase();
    opened.push({ close: drop });
    const [storeA, storeB] = [await openStore({ dataDir: '', databaseUrl: url }), await openStore({ dataDir: '', databaseUrl: url })];
    opened.push(storeA, storeB);
    const [a, b] = [await testApp(storeA), await testApp(storeB)];
    opened.push(a, b);

    const ended = await signIn(a);
    const kept = await signIn(a);
    assert.equal(await dataStatus(b, ended), 200, 'a session is valid on every receiver sharing the token');
    await signOut(a, ended);
    assert.equal(await dataStatus(b, ended), 401, 'the cookie signed out on A still opens the dashboard on B');
    assert.equal(await dataStatus(b, kept), 200);
  });
});
