import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const terserOptions = { ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } };
const PANEL = 'dist/cid-consent-panel.js';
const LOADER = fileURLToPath(new URL('src/lifecycle/panel-loader.ts', import.meta.url));

/**
 * The script-tag build loads the panel from its sibling file (issue #15, CONTRACT §1): `panel.ts`
 * becomes `panel-loader.ts`, and the loader gets the sibling's SHA-384, read from the file built
 * just before (Rollup builds the configs below in order).
 */
function siblingPanel() {
  return {
    name: 'sibling-panel',
    buildStart() {
      // In watch mode, a change to the panel's file rebuilds this one with its new hash.
      this.addWatchFile(PANEL);
    },
    resolveId(source, importer) {
      return source === './panel.js' && importer?.replace(/\\/g, '/').endsWith('/src/lifecycle/preferences.ts') ? LOADER : null;
    },
    renderChunk(code) {
      const hash = createHash('sha384').update(readFileSync(PANEL)).digest('base64');
      if (!code.includes('__CID_CONSENT_PANEL_INTEGRITY__')) this.error('the panel loader is missing from the bundle');
      return { code: code.replace('__CID_CONSENT_PANEL_INTEGRITY__', `sha384-${hash}`), map: null };
    },
  };
}

export default [
  // CONTRACT §1: what the script tag loads after the banner's first paint: the panel and placeholder, with Lit.
  {
    input: 'src/embed-panel.ts',
    output: { file: PANEL, format: 'iife', sourcemap: true },
    plugins: [resolve(), typescript({ declaration: false, outDir: 'dist' }), minifyTemplates(), terser(terserOptions)],
  },
  // CONTRACT §1: the one file a page references: the first layer, the runtime, js-cookie and the texts.
  {
    input: 'src/embed.ts',
    output: { file: 'dist/cid-consent.js', format: 'iife', sourcemap: true },
    plugins: [siblingPanel(), resolve(), typescript({ declaration: false, outDir: 'dist' }), minifyTemplates(), terser(terserOptions)],
  },
  // The ES module for bundlers: lit and js-cookie stay dependencies the bundler resolves.
  {
    input: 'src/index.ts',
    output: { dir: 'dist', format: 'es', sourcemap: true },
    external: [/^lit(\/|$)/, 'js-cookie'],
    plugins: [typescript({ declaration: true, declarationDir: 'dist' })],
  },
];
