// Shared by the audit's tests: fixture servers on loopback and a way to run the command.
// Compiled into dist/test/: paths are taken from the package's folder, two levels up.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The audit package's folder (audit/), whether this runs from test/ or dist/test/. */
export const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
/** The repository's root folder. */
export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = `${PACKAGE}test/fixtures/`;
const bundle = `${REPOSITORY}dist/cid-consent.js`;
/** The command as npm links it (bin/cid-consent-audit.js, which runs dist/src/bin.js). */
export const BIN = `${PACKAGE}bin/cid-consent-audit.js`;

/** Our range of ports (18800-18899): a random even one, so that `port + 1` is ours too. */
export const randomPort = (): number => 18800 + 2 * Math.floor(Math.random() * 50);

const listen = (handler: RequestListener, host: string, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

export interface Served {
  site: string;
  tracker: string;
  /** Every request each server received, as "METHOD /path". */
  received: { site: string[]; tracker: string[] };
  close: () => Promise<unknown>;
}

/**
 * Serves `fixtures/*.html` on localhost:port (the site, with the built widget at
 * /assets/cid-consent.js) and `fixtures/tracker/` on 127.0.0.1:port+1: another host,
 * as an advertiser's would be.
 * @param vars placeholders replaced in the pages
 */
export async function serveFixtures(vars: (ports: { site: number; tracker: number }) => Record<string, string> = () => ({})): Promise<Served> {
  if (!existsSync(bundle)) throw new Error('dist/cid-consent.js is missing: run `npm run build` at the repository root first');
  for (let attempt = 0; ; attempt++) {
    const port = randomPort();
    const replace = vars({ site: port, tracker: port + 1 });
    const received: Served['received'] = { site: [], tracker: [] };
    const files = (folder: string, log: string[]): RequestListener => (request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      log.push(`${request.method} ${path}`);
      // The built widget and its siblings (cid-consent-panel.js), as a CDN would serve them: with
      // CORS, which a sibling on another origin needs (README, "Install from npm, CDN and SRI").
      const widget = /^\/assets\/(cid-consent(-[a-z]+)?\.js)$/.exec(path);
      if (widget && existsSync(`${REPOSITORY}dist/${widget[1]}`)) {
        response.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' }).end(readFileSync(`${REPOSITORY}dist/${widget[1]}`));
        return;
      }
      const name = path.slice(1);
      const file = `${folder}${name}`;
      if (!/^[a-z0-9-]+\.(html|js)$/.test(name) || !existsSync(file)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      let text = readFileSync(file, 'utf8');
      for (const [key, value] of Object.entries(replace)) text = text.replaceAll(`{{${key}}}`, value);
      const type = name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(text);
    };
    try {
      const site = await listen(files(fixtures, received.site), 'localhost', port);
      const tracker = await listen(files(`${fixtures}tracker/`, received.tracker), '127.0.0.1', port + 1).catch((error: unknown) => {
        site.close();
        throw error;
      });
      return {
        site: `http://localhost:${port}/`,
        tracker: `http://127.0.0.1:${port + 1}/`,
        received,
        close: () => Promise.all([site, tracker].map((s) => new Promise((resolve) => s.close(resolve)))),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 20) throw error;
    }
  }
}

/**
 * For the tests of one `describe`: the fixture servers (with the tracker's port in the pages),
 * started before them and stopped after, and a temporary folder for their reports.
 */
export function useFixtures(): { served: () => Served; dir: string } {
  let served: Served | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-'));
  before(async () => {
    served = await serveFixtures(({ tracker }) => ({ tracker: String(tracker) }));
  });
  after(async () => {
    await served?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    served: () => {
      if (!served) throw new Error('the fixture servers are not started yet');
      return served;
    },
    dir,
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cid-consent-audit` as a user would. */
export function runAudit(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The demo sites of the repository, as `npm start` serves them (scripts/serve-demo.mjs, plain JavaScript). */
export interface Demo {
  urls: Record<string, string>;
  close: () => void;
}

export async function serveDemo(port: number, receiverPort?: number): Promise<Demo> {
  // Imported by URL at run time: the repository's scripts are not part of this package.
  const module = (await import(String(new URL('../../../scripts/serve-demo.mjs', import.meta.url)))) as {
    serveDemo: (port: number, receiverPort?: number) => Promise<Demo>;
  };
  return module.serveDemo(port, receiverPort);
}

/** The repository's receiver (receiver/dist, built by `npm run build -w receiver`), as `npm start` runs it. */
export interface Receiver {
  url: string;
  token: string;
  stop: () => void;
}

/** Starts the receiver for the demo's origins, its embedded store in `dataDir` (a throw-away folder). */
export async function startReceiver(origins: string[], port: number, dataDir: string): Promise<Receiver> {
  if (!existsSync(`${REPOSITORY}receiver/dist/src/main.js`)) throw new Error('receiver/dist is missing: run `npm run build -w receiver` first');
  const module = (await import(String(new URL('../../../scripts/serve-demo.mjs', import.meta.url)))) as {
    startReceiver: (origins: string[], port: number, dataDir: string) => Promise<Receiver>;
  };
  return module.startReceiver(origins, port, dataDir);
}
