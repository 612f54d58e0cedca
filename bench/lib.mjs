// Shared by the benchmark sections: paths, the on-demand install of the compared packages, the library
// build the benchmarks measure, gzip, medians and Markdown tables.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const BENCH = join(ROOT, 'bench');
/** Everything the benchmarks build or write (gitignored). */
export const OUT = join(BENCH, '.out');
/** The package as the benchmarks measure it: built here, so other work rebuilding dist/ cannot interfere. */
export const LIB = join(OUT, 'lib');
/** The packages compared with, with their own lock: never dependencies of react-payment-sessions. */
export const COMPARE = join(BENCH, 'compare');

export function log(message) {
  console.error(`[bench] ${message}`);
}

/** Runs a command in the repository, output to stderr (stdout is kept for the tables). */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/**
 * Installs bench/compare's packages from its lock (`npm ci`) unless node_modules already matches it.
 * Kept apart from the package's own dependencies: they are only ever installed for a benchmark run.
 */
export function ensureCompareDeps() {
  const lock = join(COMPARE, 'package-lock.json');
  const stamp = join(COMPARE, 'node_modules', '.bench-lock');
  const wanted = readFileSync(lock, 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  log('installing the compared packages into bench/compare/node_modules (npm ci, from bench/compare/package-lock.json)…');
  run('npm', ['ci', '--prefix', COMPARE, '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, wanted);
}

/** A module of bench/compare's dependencies (esbuild comes from there too). */
export function compareRequire(name) {
  return createRequire(join(COMPARE, 'package.json'))(name);
}

/** The version of a package installed in bench/compare (or in the repository with `fromRoot`). */
export function installedVersion(name, fromRoot = false) {
  const base = fromRoot ? ROOT : COMPARE;
  return JSON.parse(readFileSync(join(base, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Inlines relative CSS @imports, exactly as scripts/copy-css.mjs builds dist/styles.css. */
function inlineCss(file, seen = new Set()) {
  if (seen.has(file)) throw new Error(`CSS @import cycle at ${file}`);
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/^@import\s+['"](\.[^'"]+)['"];\s*$/gm, (_line, relative) =>
    inlineCss(join(dirname(file), relative), seen),
  );
}

/** Builds the package (JS as `npm run build` does, and styles.css) into bench/.out/lib. */
export function buildLibrary() {
  log('building react-payment-sessions into bench/.out/lib (vite build, as npm run build)…');
  run('npx', ['vite', 'build', '--outDir', LIB, '--emptyOutDir', '--logLevel', 'warn']);
  writeFileSync(join(LIB, 'styles.css'), inlineCss(join(ROOT, 'src/components/styles.css')));
}

export function gzipBytes(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const kB = (bytes) => (bytes / 1000).toFixed(1);

/** A Markdown table (also readable as plain text on a terminal). */
export function table(headers, rows, align = []) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => (align[column] === 'r' ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (align[column] === 'r' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** What the figures were measured on. */
export function machine() {
  const nproc = (() => {
    try {
      return execFileSync('nproc', { encoding: 'utf8' }).trim();
    } catch {
      return String(cpus().length);
    }
  })();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    loadavg: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    node: process.version,
  };
}

/** Empties a folder under bench/.out and returns its path. */
export function freshDir(...parts) {
  const dir = join(OUT, ...parts);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Files below a folder, recursively. */
export function filesIn(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves a built folder on 127.0.0.1 (a random port) for the browser; `close()` stops it. */
export async function serveStatic(dir) {
  const { createServer } = await import('node:http');
  const { extname, normalize } = await import('node:path');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path || 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
