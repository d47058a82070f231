// A fresh `npm ci` on the Node the project names prints no EBADENGINE warning (issue #20, item 15):
// every package the lock file installs accepts that Node, as npm checks it (semver, prereleases included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const ROOT = new URL('../../../', import.meta.url);

function json<T>(path: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(path, ROOT)), 'utf8')) as T;
}

interface Locked {
  version?: string;
  engines?: { node?: string } | string[];
}

/** The packages of the lock file whose `engines.node` does not accept `node`. */
function refusing(node: string): string[] {
  const { packages } = json<{ packages: Record<string, Locked> }>('package-lock.json');
  const found: string[] = [];
  for (const [path, locked] of Object.entries(packages)) {
    const wanted = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
    if (path === '' || !wanted) continue;
    if (!semver.satisfies(node, wanted, { includePrerelease: true })) found.push(`${path}@${locked.version}: node ${wanted}`);
  }
  return found;
}

describe('a fresh install', () => {
  const named = json<{ engines: { node: string } }>('package.json').engines.node;

  it('should lock only packages that accept the oldest Node the project names', () => {
    const oldest = semver.minVersion(named);
    assert.ok(oldest, `package.json engines.node "${named}" names no version`);
    assert.deepEqual(refusing(oldest.version), []);
  });

  it('should lock only packages that accept the Node running the tests, and the project should accept it too', () => {
    assert.ok(semver.satisfies(process.version, named), `Node ${process.version} is outside package.json engines.node "${named}"`);
    assert.deepEqual(refusing(process.version), []);
  });

  it('should name in the receiver a Node range within the project’s', () => {
    const receiver = json<{ engines: { node: string } }>('receiver/package.json').engines.node;
    assert.ok(semver.subset(receiver, named), `receiver/package.json engines.node "${receiver}" allows Nodes that package.json "${named}" does not`);
  });
});
