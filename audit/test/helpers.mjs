// Shared by the audit's tests: fixture servers on loopback and a way to run the command.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const bundle = fileURLToPath(new URL('../../dist/cid-consent.js', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/cid-consent-audit.mjs', import.meta.url));

/** Our range of ports (18800-18899): a random even one, so that `port + 1` is ours too. */
export const randomPort = () => 18800 + 2 * Math.floor(Math.random() * 50);

/**
 * @param {import('node:http').RequestListener} handler
 * @param {string} host
 * @param {number} port
 * @returns {Promise<import('node:http').Server>}
 */
const listen = (handler, host, port) =>
  new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

/**
 * Serves `fixtures/*.html` on localhost:port (the site, with the built widget at
 * /assets/cid-consent.js) and `fixtures/tracker/` on 127.0.0.1:port+1: another host,
 * as an advertiser's would be.
 * @param {(ports: { site: number, tracker: number }) => Record<string, string>} [vars] placeholders replaced in the pages
 */
export async function serveFixtures(vars = () => ({})) {
  if (!existsSync(bundle)) throw new Error('dist/cid-consent.js is missing: run `npm run build` at the repository root first');
  for (let attempt = 0; ; attempt++) {
    const port = randomPort();
    const replace = vars({ site: port, tracker: port + 1 });
    /** @param {string} folder @returns {import('node:http').RequestListener} */
    const files = (folder) => (request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/assets/cid-consent.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
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
      const site = await listen(files(fixtures), 'localhost', port);
      const tracker = await listen(files(`${fixtures}tracker/`), '127.0.0.1', port + 1).catch((error) => {
        site.close();
        throw error;
      });
      return {
        site: `http://localhost:${port}/`,
        tracker: `http://127.0.0.1:${port + 1}/`,
        close: () => Promise.all([site, tracker].map((s) => new Promise((resolve) => s.close(resolve)))),
      };
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE' || attempt > 20) throw error;
    }
  }
}

/**
 * Runs `cid-consent-audit` as a user would.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runAudit(args) {
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
