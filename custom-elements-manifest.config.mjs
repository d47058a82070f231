/**
 * Custom Elements Manifest (https://github.com/webcomponents/custom-elements-manifest) of the three
 * public elements, and what editors and frameworks read, generated from it by `npm run build`:
 * - dist/custom-elements.json: modules named by the files we publish (dist/…/*.js), not by src/*.ts;
 * - dist/vscode.html-custom-data.json + vscode.css-custom-data.json (VS Code `html.customData`/`css.customData`);
 * - dist/web-types.json (JetBrains IDEs, found through package.json "web-types");
 * - dist/jsx.d.ts (React 19's JSX.IntrinsicElements, see scripts/jsx-types.mjs).
 */
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { publishedModules } from './scripts/cem-published.mjs';
import { jsxTypesPlugin } from './scripts/jsx-types.mjs';

const outdir = 'dist';

export default {
  globs: ['src/components/cid-consent-*.ts'],
  exclude: ['src/components/*.styles.ts'],
  outdir,
  litelement: true,
  plugins: [
    // First: every generator after it must see the published paths.
    publishedModules(),
    customElementVsCodePlugin({ outdir, hideLogs: true }),
    customElementJetBrainsPlugin({ outdir, packageJson: false, hideLogs: true }),
    jsxTypesPlugin({ outdir, fileName: 'jsx.d.ts' }),
  ],
};
