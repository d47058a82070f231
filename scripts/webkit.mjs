// Makes sure the WebKit test (test/webkit/, issue #21) can run: Debian's WebKitWebDriver, a virtual X
// server and WebKitGTK's Python bindings, installed with apt-get where missing and we may (as root, on
// Debian), as scripts/chromium.mjs does for Chromium. Missing and not installable: exit 1, so that the
// suite fails rather than being skipped.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = ['webkit2gtk-driver', 'xvfb', 'gir1.2-webkit2-4.1', 'python3-gi'];

/** What is missing, by what it is for. */
function missing() {
  const gaps = [];
  if (!existsSync('/usr/bin/WebKitWebDriver')) gaps.push('WebKitWebDriver');
  if (!existsSync('/usr/bin/xvfb-run')) gaps.push('xvfb-run');
  const python = spawnSync('/usr/bin/python3', ['-c', "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"]);
  if (python.status !== 0) gaps.push('WebKitGTK 4.1 for Python (gi)');
  return gaps;
}

let gaps = missing();
if (gaps.length) {
  if (!existsSync('/etc/debian_version') || process.getuid?.() !== 0) {
    console.error(`The WebKit test needs ${gaps.join(', ')}: install Debian's ${PACKAGES.join(' ')} (as root), then run it again.`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${PACKAGES.join(' ')} for the WebKit test (${gaps.join(', ')} missing)...`);
  const apt = 'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300';
  execSync(`${apt} update -qq && ${apt} install -y -qq ${PACKAGES.join(' ')}`, { stdio: 'inherit', shell: '/bin/bash' });
  gaps = missing();
  if (gaps.length) {
    console.error(`apt-get finished but ${gaps.join(', ')} still missing.`);
    process.exit(1);
  }
}
console.log('WebKitGTK, WebKitWebDriver and Xvfb are there.');
