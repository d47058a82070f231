/**
 * Prints the copy-paste <script> tag for a CDN, with Subresource Integrity
 * (https://www.w3.org/TR/SRI/): the sha384 of the dist/cid-consent.js just built, at this exact
 * version. A version range (@0.2) would let the CDN serve other bytes, which the hash then blocks.
 * Then the `script-src` a strict Content-Security-Policy needs for every file of the script-tag
 * build: the page names cid-consent.js, which loads dist/cid-consent-*.js beside it (CONTRACT §1),
 * so a policy that allows only the first blocks the preferences panel (issue #19) and the
 * sister-site hand-off (issue #21).
 * Usage: npm run build && npm run snippet [-- --cdn unpkg]
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';

const CDNS = {
  jsdelivr: (name, version) => `https://cdn.jsdelivr.net/npm/${name}@${version}/dist/`,
  unpkg: (name, version) => `https://unpkg.com/${name}@${version}/dist/`,
};

const sha384 = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/** The files of the script-tag build, the one a page names first, each with its hash. */
export function scriptFiles(root = new URL('..', import.meta.url)) {
  const dist = new URL('dist/', root);
  const siblings = readdirSync(dist).filter((file) => /^cid-consent-[a-z]+\.js$/.test(file)).sort();
  return ['cid-consent.js', ...siblings].map((file) => ({ file, integrity: sha384(new URL(file, dist)) }));
}

export function snippet({ cdn = 'jsdelivr', root = new URL('..', import.meta.url) } = {}) {
  if (!CDNS[cdn]) throw new Error(`--cdn: expected ${Object.keys(CDNS).join(' or ')}, got "${cdn}"`);
  const { name, version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const folder = CDNS[cdn](name, version);
  const [main, ...siblings] = scriptFiles(root);
  return `<script src="${folder}${main.file}" defer
        integrity="${main.integrity}" crossorigin="anonymous"
        data-policy-url="/politique-de-confidentialite" data-lang="fr"></script>
<!-- Content-Security-Policy, script-src: the folder, which covers ${[main, ...siblings].map((f) => f.file).join(' and ')}:
       script-src ${folder}
     or every file by its hash (the widget gives ${siblings.map((f) => f.file).join(', ')} its integrity):
       script-src '${[main, ...siblings].map((f) => f.integrity).join("' '")}' -->`;
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
