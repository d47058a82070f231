// Issue #20, item 5: a client that stalls (slowloris) holds a connection no longer than the limit
// the receiver states, and slow clients cannot hold more than a bounded number of connections.
// Loopback only; every socket is closed by the end of each test, which is bounded in time.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { REQUEST_TIMEOUT_MS } from '../src/server.js';
import { buildServer } from '../src/server.js';
import { ORIGIN, TOKEN, openTestStore, receipt, type TestStore } from './helpers.js';

/** What the machine may add to the limit (a busy, shared 2-core machine). */
const SLACK_MS = 2500;
const GIVE_UP_MS = REQUEST_TIMEOUT_MS + 15_000;

interface Slow { socket: Socket; opened: number; closedAfter: Promise<number> }

/** Opens a connection from `from` (a loopback address), sends `text`, then sends nothing more. */
function stall(port: number, text: string, from = '127.0.0.1'): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    const opened = Date.now();
    const closedAfter = new Promise<number>((done) => socket.on('close', () => done(Date.now() - opened)));
    socket.on('error', () => undefined);
    // Read what the receiver answers (its 408), so that its closing is seen at once.
    socket.resume();
    socket.setTimeout(GIVE_UP_MS, () => socket.destroy());
    socket.once('connect', () => {
      socket.write(text);
      resolve({ socket, opened, closedAfter });
    });
    socket.once('error', reject);
  });
}

const HEADERS = `POST /receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 4000\r\n\r\n`;
const STALLED_BODY = `${HEADERS}{"v":1,"consentId":"`;

describe('slow clients', () => {
  let fixture: TestStore;
  before(async () => {
    fixture = await openTestStore('embedded');
  });
  after(async () => {
    await fixture?.dispose();
  });

  async function listening(maxConnections?: number): Promise<{ app: FastifyInstance; port: number }> {
    const app = await buildServer({
      allowedOrigins: [ORIGIN], token: TOKEN, rateLimitPerMinute: 1_000_000, trustProxy: false, logLevel: 'silent', maxConnections,
    }, fixture.store);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, port: (app.server.address() as AddressInfo).port };
  }

  function postReceipt(port: number): Promise<number> {
    return fetch(`http://127.0.0.1:${port}/receipts`, {
      method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(receipt()),
    }).then((response) => response.status);
  }

  it(`should close a connection whose body stalls within ${REQUEST_TIMEOUT_MS / 1000} s`, async () => {
    const { app, port } = await listening();
    try {
      const slow = await stall(port, STALLED_BODY);
      const heldMs = await slow.closedAfter;
      assert.ok(heldMs <= REQUEST_TIMEOUT_MS + SLACK_MS, `held ${heldMs} ms`);
    } finally {
      await app.close();
    }
  });

  it(`should close a connection whose headers never end within ${REQUEST_TIMEOUT_MS / 1000} s, and one that sends nothing`, async () => {
    const { app, port } = await listening();
    try {
      const headers = await stall(port, 'POST /receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      const silent = await stall(port, '');
      for (const slow of [headers, silent]) {
        const heldMs = await slow.closedAfter;
        assert.ok(heldMs <= REQUEST_TIMEOUT_MS + SLACK_MS, `held ${heldMs} ms`);
      }
    } finally {
      await app.close();
    }
  });

  it('should hold no more connections than its limit under many slow clients, and still answer 202 to normal receipts', async () => {
    const limit = 40;
    const { app, port } = await listening(limit);
    const slow: Slow[] = [];
    try {
      for (let i = 0; i < 3 * limit; i += 1) slow.push(await stall(port, STALLED_BODY, `127.0.0.${2 + (i % 200)}`));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const held = await new Promise<number>((resolve, reject) => app.server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
      assert.ok(held <= limit, `${held} connections held`);
      const open = slow.filter((s) => !s.socket.destroyed && s.socket.readyState === 'open').length;
      assert.ok(open <= limit, `${open} slow clients still connected`);
      const statuses = await Promise.all(Array.from({ length: 20 }, () => postReceipt(port)));
      assert.deepEqual(new Set(statuses), new Set([202]));
    } finally {
      for (const s of slow) s.socket.destroy();
      await app.close();
    }
  });
});
