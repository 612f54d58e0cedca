// `npm test`: every suite (unit + jsdom + browser + e2e), then one summary line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './chromium.mjs';

const results = 'reports/vitest-results.json';
mkdirSync('reports', { recursive: true });
rmSync(results, { force: true });

// Browser suites need Chromium; find or install it before anything starts.
process.env.CHROMIUM_PATH = ensureChromium();

// The react18 project runs the component suites on React 18 (a supported peer), from its own small install.
const react18Kit = resolve('test/react18');
const kitInstall = spawnSync('npm', ['ci', '--prefix', react18Kit, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
if (kitInstall.status !== 0) {
  console.error('Installing React 18 for the react18 test project failed (test/react18), so no suite ran.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
process.env.RPS_REACT18_KIT = react18Kit;

// The end-to-end suite drives the built demo portal: build the package and the demo first.
const build = spawnSync('npm', ['run', '--silent', 'build:demo'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed, so no suite ran.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The Next.js example (its own vitest project) installs the packed tarball and runs `next build`.
try {
  const { prepareNextExample } = await import('./nextjs-example.mjs');
  const timings = prepareNextExample();
  console.log(`examples/nextjs: npm ci ${(timings.installMs / 1000).toFixed(1)} s, next build ${(timings.buildMs / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`Preparing examples/nextjs failed (${error.message}), so no suite ran.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const extraArgs = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...extraArgs],
  { stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A suite that fails to load has no failed tests of its own: count it, so it cannot pass silently.
  const brokenSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
  failed += brokenSuites.length;
} catch (error) {
  console.error(`Could not read the test results (${error.message}).`);
  failed += 1;
}
if (run.status !== 0 && failed === 0) failed = 1; // vitest failed for a reason outside any test.

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
