#!/usr/bin/env node
// The `cid-consent-audit` command; everything is in src/cli.mjs.
import { main } from '../src/cli.mjs';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
