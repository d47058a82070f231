import { expect } from '@open-wc/testing';
import { OUTBOX_KEY, createOutbox, type OutboxStorage } from '../../src/receipts/outbox.js';

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
    const outbox = createOutbox('https://receiver.example/receipts', storage, async (url, body) => {
      sent.push(`${url} ${body}`);
      return up;
    });
    await outbox.send('{"a":1}');
    expect(storage.value()).to.deep.equal(['{"a":1}']);
    up = true;
    await outbox.flush();
    expect(storage.value()).to.deep.equal([]);
    expect(sent).to.deep.equal(['https://receiver.example/receipts {"a":1}', 'https://receiver.example/receipts {"a":1}']);
  });

  it('should keep the 20 newest receipts, dropping the oldest first', async () => {
    const storage = memory();
    const outbox = createOutbox('/r', storage, async () => false);
    for (let n = 0; n < 25; n++) await outbox.send(`{"n":${n}}`);
    expect(storage.value()).to.have.length(20);
    expect(storage.value()[0]).to.equal('{"n":5}');
  });

  it('should treat a corrupted or foreign outbox as empty, and still send', async () => {
    for (const garbage of ['not json', '{"a":1}', '[1, null, {"x":2}]', '"__proto__"']) {
      const sent: string[] = [];
      const outbox = createOutbox('/r', memory(garbage), async (_url, body) => Boolean(sent.push(body)));
      await outbox.flush();
      await outbox.send('{"b":2}');
      expect(sent, garbage).to.deep.equal(['{"b":2}']);
    }
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
    await createOutbox('/r', denied, async (_url, body) => Boolean(sent.push(body))).send('{"c":3}');
    expect(sent).to.deep.equal(['{"c":3}']);
  });
});
