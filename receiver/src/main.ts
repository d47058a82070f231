#!/usr/bin/env node
// The receiver's process: reads the environment (CONTRACT §11), opens the store (running
// its migrations), serves, deletes expired receipts daily, and stops cleanly on SIGTERM.
import { resolve } from 'node:path';
import { ConfigError, readConfig } from './config.js';
import { publicKeyOf } from './handoff.js';
import { startRetention } from './retention.js';
import { buildServer } from './server.js';
import { openStore } from './store/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[cid-consent-receiver] ${error.message}`);
    process.exit(2);
  }
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onError: (error) => console.error(`[cid-consent-receiver] PostgreSQL connection lost: ${error.message}`),
    timeZone: config.timeZone,
    onRebuilt: (zone, ms) => console.log(`[cid-consent-receiver] statistics recounted from the receipts, days in ${zone} (${ms} ms)`),
  });
  const app = await buildServer(config, store);
  const retention = startRetention(store, config.retentionDays, app.log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cid-consent-receiver] ${signal}: no new requests; finishing those in flight`);
    retention.stop();
    // close() stops accepting, answers 503 to new requests on kept-alive connections
    // and resolves once every in-flight request has been answered (and so committed).
    await app.close();
    await store.close();
    console.log('[cid-consent-receiver] store closed');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = store.kind === 'postgres' ? 'PostgreSQL' : `embedded, ${resolve(config.dataDir)}`;
  // The public half, for the sites' `handoffKey`: an operator checks it matches without the keygen's output.
  if (config.handoffKey) console.log(`[cid-consent-receiver] sister-site hand-off on; the sites' handoffKey is ${publicKeyOf(config.handoffKey)}`);
  console.log(`[cid-consent-receiver] listening on http://${config.host}:${port} (store: ${where})`);
}

main().catch((error: unknown) => {
  console.error(`[cid-consent-receiver] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
