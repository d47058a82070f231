// Where the bytes of the first layer (dist/cid-consent.js) go: the script-tag build made again
// without each area of the code in turn, gzip -9 of each, and the difference to the full build.
// That difference is what leaving the area out (or loading it from a sibling file) would save.
// A profile, not a test: the builds without an area do not run.
//   node bench/first-layer.mjs   (after npm run build; about half a minute). npm run bench adds it to
//   its report when the bytes target of issue #15 is missed.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

const AREAS = {
  'English texts': ['/src/i18n/en.ts'],
  'French texts': ['/src/i18n/fr.ts'],
  'receipts (outbox, receipt, notice)': ['/src/receipts/'],
  'config checks (config, tag attributes)': ['/src/core/config.ts', '/src/embed-attributes.ts'],
  'decision state (manager, choices, record, storage, js-cookie)': ['/src/core/manager.ts', '/src/core/choices.ts', '/src/core/record.ts', '/src/core/storage.ts', '/js-cookie/'],
  'API (api, queue, events)': ['/src/core/api.ts', '/src/core/queue.ts', '/src/core/events.ts'],
  'gating and Consent Mode': ['/src/gating/'],
  'banner element (element, DOM, focus, scroll room)': ['/cid-consent-banner.ts', '/components/dom.ts', '/focus-return.ts', '/scroll-room.ts'],
  'banner styles (shared + banner)': ['/shared.styles.ts', '/cid-consent-banner.styles.ts'],
};

const main = configs.find((config) => config.output.file === 'dist/cid-consent.js');

async function gzipOf(without = []) {
  const leaveOut = {
    name: 'leave-out',
    load: (id) => (without.some((part) => id.replace(/\\/g, '/').includes(part)) ? 'export {};' : null),
  };
  // The sibling's hash is written where the loader is still in the build.
  const plugins = main.plugins.map((plugin) =>
    plugin.name === 'sibling-panel'
      ? {
          ...plugin,
          renderChunk(code, ...rest) {
            return code.includes('__CID_CONSENT_PANEL_INTEGRITY__') ? plugin.renderChunk.call(this, code, ...rest) : null;
          },
        }
      : plugin,
  );
  const bundle = await rollup({ input: main.input, plugins: [leaveOut, ...plugins], shimMissingExports: true, onwarn: () => {} });
  const { output } = await bundle.generate({ ...main.output, sourcemap: false });
  await bundle.close();
  return gzipSync(output[0].code, { level: 9 }).length;
}

/** The profile as Markdown lines. */
export async function bytesProfile() {
  const full = await gzipOf();
  const share = (bytes) => `${((bytes / full) * 100).toFixed(0)} %`;
  const lines = [
    `Where the bytes before the banner go: dist/cid-consent.js built again without each area in turn (gzip -9; ${full} B as built, without its source-map comment).`,
    ``,
    '| area | saved without it | share |',
    '|---|--:|--:|',
  ];
  let rest = full;
  for (const [area, parts] of Object.entries(AREAS)) {
    const saved = full - (await gzipOf(parts));
    rest -= saved;
    lines.push(`| ${area} | ${saved} B | ${share(saved)} |`);
  }
  // Left out one at a time, areas also take what only they use: the rest is the start-up and change
  // steps (src/lifecycle/), start() and the tag's entry, and what gzip finds in common between areas.
  lines.push(`| the rest: start-up and change steps, start(), the tag's entry | ${rest} B | ${share(rest)} |`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await bytesProfile()).join('\n'));
