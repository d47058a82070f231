/**
 * Issue #10, item 6: a fresh clone (no dist/) packs a tarball with the built files in it, because
 * `prepack` builds. Runs on a copy of the working tree without dist/, sharing node_modules.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT, sh } from './helpers.mjs';

describe('npm pack in a fresh clone', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cid-consent-clone-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('should build before packing, so the tarball holds dist/', async () => {
    const clone = join(dir, 'clone');
    // What git would check out (tracked and new files), without the build output and the test assets.
    const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !/^(dist|test|bench|demo|docs)\//.test(f) && existsSync(join(ROOT, f)));
    for (const file of tracked) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(ROOT, file), join(clone, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    assert.equal(existsSync(join(clone, 'dist')), false);

    const packed = await sh('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: clone });
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    const files = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    for (const file of ['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/cid-consent.js', 'package/dist/cid-consent-panel.js', 'package/dist/cid-consent-handoff.js', 'package/dist/cid-consent-declaration.js', 'package/dist/custom-elements.json']) {
      assert.ok(files.includes(file), `${file} is not in the tarball`);
    }
  });
});
