/**
 * Issue #10, item 7: `dist/custom-elements.json` describes the published package completely, checked
 * against the sources (what the elements really render and style), and the editor/framework files
 * generated from it list the same elements. Reads the last `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const manifest = JSON.parse(read('dist/custom-elements.json'));
const elements = manifest.modules.flatMap((m) => m.declarations.filter((d) => d.customElement));
const SOURCES = {
  'cid-consent-banner': 'src/components/cid-consent-banner.ts',
  'cid-consent-preferences': 'src/components/cid-consent-preferences.ts',
  'cid-consent-placeholder': 'src/components/cid-consent-placeholder.ts',
  'cid-consent-declaration': 'src/components/cid-consent-declaration.ts',
};
const element = (tag) => elements.find((e) => e.tagName === tag);

/** Parts an element's source renders: `part="…"` attributes, and those of the helpers in parts.ts it calls. */
function renderedParts(source) {
  const parts = new Set();
  for (const [, list] of source.matchAll(/part="([^"$]+)"/g)) for (const p of list.split(/\s+/)) parts.add(p);
  for (const [, part] of source.matchAll(/\bbutton\(\s*'[\w-]+',\s*'([\w-]+)'/g)) parts.add('button').add(part);
  for (const [, part] of source.matchAll(/\blink\(\s*'([\w-]+)'/g)) parts.add(part);
  if (/\bpolicyLinks\(/.test(source)) parts.add('policy-link').add('cookie-policy-link');
  return parts;
}

/** Custom properties read by the stylesheets an element imports (`*.styles.js`: Lit's `static styles`, or the banner's sheet). */
function usedCustomProperties(source) {
  const properties = new Set();
  for (const [, from] of source.matchAll(/import \{ \w+ \} from '\.\/([\w.-]+\.styles)\.js'/g)) {
    for (const [, property] of read(`src/components/${from}.ts`).matchAll(/var\((--cid-consent-[\w-]+)/g)) properties.add(property);
  }
  return properties;
}

describe('custom-elements.json', () => {
  it('should name only modules the package publishes, each exporting what it declares', () => {
    for (const mod of manifest.modules) {
      assert.match(mod.path, /^dist\/.+\.js$/);
      assert.ok(existsSync(join(ROOT, mod.path)), `${mod.path} is not built`);
      const exported = /export \{([^}]+)\}/.exec(read(mod.path))[1];
      for (const declaration of mod.declarations) assert.match(exported, new RegExp(`\\b${declaration.name}\\b`));
    }
  });

  it('should declare the four public elements and nothing else (no stray variables)', () => {
    assert.deepEqual(elements.map((e) => e.tagName).sort(), Object.keys(SOURCES).sort());
    const others = manifest.modules.flatMap((m) => m.declarations.filter((d) => !d.customElement));
    assert.deepEqual(others.map((d) => `${d.kind} ${d.name}`), []);
  });

  for (const [tag, file] of Object.entries(SOURCES)) {
    it(`should list every part <${tag}> renders`, () => {
      const listed = new Set(element(tag).cssParts.map((p) => p.name));
      const missing = [...renderedParts(read(file))].filter((p) => !listed.has(p));
      assert.deepEqual(missing, []);
    });

    it(`should list every custom property the styles of <${tag}> read`, () => {
      const listed = new Set(element(tag).cssProperties.map((p) => p.name));
      const missing = [...usedCustomProperties(read(file))].filter((p) => !listed.has(p));
      assert.deepEqual(missing, []);
    });

    it(`should give <${tag}> its theme and lang attributes and a typed cid-consent-action event`, () => {
      const attributes = element(tag).attributes.map((a) => a.name);
      assert.ok(attributes.includes('theme') && attributes.includes('lang'), attributes.join());
      const event = element(tag).events.find((e) => e.name === 'cid-consent-action');
      assert.equal(event?.type?.text, 'CustomEvent<ConsentActionDetail>');
    });
  }

  it('should give the banner its position attribute, with its values', () => {
    const position = element('cid-consent-banner').attributes.find((a) => a.name === 'position');
    assert.equal(position?.type?.text, "'bottom' | 'center'");
  });
});

describe('files generated from the manifest', () => {
  const tags = Object.keys(SOURCES).sort();

  it('should list the four elements in the VS Code custom data, with their attributes', () => {
    const data = JSON.parse(read('dist/vscode.html-custom-data.json'));
    assert.deepEqual(data.tags.map((t) => t.name).sort(), tags);
    const banner = data.tags.find((t) => t.name === 'cid-consent-banner');
    assert.deepEqual(banner.attributes.find((a) => a.name === 'theme').values.map((v) => v.name).sort(), ['auto', 'dark', 'light']);
  });

  it('should list the four elements in the JetBrains web-types', () => {
    const data = JSON.parse(read('dist/web-types.json'));
    assert.deepEqual(data.contributions.html.elements.map((e) => e.name).sort(), tags);
  });

  it('should declare the four tags for React 19 JSX, augmenting react only', () => {
    const jsx = read('dist/jsx.d.ts');
    for (const tag of tags) assert.match(jsx, new RegExp(`'${tag}': DetailedHTMLProps`));
    assert.deepEqual([...jsx.matchAll(/declare (module '[^']+'|global)/g)].map((m) => m[1]), ["module 'react'"]);
  });
});
