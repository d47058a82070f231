// `npm test`: every test suite of the repository, one after the other, each run even when
// an earlier one failed, then one closing line with the sum, "N passed, N failed" (what
// .ci/run and CI read). Set-up steps (a browser, the build) stop the run when they fail.
//   SUITES=widget,package npm test    runs only those suites.
import { spawn } from 'node:child_process';

const SETUP = [
  { name: 'chromium', command: 'node scripts/chromium.mjs' },
  { name: 'build', command: 'npm run build' },
];

const SUITES = [
  { name: 'types', command: 'tsc --noEmit -p tsconfig.test.json', counts: 'none' },
  // The widget: unit, component and end-to-end tests in Chromium.
  { name: 'widget', command: 'web-test-runner', counts: 'wtr' },
  // The npm package as a consumer installs it.
  { name: 'package', command: 'npm run test:package --silent', counts: 'node' },
  // The receiver, on the embedded store and on a throw-away PostgreSQL cluster of its own (scripts/postgres.mjs).
  { name: 'receiver', command: 'npm run test:receiver --silent', counts: 'node' },
  { name: 'audit', command: 'npm run test:audit --silent', counts: 'node' },
  // DuckDuckGo's cookie-popup engine (@duckduckgo/autoconsent) with our rule, autoconsent/, on the demo sites.
  { name: 'autoconsent', command: 'npm run test:autoconsent --silent', counts: 'node' },
  // One decision that lasts (issue #21): the two demo sites on two origins and a real receiver in Chromium: the
  // consent cookie set by HTTP, and the hand-off between the sites.
  { name: 'handoff', command: 'npm run build -w receiver && npm run test:handoff --silent', counts: 'node' },
  // WebKitGTK with a persistent profile and ITP (installed by scripts/webkit.mjs where missing): the
  // consent cookie set by HTTP keeps its six months where one written by script is capped at 7 days.
  { name: 'webkit', command: 'npm run build -w receiver && npm run test:webkit --silent', counts: 'node' },
  // The documentation (issue #22): every relative link and anchor resolves, every name of the contract is in its guide.
  { name: 'docs', command: 'npm run test:docs --silent', counts: 'node' },
];

/** Runs a command in a shell, echoing its output, and resolves with its exit code and output. */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const take = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Passed and failed counts as the suite's runner printed them last. */
function countsOf(kind, output) {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  if (kind === 'wtr') {
    const all = [...text.matchAll(/(\d+) passed, (\d+) failed/g)];
    const last = all[all.length - 1];
    return last ? { passed: +last[1], failed: +last[2] } : undefined;
  }
  if (kind === 'node') {
    const pass = [...text.matchAll(/^ℹ pass (\d+)$/gm)].reduce((sum, m) => sum + +m[1], 0);
    const fail = [...text.matchAll(/^ℹ fail (\d+)$/gm)].reduce((sum, m) => sum + +m[1], 0);
    return /^ℹ pass \d+$/m.test(text) ? { passed: pass, failed: fail } : undefined;
  }
  return { passed: 0, failed: 0 };
}

const only = process.env.SUITES?.split(',').filter(Boolean);
for (const step of SETUP) {
  const { code } = await run(step.command);
  if (code !== 0) {
    console.error(`\n[test] ${step.name} failed (exit ${code}): no suite can run.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const summary = [];
let passed = 0;
let failed = 0;
for (const suite of SUITES.filter((s) => !only || only.includes(s.name))) {
  console.log(`\n[test] ── ${suite.name}: ${suite.command}`);
  const { code, output } = await run(suite.command);
  const counts = countsOf(suite.counts, output) ?? { passed: 0, failed: 0 };
  // A suite that exits non-zero without a failed test (a crash, a type error, no count) counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${suite.name.padEnd(11)} ${String(counts.passed).padStart(4)} passed, ${counts.failed} failed${code ? ` (exit ${code})` : ''}`);
}
console.log(`\n[test] summary\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
