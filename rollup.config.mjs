import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const terserOptions = { ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } };

export default [
  // CONTRACT §1: one file for a plain <script> tag, with Lit, js-cookie, styles and texts inside.
  {
    input: 'src/embed.ts',
    output: { file: 'dist/cid-consent.js', format: 'iife', sourcemap: true },
    plugins: [resolve(), typescript({ declaration: false, outDir: 'dist' }), minifyTemplates(), terser(terserOptions)],
  },
  // The ES module for bundlers: lit and js-cookie stay dependencies the bundler resolves.
  {
    input: 'src/index.ts',
    output: { dir: 'dist', format: 'es', sourcemap: true },
    external: [/^lit(\/|$)/, 'js-cookie'],
    plugins: [typescript({ declaration: true, declarationDir: 'dist' })],
  },
];
