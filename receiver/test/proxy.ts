// The operators' guide's nginx configuration (docs/operators.md), run as written in front of a test receiver (issue #20, item 8):
// Debian's nginx, a self-signed certificate made for the test, loopback only, free ports, removed after.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GUIDE = fileURLToPath(new URL('../../../docs/operators.md', import.meta.url));
const SECTION = "## Behind the site's reverse proxy";
/** Where Debian's nginx package is unpacked when nginx is not installed (kept between runs). */
const UNPACKED = join(tmpdir(), 'cid-nginx');

/** The section's nginx block and the TRUST_PROXY it names, as the operators' guide has them now. */
export function readmeProxy(): { config: string; trustProxy: string } {
  const text = readFileSync(GUIDE, 'utf8');
  const start = text.indexOf(SECTION);
  if (start === -1) throw new Error(`docs/operators.md has no "${SECTION}" section`);
  const section = text.slice(start, text.indexOf('\n## ', start + SECTION.length));
  const config = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  const trustProxy = /`TRUST_PROXY=([^`]+)`/.exec(section)?.[1];
  if (!config || !trustProxy) throw new Error(`docs/operators.md's "${SECTION}" has no nginx block or no TRUST_PROXY=…`);
  return { config, trustProxy };
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `status ${result.status}`}): ${(result.stderr ?? '').trim()}`);
  }
  return result.stdout;
}

/**
 * nginx: the machine's, or Debian's package unpacked into a folder of our own with `apt-get download`
 * and `dpkg-deb -x`. Not `apt-get install`: that would start a machine-wide nginx on port 80. A test
 * that needs it fails, never skips, when neither works.
 */
export function nginxBinary(): string {
  for (const path of ['/usr/sbin/nginx', join(UNPACKED, 'usr/sbin/nginx')]) {
    if (existsSync(path)) return path;
  }
  const work = mkdtempSync(join(tmpdir(), 'cid-nginx-download-'));
  try {
    try {
      run('apt-get', ['download', '-qq', 'nginx'], work);
    } catch {
      // The package lists may be missing or stale (a fresh machine): refresh them once, as root.
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['download', '-qq', 'nginx'], work);
    }
    const deb = readdirSync(work).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download nginx left no .deb');
    run('dpkg-deb', ['-x', join(work, deb), join(work, 'root')]);
    try {
      renameSync(join(work, 'root'), UNPACKED);
    } catch {
      // Another test process unpacked it first.
    }
  } catch (error) {
    throw new Error(`the proxy tests need nginx: not installed, and Debian's package could not be fetched (${(error as Error).message})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return join(UNPACKED, 'usr/sbin/nginx');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Replaces `pattern` in `text`, `times` times exactly, or says what the guide no longer has. */
function substitute(text: string, pattern: RegExp, replacements: string[]): string {
  let n = 0;
  const out = text.replace(pattern, (found) => replacements[n++] ?? found);
  if (n !== replacements.length) throw new Error(`operators' guide nginx block: expected ${pattern} ${replacements.length} time(s), found it ${n} time(s)`);
  return out;
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Proxy {
  /** https://127.0.0.1:port of the site's server block, and of the staff one. */
  site: string;
  staff: string;
  /** A request through the proxy, trusting the test's certificate. */
  fetch(url: string, options?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<HttpsAnswer>;
  stop(): Promise<void>;
}

/** Starts nginx with the operators' guide's configuration in front of the receiver listening on `receiverPort`. */
export async function startProxy(receiverPort: number): Promise<Proxy> {
  const nginx = nginxBinary();
  const dir = mkdtempSync(join(tmpdir(), 'cid-proxy-'));
  let child: ChildProcess | undefined;
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]);
    const [site, staff] = [await freePort(), await freePort()];
    let config = readmeProxy().config;
    config = substitute(config, /listen 443 ssl;/g, [`listen 127.0.0.1:${site} ssl;`, `listen 127.0.0.1:${staff} ssl;`]);
    config = substitute(config, /ssl_certificate\s+\S+;/g, [`ssl_certificate ${cert};`, `ssl_certificate ${cert};`]);
    config = substitute(config, /ssl_certificate_key\s+\S+;/g, [`ssl_certificate_key ${key};`, `ssl_certificate_key ${key};`]);
    // The site's receipts and hand-off routes, and the staff server's.
    config = substitute(config, /127\.0\.0\.1:8787/g, Array(3).fill(`127.0.0.1:${receiverPort}`));
    // The staff network of the example is this machine in the test.
    config = substitute(config, /allow 10\.0\.0\.0\/8;/g, ['allow 127.0.0.1;']);
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
    writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${config}
}
`);
    const ca = readFileSync(cert);
    const started = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk) => { output += chunk; });
    started.stderr?.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<void>((resolve) => started.on('exit', () => resolve()));

    const fetchThrough: Proxy['fetch'] = (url, options = {}) => new Promise((resolve, reject) => {
      const request = httpsRequest(url, { method: options.method ?? 'GET', headers: options.headers, ca }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { body += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on('error', reject);
      request.end(options.body);
    });

    const deadline = Date.now() + 15_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`nginx exited with ${started.exitCode}: ${output}`);
      try {
        await fetchThrough(`https://127.0.0.1:${staff}/health`);
        await fetchThrough(`https://127.0.0.1:${site}/`);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`nginx did not answer within 15 s (${(error as Error).message}): ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      site: `https://127.0.0.1:${site}`,
      staff: `https://127.0.0.1:${staff}`,
      fetch: fetchThrough,
      async stop() {
        started.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
