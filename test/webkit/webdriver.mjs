/**
 * WebKitGTK under WebDriver, for the WebKit measurement of issue #21: WebKitWebDriver in a virtual X
 * server (xvfb-run), starting test/webkit/itp-browser.py (a persistent profile, ITP on) through the
 * capability `webkitgtk:browserOptions`. Plain W3C WebDriver over HTTP: no client library needed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BROWSER = fileURLToPath(new URL('itp-browser.py', import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver under Xvfb; resolves with a function that opens a session, and `stop`. */
export async function startWebDriver() {
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  driver.stdout.on('data', (chunk) => (output += chunk));
  driver.stderr.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (i > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${output.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  };
  process.once('exit', stop);
  return { newSession: (options) => newSession(base, options), stop, output: () => output };
}

async function command(base, method, path, body) {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const { value } = await answer.json();
  if (!answer.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

/** A browser with a fresh persistent profile of its own (removed by `close`). */
async function newSession(base) {
  const profile = mkdtempSync(join(tmpdir(), 'cid-itp-profile-'));
  const capabilities = {
    alwaysMatch: { 'webkitgtk:browserOptions': { binary: BROWSER, args: [`--profile=${profile}`] } },
  };
  const { sessionId } = await command(base, 'POST', '/session', { capabilities });
  const at = (path) => `/session/${sessionId}${path}`;
  return {
    goto: (url) => command(base, 'POST', at('/url'), { url }),
    /** Runs `script` (a function body; `arguments` as given) in the page and returns its value. */
    run: (script, ...args) => command(base, 'POST', at('/execute/sync'), { script, args }),
    /** Every cookie of the current page's site, with its `expiry` (seconds since the epoch). */
    cookies: () => command(base, 'GET', at('/cookie')),
    async close() {
      await command(base, 'DELETE', at('')).catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
