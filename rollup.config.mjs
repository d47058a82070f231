import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const terserOptions = { ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } };

/**
 * The sibling files the script-tag build loads on its own (CONTRACT §1). In that build each module
 * `module`, imported by `importer`, becomes `loader`, and the loader gets the sibling's SHA-384 in
 * place of `placeholder`, read from the file built just before (Rollup builds the configs below in order).
 */
const SIBLINGS = [
  // Issue #15: the panel and the placeholder's Lit parts, after the banner's first paint.
  { file: 'dist/cid-consent-panel.js', module: './panel.js', importer: '/src/lifecycle/preferences.ts', loader: 'panel-loader.ts', placeholder: '__CID_CONSENT_PANEL_INTEGRITY__' },
  // Issue #21: the sister-site hand-off, on the pages that use it.
  { file: 'dist/cid-consent-handoff.js', module: './handoff.js', importer: '/src/lifecycle/sisters.ts', loader: 'handoff-loader.ts', placeholder: '__CID_CONSENT_HANDOFF_INTEGRITY__' },
  // Issue #24: the cookie declaration, on the pages that hold one.
  { file: 'dist/cid-consent-declaration.js', module: './declaration.js', importer: '/src/lifecycle/declarations.ts', loader: 'declaration-loader.ts', placeholder: '__CID_CONSENT_DECLARATION_INTEGRITY__' },
];

/** `unused`: sibling files a tailored build leaves out with their loader (scripts/build-site.mjs). */
export function siblings({ unused = [] } = {}) {
  return {
    name: 'siblings',
    buildStart() {
      // In watch mode, a change to a sibling's file rebuilds this one with its new hash.
      for (const { file } of SIBLINGS) this.addWatchFile(file);
    },
    resolveId(source, importer) {
      const sibling = SIBLINGS.find((s) => s.module === source && importer?.replace(/\\/g, '/').endsWith(s.importer));
      return sibling ? fileURLToPath(new URL(`src/lifecycle/${sibling.loader}`, import.meta.url)) : null;
    },
    renderChunk(code) {
      let out = code;
      for (const { file, placeholder } of SIBLINGS) {
        if (unused.includes(file)) continue;
        if (!out.includes(placeholder)) this.error(`the loader of ${file} is missing from the bundle`);
        const hash = createHash('sha384').update(readFileSync(file)).digest('base64');
        out = out.replace(placeholder, `sha384-${hash}`);
      }
      return { code: out, map: null };
    },
  };
}

/** A sibling file: an IIFE of its own, minified like the first layer. */
const sibling = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [resolve(), typescript({ declaration: false, outDir: 'dist' }), minifyTemplates(), terser(terserOptions)],
});

export default [
  // CONTRACT §1: what the script tag loads after the banner's first paint: the panel and placeholder, with Lit.
  sibling('src/embed-panel.ts', 'dist/cid-consent-panel.js'),
  // CONTRACT §13: the token check and the sister links, for the pages that use them.
  sibling('src/embed-handoff.ts', 'dist/cid-consent-handoff.js'),
  // CONTRACT §9: the cookie declaration, for the pages that hold one.
  sibling('src/embed-declaration.ts', 'dist/cid-consent-declaration.js'),
  // CONTRACT §1: the one file a page references: the first layer, the runtime, js-cookie and the texts.
  {
    input: 'src/embed.ts',
    output: { file: 'dist/cid-consent.js', format: 'iife', sourcemap: true },
    plugins: [siblings(), resolve(), typescript({ declaration: false, outDir: 'dist' }), minifyTemplates(), terser(terserOptions)],
  },
  // The ES module for bundlers: lit and js-cookie stay dependencies the bundler resolves.
  {
    input: 'src/index.ts',
    output: { dir: 'dist', format: 'es', sourcemap: true },
    external: [/^lit(\/|$)/, 'js-cookie'],
    plugins: [typescript({ declaration: true, declarationDir: 'dist' })],
  },
];
