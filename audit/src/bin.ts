#!/usr/bin/env node
// The `cid-consent-audit` command (run through bin/cid-consent-audit.js); everything is in cli.ts.
import { main } from './cli.js';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
// The verdict is out; a browser that does not let go must not keep the command (and a CI job) running:
// past a few seconds the process ends, and Playwright kills the browsers it started.
setTimeout(() => process.exit(code), 10_000).unref();
