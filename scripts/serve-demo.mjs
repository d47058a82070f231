// Serves the two demo sites on localhost, each loading the built dist/cid-consent.js
// at /assets/cid-consent.js as CID-IT's sites would. The second site is served on
// 127.0.0.1 so that the browser keeps its cookies apart from the first's.
// Run as a command (npm start), it also starts the proof-of-consent receiver (receiver/)
// on its embedded store in .data/receipts, accepting receipts from both demo sites.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

function site(folder) {
  return (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const candidates = path.startsWith('/assets/')
      ? [join(root, 'dist', path.slice('/assets/'.length))]
      : [join(root, 'demo', folder, path), join(root, 'demo', path)];
    const file = candidates.map(normalize).find((f) => f.startsWith(root) && existsSync(f) && statSync(f).isFile());
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  };
}

/** Starts both sites; resolves with their URLs and a function that stops them. */
export async function serveDemo(port = 8080) {
  const sites = [
    { name: 'cid-it.fr', host: 'localhost', port },
    { name: 'cid-it.boutique', host: '127.0.0.1', port: port + 1 },
  ];
  const servers = await Promise.all(
    sites.map(({ name, host, port: p }) => new Promise((resolve) => {
      const server = createServer(site(name)).listen(p, host, () => resolve(server));
    })),
  );
  return {
    urls: Object.fromEntries(sites.map(({ name, host, port: p }) => [name, `http://${host}:${p}/`])),
    close: () => servers.forEach((server) => server.close()),
  };
}

/**
 * Starts receiver/ (built by `npm run build -w receiver`) for the given demo origins;
 * resolves with its URL, its development token and a function that stops it.
 */
export async function startReceiver(origins, port = 8787) {
  const token = process.env.RECEIVER_TOKEN ?? `dev-${randomBytes(12).toString('hex')}`;
  const child = spawn(process.execPath, [join(root, 'receiver/dist/src/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(root, '.data/receipts'), ALLOWED_ORIGINS: origins.join(','), RECEIVER_TOKEN: token, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}: ${output}`)));
  });
  child.stdout.resume();
  return { url: `http://127.0.0.1:${port}`, token, stop: () => child.kill('SIGTERM') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const { urls } = await serveDemo(port);
  for (const [name, url] of Object.entries(urls)) console.log(`${name.padEnd(16)} ${url}`);
  const receiver = await startReceiver([`http://localhost:${port}`, `http://127.0.0.1:${port + 1}`], Number(process.env.RECEIVER_PORT ?? 8787));
  console.log(`${'receiver'.padEnd(16)} ${receiver.url}/  (embedded store in .data/receipts)`);
  console.log(`${''.padEnd(16)} development token: ${receiver.token}`);
  console.log(`${''.padEnd(16)} e.g. curl -H "Authorization: Bearer ${receiver.token}" ${receiver.url}/stats`);
  console.log('Ctrl+C to stop.');
  // Ctrl+C reaches the receiver too (same process group); it closes its store cleanly.
  process.on('exit', () => receiver.stop());
}
