// The PostgreSQL tests run on a cluster of their own (scripts/postgres.mjs), never on the machine's:
// a developer's or a CI machine runs other things on its PostgreSQL (issue #20, item 14).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { testDatabaseUrl } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/postgres.mjs', import.meta.url));

/** The machine's clusters as Debian's postgresql-common lists them (none where it is not installed). */
function machineClusters(): string {
  if (!existsSync('/usr/bin/pg_lsclusters')) return '';
  return execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
}

async function serverSetting(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name]);
    return rows[0].setting;
  } finally {
    await client.end();
  }
}

describe('the tests’ own PostgreSQL', () => {
  it('should serve TEST_DATABASE_URL from a cluster in a temporary folder, not from one of the machine’s', async () => {
    const url = testDatabaseUrl();
    const dataDirectory = await serverSetting(url, 'data_directory');
    assert.equal(dataDirectory, process.env.TEST_PG_DATA);
    assert.ok(dataDirectory.startsWith(tmpdir()), `${dataDirectory} is not under ${tmpdir()}`);
    const port = new URL(url).port;
    for (const line of machineClusters().split('\n').filter(Boolean)) {
      const [, , clusterPort, , , clusterData] = line.trim().split(/\s+/);
      assert.notEqual(clusterPort, port, `the tests use the port of the machine's cluster: ${line}`);
      assert.notEqual(clusterData, dataDirectory);
    }
  });

  it('should leave the machine’s clusters as they were and delete its own folder once its command has ended', () => {
    const before = machineClusters();
    const run = spawnSync(process.execPath, [SCRIPT, process.execPath, '-e', 'console.log(process.env.TEST_PG_DATA)'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const data = run.stdout.trim();
    assert.match(data, /cid-postgres-/);
    assert.equal(existsSync(dirname(data)), false, `${dirname(data)} is still there`);
    assert.equal(machineClusters(), before);
  });

  it('should pass on the command’s exit status', () => {
    const run = spawnSync(process.execPath, [SCRIPT, process.execPath, '-e', 'process.exit(3)'], { encoding: 'utf8' });
    assert.equal(run.status, 3, run.stderr);
  });

  it('should refuse to run without a command, saying how to use it', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', cwd: tmpdir() });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /usage: node scripts\/postgres\.mjs <command>/);
  });
});
