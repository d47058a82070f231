// Ensures a PostgreSQL server for the receiver's tests and benchmark, then prints its
// DATABASE_URL. With a command after it, runs that command with TEST_DATABASE_URL set
// and exits with its status:
//   node scripts/postgres.mjs npm test -w receiver
// Finds the machine's cluster (Debian's postgresql-common), installs PostgreSQL with apt
// when missing and we are root, starts it, and creates the role `cid` (password `cid`,
// CREATEDB, for throw-away test databases named cid_receiver_*) and `cid_receiver_test`.
// TEST_DATABASE_URL already set and reachable: used as it is.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const ROLE = 'cid';
const PASSWORD = 'cid';
const DATABASE = 'cid_receiver_test';

function log(message) {
  console.error(`[postgres] ${message}`);
}

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function clusters() {
  if (!existsSync('/usr/bin/pg_lsclusters')) return [];
  return execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .split('\n').filter(Boolean)
    .map((line) => {
      const [version, name, port, status] = line.trim().split(/\s+/);
      return { version, name, port: Number(port), status };
    });
}

function run(command, args) {
  // No question may wait for an answer: CI has no terminal (debconf's prompts, e.g. tzdata).
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (status ${result.status})`);
}

function psql(sql) {
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8', cwd: '/',
  }).trim();
}

async function ensure() {
  const given = process.env.TEST_DATABASE_URL;
  if (given && (await reachable(given))) return given;
  if (given) log(`TEST_DATABASE_URL is set but unreachable; trying the local cluster`);
  const isRoot = process.getuid?.() === 0;
  let found = clusters();
  if (found.length === 0) {
    if (!isRoot) throw new Error('PostgreSQL is not installed and we are not root: install postgresql, or set TEST_DATABASE_URL');
    log('installing PostgreSQL with apt-get');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-qq', 'postgresql']);
    found = clusters();
  }
  const cluster = found.find((c) => c.version === '15') ?? found[0];
  if (!cluster) throw new Error('no PostgreSQL cluster found (pg_lsclusters lists none)');
  if (cluster.status !== 'online') {
    if (!isRoot) throw new Error(`cluster ${cluster.version}/${cluster.name} is down and we are not root to start it`);
    log(`starting cluster ${cluster.version}/${cluster.name}`);
    run('pg_ctlcluster', [cluster.version, cluster.name, 'start']);
  }
  const url = `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${cluster.port}/${DATABASE}`;
  if (await reachable(url)) return url;
  if (!isRoot) throw new Error(`cannot reach ${url} and cannot create the role as a non-root user`);
  if (psql(`SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'`) !== '1') {
    psql(`CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'`);
  }
  if (psql(`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`) !== '1') {
    psql(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
  }
  if (!(await reachable(url))) throw new Error(`PostgreSQL is running but ${url} is unreachable (pg_hba.conf?)`);
  return url;
}

try {
  const url = await ensure();
  const command = process.argv.slice(2);
  if (command.length === 0) {
    console.log(`DATABASE_URL=${url}`);
  } else {
    log(`TEST_DATABASE_URL=${url}`);
    const result = spawnSync(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: url },
    });
    process.exit(result.status ?? 1);
  }
} catch (error) {
  log(error.message);
  process.exit(1);
}
