#!/usr/bin/env node
// The `cid-consent-audit` command (run through bin/cid-consent-audit.js); everything is in cli.ts.
import { main } from './cli.js';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
