// Runs a command against a PostgreSQL server of its own: a throw-away cluster made with the
// machine's PostgreSQL binaries (`initdb` into a temporary folder, a free port on 127.0.0.1, a
// Unix socket in that folder), then stopped and deleted when the command ends.
//   node scripts/postgres.mjs npm test -w receiver
// The command gets TEST_DATABASE_URL (superuser `cid`, database `cid_receiver_test`), and
// TEST_PG_BIN, TEST_PG_DATA and TEST_PG_USER, with which a test may restart this cluster (and
// only this one) with pg_ctl. The machine's own clusters, roles and data are never touched (issue
// #20, item 14): a developer's or a CI machine runs other things. Where no PostgreSQL binaries are
// installed and we are root, `apt-get install postgresql` installs them first.
// As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROLE = 'cid';
const DATABASE = 'cid_receiver_test';
const VERSIONS = '/usr/lib/postgresql';

function log(message) {
  console.error(`[postgres] ${message}`);
}

/** The newest PostgreSQL installed the Debian way (`/usr/lib/postgresql/<version>/bin`), preferring 15. */
function binaries() {
  if (!existsSync(VERSIONS)) return undefined;
  const versions = readdirSync(VERSIONS)
    .filter((v) => existsSync(join(VERSIONS, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const version = versions.includes('15') ? '15' : versions[0];
  return version && join(VERSIONS, version, 'bin');
}

function install() {
  log('no PostgreSQL binaries found: installing postgresql with apt-get');
  // No question may wait for an answer (CI has no terminal); a dpkg lock held by another install is waited for.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-qq', 'postgresql']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (status ${result.status})`);
  }
}

/** A port nobody listens on now (another process could still take it: start() tries again). */
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

/** As root: the `postgres` user's ids, to own the cluster's folder and run its programs. */
function postgresUser() {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { name: 'postgres', uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as (install postgresql)');
  }
}

/** Runs one of PostgreSQL's programs, as the `postgres` user when we are root. */
function pgArgs(bin, user, program, args) {
  const path = join(bin, program);
  return user ? ['runuser', ['-u', user.name, '--', path, ...args]] : [path, args];
}

function pg(bin, user, program, args) {
  const [command, argv] = pgArgs(bin, user, program, args);
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) throw new Error(`${program} failed (status ${result.status}): ${(result.stderr || result.stdout).trim()}`);
}

/** Makes and starts the cluster, handing `made` the function that stops and deletes it; returns what the command needs. */
async function start(made) {
  let bin = binaries();
  if (!bin) {
    if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and we are not root: install postgresql');
    install();
    bin = binaries();
    if (!bin) throw new Error('apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql');
  }
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'cid-postgres-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) {
      spawnSync(...pgArgs(bin, user, 'pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']), { stdio: 'ignore', cwd: tmpdir() });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  made(stop);
  try {
    pg(bin, user, 'initdb', ['-D', data, '-U', ROLE, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      // TCP on loopback only; the socket in our own folder, not /var/run/postgresql (the machine's).
      const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200`;
      try {
        pg(bin, user, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        // The port was taken between freePort() and the server's bind: try another one.
        if (attempt >= 3) throw error;
      }
    }
    pg(bin, user, 'createdb', ['-h', dir, '-p', String(port), '-U', ROLE, DATABASE]);
    const env = {
      TEST_DATABASE_URL: `postgres://${ROLE}@127.0.0.1:${port}/${DATABASE}`,
      TEST_PG_BIN: bin,
      TEST_PG_DATA: data,
      TEST_PG_USER: user?.name ?? '',
    };
    return { env };
  } catch (error) {
    stop();
    throw error;
  }
}

const command = process.argv.slice(2);
if (command.length === 0) {
  log('usage: node scripts/postgres.mjs <command> [args…]   (runs the command with TEST_DATABASE_URL set)');
  process.exit(2);
}

/** Stops and deletes the cluster, once; set as soon as its folder exists. */
let cleanUp = () => {};
let child;
// Ctrl-C or a CI runner's SIGTERM reaches the command, and the cluster still goes once it has ended;
// one that comes while the cluster is being made removes what was made so far.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child) child.kill(signal);
    else {
      cleanUp();
      process.exit(1);
    }
  });
}

let cluster;
try {
  cluster = await start((stop) => {
    cleanUp = stop;
  });
} catch (error) {
  log(error.message);
  process.exit(1);
}
log(`throw-away cluster ${cluster.env.TEST_PG_DATA}: TEST_DATABASE_URL=${cluster.env.TEST_DATABASE_URL}`);
child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...cluster.env } });
child.on('close', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
