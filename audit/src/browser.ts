// The audit's own Chromium finder: the package is published apart from the widget's
// repository, so it cannot import scripts/chromium.mjs. Same order of choice: the
// `--chromium` option, then CHROME_PATH, then the usual install paths. No browser is
// ever downloaded (playwright-core ships none, and our machines cannot fetch one).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags every launch needs: root needs --no-sandbox; background calls would add requests that are not the page's. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** An error whose message is the one-line reason printed before exit 2. */
export class CannotRun extends Error {}

/**
 * The browser executable to use.
 * @param explicit the `--chromium` option
 */
export function findChromium(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new CannotRun(`no browser: --chromium ${explicit} does not exist`);
  }
  if (env.CHROME_PATH) {
    if (existsSync(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new CannotRun(`no browser: CHROME_PATH=${env.CHROME_PATH} does not exist`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new CannotRun('no browser: install Chromium or Chrome, or pass --chromium PATH (or set CHROME_PATH)');
  return found;
}

/** Starts headless Chromium. */
export async function launch(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    throw new CannotRun(`no browser: ${executablePath} did not start (${first})`);
  }
}
