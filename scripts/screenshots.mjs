// Screenshots of the demo sites as a visitor sees them (banner, then panel), light and dark,
// in headless Debian Chromium, for the README. Serves the demo itself (after npm run build).
// Usage: node scripts/screenshots.mjs [outDir]   (default docs/screenshots)
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveDemo } from './serve-demo.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
const port = Number(process.env.PORT ?? 8090);
const demo = await serveDemo(port);
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const shots = [
  { name: 'cid-it-fr', url: `http://localhost:${port}/`, scheme: 'light' },
  { name: 'cid-it-boutique', url: `http://127.0.0.1:${port + 1}/`, scheme: 'light' },
  { name: 'cid-it-fr-dark', url: `http://localhost:${port}/`, scheme: 'dark' },
];
for (const { name, url, scheme } of shots) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  await page.goto(url);
  await page.locator('cid-consent-banner [data-action="reject-all"]').waitFor();
  await page.screenshot({ path: `${out}/${name}-banner.png` });
  await page.locator('cid-consent-banner [data-action="customize"]').click();
  await page.locator('cid-consent-preferences dialog[open]').waitFor();
  await page.screenshot({ path: `${out}/${name}-panel.png` });
  await page.close();
}
const mobile = await browser.newPage({ viewport: { width: 360, height: 640 } });
await mobile.goto(`http://localhost:${port}/`);
await mobile.locator('cid-consent-banner [data-action="reject-all"]').waitFor();
await mobile.screenshot({ path: `${out}/cid-it-fr-mobile-banner.png` });
// The cookie-policy pages (issue #24): the declaration after a decision, whole page.
for (const [name, url, viewport] of [
  ['cid-it-fr-declaration', `http://localhost:${port}/politique-de-cookies.html`, { width: 1280, height: 800 }],
  ['cid-it-boutique-declaration', `http://127.0.0.1:${port + 1}/politique-de-cookies.html`, { width: 1280, height: 800 }],
]) {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.locator('cid-consent-banner [data-action="reject-all"]').waitFor();
  await page.evaluate(() => window.CidConsent.set({ analytics: true, marketing: false, partners: false }));
  await page.locator('cid-consent-declaration [part="consent-id"]').waitFor();
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  await page.close();
}
await browser.close();
demo.close();
console.log(`Screenshots written to ${out}/`);
