// The packed tarball as a host installs it, checked by publint (package.json `exports`, files, formats)
// and @arethetypeswrong/cli (types resolve in every mode an ESM-only package supports: Node 16+ ESM and
// bundlers). Run after `npm run build`; exits non-zero on any problem, printing each tool's findings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'rps-pack-'));
try {
  if (!run('npm', ['pack', '--silent', '--pack-destination', dir])) throw new Error('npm pack failed');
  const tarball = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz')));
  const publint = run('npx', ['--no-install', 'publint', 'run', tarball, '--strict']);
  // esm-only: the package has no `require` condition by design (ESM only, Node >= 20), so attw's node10
  // and CommonJS-require columns do not apply. styles.css is a stylesheet, which has no types to find.
  const attw = run('npx', ['--no-install', 'attw', tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css', '--no-emoji', '--format', 'table-flipped']);
  if (!publint || !attw) {
    console.error(`Package check failed:${publint ? '' : ' publint'}${attw ? '' : ' attw'}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
