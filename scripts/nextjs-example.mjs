// examples/nextjs as a user gets it: the library packed to a tarball, the example installed from its
// lockfile plus that tarball, built with `next build`, served with `next start` on 127.0.0.1.
//   node scripts/nextjs-example.mjs prepare   pack + install + build (npm test runs this after the build)
//   node scripts/nextjs-example.mjs lock      pack + `npm install`: refreshes the example's lockfile after the
//                                             library's dependencies change (npm ci would find it out of sync)
//   node scripts/nextjs-example.mjs           prepare, then serve it over the fake Truemed API (Ctrl-C stops)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const EXAMPLE_DIR = join(ROOT, 'examples/nextjs');
const VENDOR = join(EXAMPLE_DIR, 'vendor');
const TARBALL = 'react-payment-sessions.tgz';
const LIBRARY_ENTRY = 'node_modules/react-payment-sessions';
const NEXT_BIN = join(EXAMPLE_DIR, 'node_modules/next/dist/bin/next');
const NEXT_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function step(label, command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${label} failed (${command} ${args.join(' ')})`);
  return Math.round(performance.now() - started);
}

/**
 * The lockfile pins every registry package, but not the tarball's checksum: the tarball is rebuilt from the
 * working tree on each run, so its integrity would never match (npm ci fails with EINTEGRITY).
 * `npm install` in the example writes the checksum back; this removes it again.
 */
function unpinTarballIntegrity() {
  const lockPath = join(EXAMPLE_DIR, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const entry = lock.packages?.[LIBRARY_ENTRY];
  if (!entry) throw new Error(`examples/nextjs/package-lock.json has no ${LIBRARY_ENTRY}`);
  if (entry.integrity === undefined) return;
  delete entry.integrity;
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}

function packLibrary() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is not built: run "npm run build" first.');
  rmSync(VENDOR, { recursive: true, force: true });
  mkdirSync(VENDOR, { recursive: true });
  const packMs = step('npm pack', 'npm', ['pack', '--silent', '--pack-destination', VENDOR], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const packed = readdirSync(VENDOR).find((name) => name.endsWith('.tgz'));
  renameSync(join(VENDOR, packed), join(VENDOR, TARBALL));
  return packMs;
}

/** Re-resolves the example's lockfile against a fresh tarball (the registry packages keep their pins). */
export function refreshExampleLock() {
  packLibrary();
  step('npm install (examples/nextjs)', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: EXAMPLE_DIR });
  unpinTarballIntegrity();
}

/**
 * Packs the built library (dist/ must exist), installs the example with `npm ci`, runs `next build`.
 * @returns {{ packMs: number, installMs: number, buildMs: number }}
 */
export function prepareNextExample() {
  const packMs = packLibrary();
  unpinTarballIntegrity();
  const installMs = step('npm ci (examples/nextjs)', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: EXAMPLE_DIR });
  const buildMs = step('next build (examples/nextjs)', process.execPath, [NEXT_BIN, 'build'], { cwd: EXAMPLE_DIR, env: NEXT_ENV, stdio: ['ignore', 'ignore', 'inherit'] });
  return { packMs, installMs, buildMs };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * `next start` on 127.0.0.1 and a free port, with the Truemed key and upstream in its environment.
 * @param {{ apiKey: string, truemedBaseUrl: string }} options
 * @returns {Promise<{ url: string, output: () => string, close(): Promise<void> }>}
 */
export async function startNextExample({ apiKey, truemedBaseUrl }) {
  if (!existsSync(join(EXAMPLE_DIR, '.next/BUILD_ID'))) {
    throw new Error('examples/nextjs is not built: run "node scripts/nextjs-example.mjs prepare" (npm test does).');
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: EXAMPLE_DIR,
    env: { ...NEXT_ENV, TRUEMED_API_KEY: apiKey, TRUEMED_BASE_URL: truemedBaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`next start did not answer on ${url} within 30 s:\n${log}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return { url, output: () => log, close };
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'lock') {
  refreshExampleLock();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const timings = prepareNextExample();
  console.warn(`examples/nextjs: pack ${timings.packMs} ms, npm ci ${timings.installMs} ms, next build ${timings.buildMs} ms`);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  writeFileSync(join(ROOT, 'reports/nextjs-example-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  if (process.argv[2] !== 'prepare') {
    const { createFakeTruemedApi } = await import('react-payment-sessions/testing');
    const apiKey = `example_${randomBytes(16).toString('hex')}`;
    const upstream = await createFakeTruemedApi({ apiKey, latencyMs: 100 }).listen();
    const next = await startNextExample({ apiKey, truemedBaseUrl: upstream.url });
    console.warn(`examples/nextjs on ${next.url} (upstream: the fake Truemed API on ${upstream.url})`);
    process.once('SIGINT', async () => {
      await next.close();
      await upstream.close();
    });
  }
}
