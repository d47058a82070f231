import { expect } from '@open-wc/testing';
import { OUTBOX_KEY, createOutbox, type Delivery, type OutboxStorage } from '../../src/receipts/outbox.js';
import { spyLogger, uniqueId } from '../helpers.js';

/** A Storage that keeps values in a map, as localStorage would. */
function memory(initial?: string): OutboxStorage & { value(): string[] } {
  const map = new Map<string, string>(initial === undefined ? [] : [[OUTBOX_KEY, initial]]);
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    value: () => JSON.parse(map.get(OUTBOX_KEY) ?? '[]'),
  };
}

describe('receipt outbox', () => {
  it('should keep a receipt until the receiver acknowledges it', async () => {
    const storage = memory();
    let up = false;
    const sent: string[] = [];
    const outbox = createOutbox('https://receiver.example/receipts', storage, undefined, async (url, body) => {
      sent.push(`${url} ${body}`);
      return up ? 'kept' : 'retry';
    });
    await outbox.send('{"a":1}');
    expect(storage.value()).to.deep.equal(['{"a":1}']);
    up = true;
    await outbox.flush();
    expect(storage.value()).to.deep.equal([]);
    expect(sent).to.deep.equal(['https://receiver.example/receipts {"a":1}', 'https://receiver.example/receipts {"a":1}']);
  });

  it('should resend kept receipts one at a time, oldest first, and stop at the first the receiver cannot take now', async () => {
    const kept = JSON.stringify(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);
    const storage = memory(kept);
    const sent: string[] = [];
    let inFlight = 0;
    let most = 0;
    const answers: Delivery[] = ['kept', 'retry', 'kept', 'kept'];
    const outbox = createOutbox('/r', storage, undefined, async (_url, body) => {
      sent.push(body);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return answers.shift()!;
    });
    await outbox.flush();
    expect(sent).to.deep.equal(['{"n":1}', '{"n":2}']);
    expect(most, 'one at a time').to.equal(1);
    expect(storage.value()).to.deep.equal(['{"n":2}', '{"n":3}', '{"n":4}']);
  });

  it('should ask for the answer to set the consent cookie only for the receipts it is told are in force (issue #21)', async () => {
    const storage = memory();
    const cookies: [string, boolean][] = [];
    const outbox = createOutbox('/r', storage, undefined, async (_url, body, _keepalive, cookie) => {
      cookies.push([body, cookie]);
      return body === 'old' && cookies.length === 1 ? 'retry' : 'kept';
    }, (body) => body === 'new');
    await outbox.send('old');
    await outbox.send('new');
    await outbox.flush();
    expect(cookies).to.deep.equal([['old', false], ['new', true], ['old', false]]);
  });

  it('should keep the 20 newest receipts, dropping the oldest first', async () => {
    const storage = memory();
    const outbox = createOutbox('/r', storage, undefined, async () => 'retry');
    for (let n = 0; n < 25; n++) await outbox.send(`{"n":${n}}`);
    expect(storage.value()).to.have.length(20);
    expect(storage.value()[0]).to.equal('{"n":5}');
  });

  it('should treat a corrupted or foreign outbox as empty, and still send', async () => {
    for (const garbage of ['not json', '{"a":1}', '[1, null, {"x":2}]', '"__proto__"']) {
      const sent: string[] = [];
      const outbox = createOutbox('/r', memory(garbage), undefined, async (_url, body) => (sent.push(body) ? 'kept' : 'retry'));
      await outbox.flush();
      await outbox.send('{"b":2}');
      expect(sent, garbage).to.deep.equal(['{"b":2}']);
    }
  });

  it('should drop a receipt the receiver refuses for good, with a warning, and keep one it may take later', async () => {
    const storage = memory();
    const { log, warnings } = spyLogger();
    const answers: Delivery[] = ['refused', 'retry'];
    const outbox = createOutbox('/r', storage, log, async () => answers.shift()!);
    await outbox.send('{"too":"large"}');
    await outbox.send('{"later":1}');
    expect(storage.value()).to.deep.equal(['{"later":1}']);
    expect(warnings).to.deep.equal(['[cid-consent] the receiver at /r refused a receipt; it is dropped, not sent again.']);
  });

  it('should not send a receipt again while it is on its way', async () => {
    const sent: string[] = [];
    let answer: (delivery: Delivery) => void = () => {};
    const outbox = createOutbox('/r', memory(), undefined, (_url, body) => {
      sent.push(body);
      return new Promise<Delivery>((resolve) => (answer = resolve));
    });
    const first = outbox.send('{"a":1}');
    void outbox.flush();
    answer('kept');
    await first;
    expect(sent).to.deep.equal(['{"a":1}']);
  });

  it('should send even where storage throws', async () => {
    const denied: OutboxStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const sent: string[] = [];
    await createOutbox('/r', denied, undefined, async (_url, body) => (sent.push(body) ? 'kept' : 'retry')).send('{"c":3}');
    expect(sent).to.deep.equal(['{"c":3}']);
  });

  describe('against a receiver (the test server)', () => {
    /** This test's own receiver log, and how it answers. */
    function receiver() {
      const run = uniqueId('outbox');
      return {
        url: `/e2e/receipts?run=${run}`,
        received: async (): Promise<{ body: string }[]> => (await fetch(`/e2e/receipts?run=${run}`)).json(),
        answer: (status: number | 'normally') => fetch(`/e2e/receiver?run=${run}&status=${status}`),
      };
    }
    /** A receipt of about 14 KB, as a configuration with long descriptions makes them (the receiver takes 16 KB). */
    const large = (n: number) => JSON.stringify({ n, notice: 'Une description très longue. '.repeat(500) });

    it('should keep a receipt the receiver answers 404 (a deploy under way), and deliver it later', async () => {
      const { url, received, answer } = receiver();
      const storage = memory();
      const { log, warnings } = spyLogger();
      await answer(404);
      await createOutbox(url, storage, log).send('{"a":1}');
      expect(storage.value()).to.deep.equal(['{"a":1}']);
      expect(warnings).to.deep.equal([]);
      await answer('normally');
      await createOutbox(url, storage, log).flush();
      expect((await received()).map((r) => r.body)).to.deep.equal(['{"a":1}']);
      expect(storage.value()).to.deep.equal([]);
    });

    it('should drop a receipt only when the receiver says it is wrong (400, 413), and keep it on any other status', async () => {
      const { url, answer } = receiver();
      const kept: number[] = [];
      for (const status of [400, 401, 403, 405, 409, 410, 413, 415, 422, 429, 500, 502]) {
        const storage = memory();
        const { log, warnings } = spyLogger();
        await answer(status);
        await createOutbox(url, storage, log).send(`{"status":${status}}`);
        if (storage.value().length) kept.push(status);
        expect(warnings.length, `a warning for ${status} only when dropped`).to.equal(storage.value().length ? 0 : 1);
      }
      expect(kept).to.deep.equal([401, 403, 405, 409, 410, 415, 422, 429, 500, 502]);
    });

    it('should deliver all of 20 large receipts kept by earlier pages, beyond the browser’s 64 KiB keepalive budget', async () => {
      const { url, received } = receiver();
      const all = Array.from({ length: 20 }, (_, n) => large(n));
      expect(all.join('').length).to.be.above(4 * 64 * 1024);
      const storage = memory(JSON.stringify(all));
      await createOutbox(url, storage).flush();
      expect((await received()).map((r) => r.body).sort()).to.deep.equal([...all].sort());
      expect(storage.value()).to.deep.equal([]);
    });

    it('should deliver five large receipts of decisions taken one right after the other', async () => {
      const { url, received } = receiver();
      const storage = memory();
      const outbox = createOutbox(url, storage);
      const five = Array.from({ length: 5 }, (_, n) => large(n));
      await Promise.all(five.map((body) => outbox.send(body)));
      expect((await received()).map((r) => r.body).sort()).to.deep.equal([...five].sort());
      expect(storage.value()).to.deep.equal([]);
    });
  });
});
