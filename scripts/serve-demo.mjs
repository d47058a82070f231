// Serves the two demo sites on localhost, each loading the built dist/cid-consent.js
// at /assets/cid-consent.js as CID-IT's sites would. The second site is served on
// 127.0.0.1 so that the browser keeps its cookies apart from the first's.
// Run as a command (npm start), it also starts the proof-of-consent receiver (receiver/)
// on its embedded store in .data/receipts, and each site forwards /consent/… to it, as a
// site's reverse proxy would (docs/operators.md): the pages post their receipts to
// their own origin, whatever ports are used.
//   PORT=8080 RECEIVER_PORT=8787 npm start
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/** `file` when it lies inside `folder` (after resolving `..` and decoded slashes), else undefined. */
const inside = (folder, file) => (file.startsWith(folder + sep) ? file : undefined);

/** The file a path names: /assets/… from dist/, anything else from the site's folder or demo/. */
function fileFor(folder, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const candidates = path.startsWith('/assets/')
    ? [inside(join(root, 'dist'), resolve(root, 'dist', `.${path.slice('/assets'.length)}`))]
    : [inside(join(root, 'demo', folder), resolve(root, 'demo', folder, `.${path}`)), inside(join(root, 'demo'), resolve(root, 'demo', `.${path}`))];
  return candidates.find((file) => file && existsSync(file) && statSync(file).isFile());
}

/**
 * Forwards a request to the receiver, headers (the page's Origin, Sec-Fetch-Site) included but for the
 * site's cookies, which the receiver never needs (docs/operators.md, "Behind the site's reverse proxy").
 */
function toReceiver(receiverPort, request, response) {
  if (!receiverPort) {
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"no receiver runs beside this demo"}');
    return;
  }
  const { cookie: _cookies, ...headers } = request.headers;
  const upstream = forward(
    { host: '127.0.0.1', port: receiverPort, method: request.method, path: request.url.slice('/consent'.length), headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => response.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"the receiver did not answer"}'));
  request.pipe(upstream);
}

/**
 * A page with what only this server knows filled in (docs/site-developers.md, "Sister sites: one decision for both sites"): the
 * two sites' origins, which depend on the ports, and the receiver's public key, made at each start.
 */
function page(file, demo) {
  return readFileSync(file, 'utf8')
    .replaceAll('__DEMO_SITE_FR__', demo.origins['cid-it.fr'])
    .replaceAll('__DEMO_SITE_BOUTIQUE__', demo.origins['cid-it.boutique'])
    .replaceAll("'__DEMO_HANDOFF_KEY__'", demo.handoffKey ? `'${demo.handoffKey}'` : 'undefined');
}

