// npm run build:site -- --config <file> [--out dist/site]: the first layer built for one site's
// configuration, in one language (issue #23). An additional output: dist/cid-consent.js still works
// for any site with one tag. What this build leaves out of the file that loads before the banner:
// - configuration checking: the configuration is checked here, once, and the build stops on any
//   message the widget would print; the file holds the configuration as the check resolved it;
// - the other language: its built-in texts (this language's stand in), and the site's labels,
//   descriptions and texts in it;
// - the tag's data-* attributes: the configuration is the one built in (only the tag's nonce is read);
// - what the configuration does not use: receipts without `receiptUrl`, sister sites without `sites`
//   and `handoffKey` (UNUSED below).
// The sibling files (panel, hand-off, declaration) are dist/'s, copied beside it: the hashes the
// first layer checks them against are theirs. Run after npm run build.
//
// The configuration file is JSON, or an ES module whose default export is the configuration (what a
// page would put in window.cidConsentConfig). Exits 1 with each problem named, and writes nothing.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';

const root = new URL('..', import.meta.url);
const src = (path) => fileURLToPath(new URL(`src/${path}`, root));
const LANGS = ['fr', 'en'];

/** Reads the configuration file: JSON, or an ES module's default export. */
async function readConfig(file) {
  if (!existsSync(file)) throw new Error(`--config: ${file} does not exist.`);
  if (extname(file) === '.json') {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`--config: ${file} is not valid JSON: ${error.message}`);
    }
  }
  let module;
  try {
    module = await import(pathToFileURL(resolvePath(file)).href);
  } catch (error) {
    throw new Error(`--config: ${file} did not load as an ES module whose default export is the configuration: ${error.message}`);
  }
  if (module.default === undefined) throw new Error(`--config: ${file} has no default export (export default { policyUrl, … }).`);
  return module.default;
}

