// Finds the Chromium the browser suites drive, installing Debian's package when none is found.
// Debian's chromium is the only browser that works on these machines (Playwright's own download is blocked).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

function canApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** The path of a Chromium binary; installs Debian's package with apt-get when missing and allowed. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!canApt()) {
    throw new Error(
      'Chromium was not found and cannot be installed here. Install it (Debian: apt-get install chromium) ' +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  console.log('Chromium not found: installing Debian package "chromium" with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('apt-get finished but no Chromium binary was found.');
  return installed;
}

/** Flags Chromium needs on these machines: root without sandbox, no GPU, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