function site(folder, receiverPort, demo) {
  return (request, response) => {
    demo.onRequest?.(request);
    const { pathname } = new URL(request.url, 'http://x');
    if (pathname.startsWith('/consent/')) {
      toReceiver(receiverPort, request, response);
      return;
    }
    const file = fileFor(folder, pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    // The pages, and the configuration both pages of a site load (it names the sister sites).
    if (extname(file) === '.html' || file.endsWith(`${sep}consent-config.js`)) response.end(page(file, demo));
    else createReadStream(file).pipe(response);
  };
}

/**
 * Starts both sites; resolves with their URLs and a function that stops them. `receiverPort`: where
 * /consent/ goes; `handoffKey`: the receiver's public key, for the hand-off between the two sites;
 * `onRequest`: sees every request either site gets (tests look for a token that must not be there).
 */
export async function serveDemo(port = 8080, receiverPort = undefined, { handoffKey, onRequest } = {}) {
  const sites = [
    { name: 'cid-it.fr', host: 'localhost', port },
    { name: 'cid-it.boutique', host: '127.0.0.1', port: port + 1 },
  ];
  const origins = Object.fromEntries(sites.map(({ name, host, port: p }) => [name, `http://${host}:${p}`]));
  const demo = { origins, handoffKey, onRequest };
  const started = await Promise.allSettled(
    sites.map(({ name, host, port: p }) => new Promise((ready, fail) => {
      const server = createServer(site(name, receiverPort, demo));
      server.once('error', (error) =>
        fail(error.code === 'EADDRINUSE' ? new Error(`port ${p} on ${host} is in use: choose others with PORT=… (and RECEIVER_PORT=…) npm start`) : error),
      );
      server.listen(p, host, () => ready(server));
    })),
  );
  const failed = started.find((result) => result.status === 'rejected');
  const servers = started.filter((result) => result.status === 'fulfilled').map((result) => result.value);
  if (failed) {
    // The site that did start must not keep its port (nor a test process) alive: a caller may try other ports.
    servers.forEach((server) => server.close());
    throw failed.reason;
  }
  return {
    urls: Object.fromEntries(sites.map(({ name, host, port: p }) => [name, `http://${host}:${p}/`])),
    close: () => servers.forEach((server) => server.close()),
  };
}

/**
 * Starts receiver/ (built by `npm run build -w receiver`) for the given demo origins, its
 * embedded store in `dataDir`; resolves with its URL, its development token and a function that stops it.
 */
export async function startReceiver(origins, port = 8787, dataDir = join(root, '.data/receipts')) {
  const token = process.env.RECEIVER_TOKEN ?? `dev-${randomBytes(12).toString('hex')}`;
  // A key pair for this run's hand-offs between the two sites (docs/site-developers.md, "Sister sites: one decision for both sites").
  const { makeKeyPair } = await import(pathToFileURL(join(root, 'receiver/dist/src/handoff.js')).href);
  const keys = process.env.HANDOFF_KEY ? undefined : makeKeyPair();
  const child = spawn(process.execPath, [join(root, 'receiver/dist/src/main.js')], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ALLOWED_ORIGINS: origins.join(','), RECEIVER_TOKEN: token, DATABASE_URL: '',
      ...(keys ? { HANDOFF_KEY: keys.handoffKeyEnv } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise((ready, fail) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('listening on')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the receiver exited with ${code}: ${output.trim() || 'see above'}`)));
  });
  child.stdout.resume();
  const handoffKey = keys?.handoffKey ?? /handoffKey is (\S+)/.exec(output)?.[1];
  return { url: `http://127.0.0.1:${port}`, token, handoffKey, stop: () => child.kill('SIGTERM') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const receiverPort = Number(process.env.RECEIVER_PORT ?? 8787);
  try {
    const receiver = await startReceiver([`http://localhost:${port}`, `http://127.0.0.1:${port + 1}`], receiverPort);
    // The receiver stops with this process, whatever stops it (Ctrl+C, kill, an error below).
    process.on('exit', () => receiver.stop());
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
    const { urls } = await serveDemo(port, receiverPort, { handoffKey: receiver.handoffKey });
    for (const [name, url] of Object.entries(urls)) {
      console.log(`${name.padEnd(16)} ${url}  (receipts: ${url}consent/receipts)`);
      console.log(`${''.padEnd(16)} ${url}politique-de-cookies.html  (cookie policy: <cid-consent-declaration>)`);
    }
    console.log(`${'receiver'.padEnd(16)} ${receiver.url}/health  (embedded store in .data/receipts)`);
    console.log(`${'dashboard'.padEnd(16)} ${receiver.url}/dashboard  sign-in code (development token): ${receiver.token}`);
    console.log(`${''.padEnd(16)} e.g. curl -H "Authorization: Bearer ${receiver.token}" ${receiver.url}/stats`);
    console.log(`${'sister sites'.padEnd(16)} decide on one, follow its footer link to the other: no banner there (hand-off key made for this run)`);
    console.log(`${''.padEnd(16)} and the consent cookie is set by the receiver's answer (docs/operators.md, "Behind the site's reverse proxy")`);
    console.log('Ctrl+C to stop.');
  } catch (error) {
    console.error(`npm start: ${error.message}`);
    process.exit(1);
  }
}
