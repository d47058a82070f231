// Runs the receiver as a child process (as in production) and drives load at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ORIGIN, TOKEN, receipt } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
// This package's port range (18700-18799); each spawn takes the next one.
let nextPort = 18720 + (process.pid % 40);

export interface Receiver {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts `node main.js` and resolves once it listens; rejects with its output when it exits first.
 * `prefix`: a command that runs it (e.g. `unshare --pid --fork` for another PID namespace).
 */
export async function startReceiver(store: { dataDir?: string; databaseUrl?: string }, env: Record<string, string> = {}, prefix: string[] = []): Promise<Receiver> {
  nextPort = nextPort >= 18799 ? 18720 : nextPort + 1;
  const port = env.PORT ? Number(env.PORT) : nextPort;
  const [command, ...args] = [...prefix, process.execPath, MAIN];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: ORIGIN,
      RECEIVER_TOKEN: TOKEN,
      RATE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : { DATA_DIR: store.dataDir ?? '' }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!output.includes('listening on')) {
    if (child.exitCode !== null) {
      // The last of its output may still be in the pipes.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error(`receiver exited with ${child.exitCode}: ${output}`);
    }
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`receiver did not start within 30 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

export interface LoadResult {
  /** consentIds answered 202. */
  acked: Set<string>;
  statuses: Map<number, number>;
  networkErrors: number;
}

/**
 * Posts unique valid receipts from `workers` loops until stop() is called (or `maxMs`
 * passed: the loop is bounded whatever happens). Connection errors are counted and
 * retried after a short pause, as the widget's outbox would.
 */
export function load(target: () => string, workers = 16, maxMs = 30_000): { stop(): Promise<LoadResult>; result: LoadResult } {
  const result: LoadResult = { acked: new Set(), statuses: new Map(), networkErrors: 0 };
  let stopped = false;
  const deadline = Date.now() + maxMs;
  const worker = async () => {
    while (!stopped && Date.now() < deadline) {
      const body = receipt();
      try {
        const response = await fetch(`${target()}/receipts`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
        if (response.status === 202) result.acked.add(body.consentId as string);
        if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 20));
      } catch {
        result.networkErrors += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    result,
    async stop() {
      stopped = true;
      await running;
      return result;
    },
  };
}

/** Every consent id stored, read through the export route. */
export async function storedIds(url: string): Promise<Set<string>> {
  const response = await fetch(`${url}/export?format=ndjson`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  const text = await response.text();
  return new Set(text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { consentId: string }).consentId));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
