// The command as a user gets it from npm: the tarball `npm pack` makes, installed into a fresh
// project, its `bin` run from that project's node_modules/.bin (issue #20, item 13).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Report } from '../src/index.js';
import { PACKAGE, serveFixtures, type Run, type Served } from './helpers.js';

const exec = promisify(execFile);

/** Runs a command; resolves with its output whatever its exit status, so that a test can show it. */
async function sh(file: string, args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

describe('the packed @cid-it/consent-audit installed in a fresh project', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cid-audit-package-'));
  const project = join(dir, 'consumer');
  let files: string[] = [];
  let served: Served;

  before(async () => {
    // --ignore-scripts: `npm test` has just built dist/ (prepack would rebuild it under the running tests).
    const packed = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, '--loglevel=error'], PACKAGE);
    assert.equal(packed.code, 0, packed.stderr);
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = tarball.files.map((file) => file.path);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const installed = await sh('npm', ['install', join(dir, tarball.filename), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
    assert.equal(installed.code, 0, installed.stderr);
    served = await serveFixtures();
  });
  after(async () => {
    await served?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should hold the launcher, the compiled command with its types and the schema, and no sources or tests', () => {
    for (const file of ['bin/cid-consent-audit.js', 'dist/src/bin.js', 'dist/src/cli.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'schema/audit-report.schema.json', 'README.md', 'package.json']) {
      assert.ok(files.includes(file), `${file} is not in the tarball`);
    }
    assert.deepEqual(files.filter((file) => /^(src|test|bench|scripts|dist\/test|dist\/bench|dist\/scripts)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts'))), []);
  });

  it('should run its bin from node_modules/.bin: the version, and an audit with its exit status', async () => {
    const bin = join(project, 'node_modules', '.bin', 'cid-consent-audit');
    const version = await sh(bin, ['--version'], project);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version);
    const json = join(dir, 'buttons.json');
    const run = await sh(bin, [`${served.site}buttons.html`, '--accept', '.consent-yes', '--reject', '.consent-no', '--necessary', 'session_id', '--necessary', 'choice', '--wait', '300', '--json', json], project);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    assert.equal(report.verdict, 'clean');
  });
});
