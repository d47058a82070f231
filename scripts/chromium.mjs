// Finds a Chromium for the tests, installing Debian's when none is found and we may.
// No browser can be downloaded from elsewhere on our machines (see docs/contributors.md), so
// `npx playwright install` is not an option: Debian's package is.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The browser to use: `CHROME_PATH` when set, else the first one found. */
export function findChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
  }
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags every launch needs here: root needs --no-sandbox; the closed network refuses Chromium's background calls. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function install() {
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = process.getuid?.() === 0;
  if (!isDebian || !isRoot) {
    console.error(
      'No Chromium found. Install Chromium or Chrome, or set CHROME_PATH to its executable, then run npm test again.',
    );
    process.exit(1);
  }
  console.log('No Chromium found: installing Debian\'s "chromium" package with apt-get (a few minutes)...');
  const apt = 'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300';
  execSync(`${apt} update -qq && ${apt} install -y -qq chromium`, { stdio: 'inherit', shell: '/bin/bash' });
}

// `node scripts/chromium.mjs`: make sure a browser is there before the tests start.
if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (found) console.log(`Using Chromium at ${found}`);
  else {
    install();
    const installed = findChromium();
    if (!installed) throw new Error('apt-get finished but no Chromium executable was found.');
    console.log(`Using Chromium at ${installed}`);
  }
}
