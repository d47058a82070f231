// Serves the two demo sites on localhost, each loading the built dist/cid-consent.js
// at /assets/cid-consent.js as CID-IT's sites would. The second site is served on
// 127.0.0.1 so that the browser keeps its cookies apart from the first's.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { urls } = await serveDemo(Number(process.env.PORT ?? 8080));
  for (const [name, url] of Object.entries(urls)) console.log(`${name.padEnd(16)} ${url}`);
  console.log('Ctrl+C to stop.');
}
