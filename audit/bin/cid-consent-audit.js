#!/usr/bin/env node
// The command's launcher: the one file of the package that is not compiled from TypeScript.
// npm links a package's `bin` when it installs it, and in the repository the workspace is
// installed (`npm ci`) before it is built, so the linked file must exist before any build for
// `npx cid-consent-audit` to work there. The command itself is src/bin.ts, built into dist/.
import { existsSync } from 'node:fs';

const command = new URL('../dist/src/bin.js', import.meta.url);
if (existsSync(command)) {
  await import(command.href);
} else {
  process.stderr.write('cid-consent-audit: could not run: not built (run `npm run build -w audit` in the repository)\n');
  process.exitCode = 2;
}
