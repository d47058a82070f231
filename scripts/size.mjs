// Size budget of each file of the script-tag build, checked in CI (npm run size, after npm run build).
// The budget lives in size-budget.json; raise it only with a reason in the commit message.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const budget = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'));
let failed = false;
for (const [file, { gzip: allowed }] of Object.entries(budget.files)) {
  const bytes = readFileSync(new URL(`../${file}`, import.meta.url));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const line = `${file}: ${bytes.length} B raw, ${gzip} B gzip -9 (budget ${allowed} B), ${brotli} B brotli`;
  if (gzip <= allowed) console.log(`ok   ${line}`);
  else {
    failed = true;
    console.error(`FAIL ${line}`);
    console.error(
      `     ${gzip - allowed} B over budget. Every visitor of every page downloads this file: find what grew ` +
        `(node scripts/size.mjs after each change, or the source map of ${file}), make it smaller, or ` +
        `load it only when needed. Raise "gzip" in size-budget.json only if the feature is worth it, and say why in the commit.`,
    );
  }
}
// Every file of the script-tag build has a budget: a new sibling (CONTRACT §1) cannot slip in unweighed.
for (const file of readdirSync(new URL('../dist/', import.meta.url)).filter((f) => /^cid-consent(-[a-z]+)?\.js$/.test(f))) {
  if (!budget.files[`dist/${file}`]) {
    failed = true;
    console.error(`FAIL dist/${file} has no budget in size-budget.json: add one, with the reason it is worth its bytes.`);
  }
}
process.exit(failed ? 1 : 0);