/** The widget's own configuration check (src/core/config.ts), compiled for Node. */
async function loadChecker() {
  const bundle = await rollup({
    input: src('core/config.ts'),
    plugins: [typescript({ declaration: false, outDir: 'dist', noEmitOnError: false })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`);
}

/**
 * Checks `input` as the widget would in a page, and returns the configuration as it resolves it, in
 * one language. Throws with every message the widget would print: a built file must print none.
 */
export async function resolveSiteConfig(input) {
  const { parseConfig } = await loadChecker();
  const problems = [];
  const log = { error: (message) => problems.push(message), warn: (message) => problems.push(message) };
  const config = parseConfig(input, undefined, log);
  if (!LANGS.includes(input?.lang)) problems.push(`[cid-consent] config.lang: a one-language build needs "fr" or "en".`);
  if (input?.nonce !== undefined) problems.push(`[cid-consent] config.nonce: a nonce changes with every response; the built file reads its tag's.`);
  if (problems.length) throw new Error(`the configuration is not valid:\n  ${problems.join('\n  ')}`);
  return oneLanguage(config, config.lang);
}

/** The site's texts in `lang` only: `{ fr, en }` labels and descriptions become the string shown. */
function oneLanguage(config, lang) {
  const pick = (text) => (typeof text === 'object' && text !== null ? (text[lang] ?? text.fr ?? text.en) : text);
  const cookies = (list) => list?.map((entry) => (typeof entry === 'object' ? { ...entry, description: pick(entry.description) } : entry));
  const entry = (item) => ({
    ...item,
    label: pick(item.label),
    description: pick(item.description),
    cookies: cookies(item.cookies),
    services: item.services?.map(entry),
  });
  // JSON drops the keys left undefined, as the widget's own check leaves them out.
  return JSON.parse(JSON.stringify({ ...config, texts: config.texts[lang] ? { [lang]: config.texts[lang] } : {}, purposes: config.purposes.map(entry) }));
}

/**
 * Modules whose every use depends on a key the configuration leaves unset: the tailored build imports
 * stand-ins that do nothing in their place. Rollup stops the build if an importer asks for a name
 * not listed here (`exports`), so a module that grows a new use cannot be left out unseen.
 */
const UNUSED = [
  // Sister sites (CONTRACT §13): a token is looked for and links carried only with `sites` and `handoffKey`.
  { unused: (c) => !(c.sites.length && c.handoffKey), importer: 'lifecycle/steps.ts', source: './sisters.js', exports: ['arriveFromSister', 'linkSisterSites'], sibling: 'dist/cid-consent-handoff.js' },
  // Receipts (CONTRACT §10): built, kept and sent only with a `receiptUrl`.
  { unused: (c) => !c.receiptUrl, importer: 'lifecycle/steps.ts', source: '../receipts/receipt.js', exports: ['buildReceipt', 'oversizedNotice'] },
  { unused: (c) => !c.receiptUrl, importer: 'lifecycle/widget.ts', source: '../receipts/receipt.js', exports: ['buildNotice', 'inForce'] },
  { unused: (c) => !c.receiptUrl, importer: 'lifecycle/widget.ts', source: '../receipts/outbox.js', exports: ['createOutbox'] },
];

/**
 * The Rollup plugin that tailors the first layer: the configuration check gives way to the resolved
 * configuration, and the other language's texts to this one's. A banner the page placed itself with
 * another `lang` (CONTRACT §9) then still has texts: this language's, the only ones the file holds.
 */
function tailor(resolved) {
  const CONFIG = '\0cid-consent:site-config';
  const FRENCH_AS_ENGLISH = '\0cid-consent:french-as-english';
  const ENGLISH_AS_FRENCH = '\0cid-consent:english-as-french';
  const from = (importer, path) => importer?.replace(/\\/g, '/').endsWith(`/src/${path}`);
  return {
    name: 'tailor',
    resolveId(source, importer) {
      const stub = UNUSED.findIndex((rule) => rule.unused(resolved) && rule.source === source && from(importer, rule.importer));
      if (stub >= 0) return `\0cid-consent:unused:${stub}`;
      if (source === '../core/config.js' && from(importer, 'lifecycle/widget.ts')) return CONFIG;
      if (resolved.lang === 'fr' && source === './en.js' && from(importer, 'i18n/index.ts')) return FRENCH_AS_ENGLISH;
      if (resolved.lang === 'en' && /(^|\/)fr\.js$/.test(source) && !from(importer, 'i18n/en.ts') && importer !== ENGLISH_AS_FRENCH) {
        return ENGLISH_AS_FRENCH;
      }
      return null;
    },
    load(id) {
      // A fresh copy each start: the widget corrects its configuration in place (a cookie domain the
      // page is not on). The nonce is the tag's, read by embed-site.ts.
      // The site's texts serve both languages, as the built-in ones do (above).
      if (id === CONFIG) {
        const { texts, ...rest } = resolved;
        const own = JSON.stringify(texts[resolved.lang] ?? {});
        return `const texts = ${own};\nexport const parseConfig = (input) => ({ ...${JSON.stringify(rest)}, texts: { fr: texts, en: texts }, nonce: input?.nonce });`;
      }
      if (id === FRENCH_AS_ENGLISH) return `export { fr as en } from ${JSON.stringify(src('i18n/fr.ts'))};`;
      if (id.startsWith('\0cid-consent:unused:')) {
        return UNUSED[+id.split(':').pop()].exports.map((name) => `export const ${name} = () => undefined;`).join('\n');
      }
      if (id === ENGLISH_AS_FRENCH) return `export { en as fr } from ${JSON.stringify(src('i18n/en.ts'))};`;
      return null;
    },
  };
}

/** Builds `out/cid-consent.js` for `input`, with the sibling files beside it; returns its gzip size. */
export async function buildSite(input, out) {
  const resolved = await resolveSiteConfig(input);
  // Imported here, not above: its TypeScript plugin reads tsconfig.json from the working directory,
  // which the command line first makes the repository.
  const { default: configs, siblings: siblingsPlugin } = await import('../rollup.config.mjs');
  const main = configs.find((config) => config.output.file === 'dist/cid-consent.js');
  const siblings = readdirSync(new URL('dist/', root)).filter((name) => /^cid-consent-[a-z]+\.js$/.test(name));
  if (!siblings.length) throw new Error('dist/ has no sibling files: run npm run build first.');
  // The loaders of sibling files whose only user is left out go with it.
  const unusedFiles = UNUSED.filter((rule) => rule.sibling && rule.unused(resolved)).map((rule) => rule.sibling);
  const plugins = main.plugins.map((plugin) => (plugin.name === 'siblings' ? siblingsPlugin({ unused: unusedFiles }) : plugin));
  const bundle = await rollup({ input: src('embed-site.ts'), plugins: [tailor(resolved), ...plugins] });
  // Generated, then written here: the TypeScript plugin wants `file` under its outDir (dist/).
  const { output } = await bundle.generate(main.output);
  await bundle.close();
  const [chunk] = output;
  mkdirSync(out, { recursive: true });
  const file = resolvePath(out, 'cid-consent.js');
  const mapComment = '\n//# sourceMappingURL=cid-consent.js.map\n';
  writeFileSync(file, chunk.code.includes('sourceMappingURL=') ? chunk.code : chunk.code.trimEnd() + mapComment);
  writeFileSync(`${file}.map`, chunk.map.toString());
  for (const name of siblings) {
    copyFileSync(new URL(`dist/${name}`, root), resolvePath(out, name));
    if (existsSync(new URL(`dist/${name}.map`, root))) copyFileSync(new URL(`dist/${name}.map`, root), resolvePath(out, `${name}.map`));
  }
  return { file, gzip: gzipSync(readFileSync(file), { level: 9 }).length, lang: resolved.lang, siblings };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { config: { type: 'string' }, out: { type: 'string', default: 'dist/site' } } });
  try {
    if (!values.config) throw new Error('--config <file>: the site configuration (JSON, or an ES module with a default export) is required.');
    const input = await readConfig(values.config);
    const out = resolvePath(values.out);
    // The TypeScript plugin reads tsconfig.json from the working directory: the repository's.
    process.chdir(fileURLToPath(root));
    const built = await buildSite(input, out);
    console.log(`${built.file}: ${built.gzip} B gzip -9, ${built.lang} only, for ${basename(values.config)}; beside it: ${built.siblings.join(', ')}.`);
  } catch (error) {
    console.error(`build:site: ${error.message}`);
    process.exit(1);
  }
}

export { readConfig };
