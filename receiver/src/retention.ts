import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './store/index.js';
import { deleteExpired } from './store/receipts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Storage limitation (GDPR art. 5(1)(e)): receipts older than the retention period are
 * deleted at start-up and then once a day. Several receivers may run it at once: the
 * deletes are idempotent.
 */
export function startRetention(store: Store, days: number, log: FastifyBaseLogger): { stop(): void } {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = store.read((sql) => deleteExpired(sql, days))
      .then((deleted) => log.info(`retention: ${deleted} receipt(s) older than ${days} days deleted`))
      .catch((error: unknown) => log.warn(`retention failed, retried tomorrow: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
