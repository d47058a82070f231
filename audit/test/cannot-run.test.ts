// Exit 2, with a one-line reason, whenever the audit cannot give a verdict.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { randomPort, runAudit, serveFixtures } from './helpers.js';

/** A port of our range that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  for (;;) {
    const port = randomPort();
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

const lastLine = (stderr: string) => stderr.trim().split('\n').at(-1) ?? '';

describe('cid-consent-audit when it cannot run', () => {
  it('should exit 2 with its reason for an unreachable URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const run = await runAudit([url, '--wait', '0']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, new RegExp(`could not run: unreachable: ${url.replaceAll('.', '\\.')} \\(net::ERR_CONNECTION_REFUSED\\)`));
    assert.match(run.stdout.trim().split('\n').at(-1) ?? '', /could not run \(exit 2\)$/);
  });

  it('should exit 2 at once for a bad URL', async () => {
    const run = await runAudit(['www.cid-it.fr']);
    assert.equal(run.code, 2);
    assert.equal(lastLine(run.stderr), 'cid-consent-audit: bad URL: "www.cid-it.fr" is not an absolute URL');
  });

  it('should exit 2 when the browser given does not exist', async () => {
    const run = await runAudit(['http://localhost/', '--chromium', '/nowhere/chromium']);
    assert.equal(run.code, 2);
    assert.equal(lastLine(run.stderr), 'cid-consent-audit: no browser: --chromium /nowhere/chromium does not exist');
  });

  it('should exit 2 on an unknown option, naming it', async () => {
    const run = await runAudit(['http://localhost/', '--jsn', 'x.json']);
    assert.equal(run.code, 2);
    assert.match(lastLine(run.stderr), /^cid-consent-audit: bad arguments: .*'--jsn'/);
  });

  it('should exit 2 on a number out of range', async () => {
    const run = await runAudit(['http://localhost/', '--concurrency', '0']);
    assert.equal(run.code, 2);
    assert.match(lastLine(run.stderr), /--concurrency 0 \(expected a whole number from 1 to 16\)/);
  });
});

describe('cid-consent-audit on a page that stops answering', () => {
  it('should give up on it after its time budget and exit 2 with the reason', async () => {
    const served = await serveFixtures();
    try {
      // A load timeout with room for a busy machine (three contexts on two cores): the page must load,
      // then hang; the budget is 2 × 4 s + 3 × 0.2 s + 5 s.
      const run = await runAudit([`${served.site}busy.html`, '--timeout', '4000', '--wait', '200']);
      assert.equal(run.code, 2);
      assert.match(run.stdout, /could not run: http:\/\/localhost:\d+\/busy\.html stopped answering: not audited within 13\.6 s/);
    } finally {
      await served.close();
    }
  });
});
