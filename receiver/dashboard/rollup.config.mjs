// The dashboard page's bundle: Lit and Chart.js in one ES module, dist/dashboard/app.js,
// plus the page's stylesheet, both served by the receiver (GET /dashboard/app.js, app.css).
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const here = new URL('./', import.meta.url);

/** Copies app.css next to the bundle. */
function stylesheet() {
  return {
    name: 'dashboard-stylesheet',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'app.css', source: readFileSync(new URL('app.css', here), 'utf8') });
    },
  };
}

export default {
  input: new URL('src/main.ts', here).pathname,
  output: { dir: new URL('../dist/dashboard/', here).pathname, entryFileNames: 'app.js', format: 'es', sourcemap: false },
  plugins: [
    resolve({ browser: true }),
    typescript({ tsconfig: new URL('tsconfig.json', here).pathname, noEmit: false, outDir: new URL('../dist/dashboard/', here).pathname, declaration: false }),
    terser({ ecma: 2021, module: true, format: { comments: false } }),
    stylesheet(),
  ],
};
