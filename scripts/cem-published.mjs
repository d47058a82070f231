/**
 * Analyzer plugin: makes the manifest describe the published package, not our sources.
 * - Every `src/components/*.ts` module becomes `dist/index.js`, wherever a module is named (module
 *   paths, export references): the ES build bundles the elements into that one file, which declares,
 *   registers and exports them; only `dist/` is in the tarball, and tools open these files.
 * - Drops declarations a module does not export: the analyzer also lists local variables it
 *   meets in some expressions (an `action` variable appeared), which are no public API.
 */
const SOURCE = /^\/?src\/components\/.+\.ts$/;
export const ENTRY = 'dist/index.js';

export const toPublished = (path) => path.replace(SOURCE, ENTRY);

/** Rewrites every `path`/`module` string in the manifest, in place. */
function rewrite(node) {
  if (Array.isArray(node)) {
    for (const item of node) rewrite(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toPublished(value);
    else rewrite(value);
  }
}

export function publishedModules() {
  return {
    name: 'cid-consent-published-modules',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name));
        mod.declarations = (mod.declarations ?? []).filter((d) => exported.has(d.name));
      }
      rewrite(customElementsManifest);
      // Modules now sharing one published file become one module.
      const byPath = new Map();
      for (const mod of customElementsManifest.modules) {
        const merged = byPath.get(mod.path);
        if (!merged) byPath.set(mod.path, mod);
        else {
          merged.declarations.push(...mod.declarations);
          merged.exports = [...(merged.exports ?? []), ...(mod.exports ?? [])];
        }
      }
      customElementsManifest.modules = [...byPath.values()];
    },
  };
}
