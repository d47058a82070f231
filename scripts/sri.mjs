/**
 * Prints the copy-paste <script> tag for a CDN, with Subresource Integrity
 * (https://www.w3.org/TR/SRI/): the sha384 of the dist/cid-consent.js just built, at this exact
 * version. A version range (@0.2) would let the CDN serve other bytes, which the hash then blocks.
 * Usage: npm run build && npm run snippet [-- --cdn unpkg]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const CDNS = {
  jsdelivr: (name, version) => `https://cdn.jsdelivr.net/npm/${name}@${version}/dist/cid-consent.js`,
  unpkg: (name, version) => `https://unpkg.com/${name}@${version}/dist/cid-consent.js`,
};

export function snippet({ cdn = 'jsdelivr', root = new URL('..', import.meta.url) } = {}) {
  if (!CDNS[cdn]) throw new Error(`--cdn: expected ${Object.keys(CDNS).join(' or ')}, got "${cdn}"`);
  const { name, version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const integrity = `sha384-${createHash('sha384').update(readFileSync(new URL('dist/cid-consent.js', root))).digest('base64')}`;
  return `<script src="${CDNS[cdn](name, version)}" defer
        integrity="${integrity}" crossorigin="anonymous"
        data-policy-url="/politique-de-confidentialite" data-lang="fr"></script>`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cdn: { type: 'string', default: 'jsdelivr' } } });
  try {
    console.log(snippet({ cdn: values.cdn }));
  } catch (error) {
    console.error(error.message);
    process.exitCode = 2;
  }
}
