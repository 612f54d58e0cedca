// Section 1 — bundle: the minified + gzipped bytes a host adds by importing each entry (React and react-dom
// excluded, every other dependency included), next to the alternatives, all bundled the same way in this run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPARE, LIB, OUT, ROOT, compareRequire, freshDir, gzipBytes, installedVersion, kB, log, table } from './lib.mjs';

/**
 * What a host imports, per row. `dir` is where the entry file lives (bare imports resolve from there):
 * ours next to the build, the alternatives inside bench/compare so they resolve to its node_modules.
 */
function entries() {
  const lib = (file) => JSON.stringify(join(LIB, file));
  const css = `import ${lib('styles.css')};\n`;
  return [
    {
      id: 'ours-main-all',
      label: 'react-payment-sessions `.` (every export) + styles.css',
      dir: 'ours',
      source: `export * from ${lib('index.js')};\n${css}`,
    },
    {
      id: 'ours-main-portal',
      label: 'react-payment-sessions `.` as the demo portal imports it + styles.css',
      note: 'Provider, Workspace, Filters, List, Pagination, RefundSummary, ExportButton, createTruemedFetcher',
      dir: 'ours',
      source:
        `export { PaymentSessionsProvider, SessionWorkspace, SessionFilters, SessionList, Pagination, RefundSummary, ExportButton, createTruemedFetcher } from ${lib('index.js')};\n` +
        css,
    },
    {
      id: 'ours-headless-all',
      label: 'react-payment-sessions `./headless` (every export)',
      dir: 'ours',
      source: `export * from ${lib('headless.js')};\n`,
    },
    {
      id: 'ours-headless-own-fetcher',
      label: "react-payment-sessions `./headless`: a list over the host's own fetcher",
      note: 'PaymentSessionsProvider, usePaymentSessions, useSessionFilters, usePagination, useRefundSummary (no adapter)',
      dir: 'ours',
      source: `export { PaymentSessionsProvider, usePaymentSessions, useSessionFilters, usePagination, useRefundSummary } from ${lib('headless.js')};\n`,
    },
    {
      id: 'ours-headless-list',
      label: 'react-payment-sessions `./headless`: a list with filters and pages',
      note: 'PaymentSessionsProvider, usePaymentSessions, useSessionFilters, usePagination, createTruemedFetcher',
      dir: 'ours',
      source: `export { PaymentSessionsProvider, usePaymentSessions, useSessionFilters, usePagination, createTruemedFetcher } from ${lib('headless.js')};\n`,
    },
    {
      id: 'adyen',
      label: `@adyen/adyen-platform-experience-web ${installedVersion('@adyen/adyen-platform-experience-web')} TransactionsOverview + its CSS`,
      note: `AdyenPlatformExperience + TransactionsOverview; Preact ${installedVersion('preact')} is its runtime and is included`,
      dir: 'compare',
      source:
        "export { AdyenPlatformExperience, TransactionsOverview } from '@adyen/adyen-platform-experience-web';\n" +
        "import '@adyen/adyen-platform-experience-web/adyen-platform-experience-web.css';\n",
    },
    {
      id: 'react-admin',
      label: `react-admin ${installedVersion('react-admin')}: List + Datagrid + filters`,
      note: 'Admin, Resource, List, Datagrid, Text/Number/Date/ChipField, SearchInput, SelectInput, DateInput, fetchUtils',
      dir: 'compare',
      source:
        'export { Admin, Resource, List, Datagrid, TextField, NumberField, DateField, ChipField, SearchInput, SelectInput, DateInput, fetchUtils } ' +
        "from 'react-admin';\n",
    },
    {
      id: 'mui-grid-swr',
      label: `@mui/x-data-grid ${installedVersion('@mui/x-data-grid')} + swr ${installedVersion('swr')}`,
      note: `DataGrid + useSWR; @mui/material ${installedVersion('@mui/material')} and Emotion included`,
      dir: 'compare',
      source: "export { DataGrid } from '@mui/x-data-grid';\nexport { default as useSWR } from 'swr';\n",
    },
  ];
}

const BASE_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: ['react', 'react-dom'],
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  write: true,
  logLevel: 'error',
  // Assets a stylesheet references are separate downloads: emitted, not counted.
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file', '.jpg': 'file' },
};

/** The output files an entry loads before it runs (static imports, transitively) and the ones it may load later. */
function splitOutputs(metafile, entryOutput) {
  const outputs = metafile.outputs;
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (!imported.external && imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entryOutput);
  const lazy = Object.keys(outputs).filter((path) => path.endsWith('.js') && !eager.has(path));
  return { eager: [...eager], lazy, css: outputs[entryOutput]?.cssBundle };
}

async function measure(esbuild, entry) {
  const base = entry.dir === 'ours' ? join(OUT, 'bundle', 'entries') : join(COMPARE, '.entries');
  mkdirSync(base, { recursive: true });
  const file = join(base, `${entry.id}.mjs`);
  writeFileSync(file, entry.source);
  const outdir = freshDir('bundle', entry.id);
  const result = await esbuild.build({ ...BASE_OPTIONS, entryPoints: [file], outdir, splitting: true, absWorkingDir: base });
  // With splitting, every dynamic import target is an entry point too: find ours by its input file.
  const entryOutput = Object.keys(result.metafile.outputs).find(
    (path) => result.metafile.outputs[path].entryPoint && resolve(base, result.metafile.outputs[path].entryPoint) === file,
  );
  const { eager, lazy, css } = splitOutputs(result.metafile, entryOutput);
  const read = (path) => readFileSync(resolve(base, path));
  const sum = (paths, size) => paths.reduce((total, path) => total + size(read(path)), 0);
  return {
    ...entry,
    jsMin: sum(eager, (buffer) => buffer.length),
    jsGz: sum(eager, gzipBytes),
    jsFiles: eager.length,
    lazyGz: sum(lazy, gzipBytes),
    lazyFiles: lazy.length,
    cssGz: css ? gzipBytes(read(css)) : 0,
  };
}

/**
 * Where the gzipped bytes of one of our entries go: the entry bundled as one file (lazy chunks left out,
 * as size-limit measures it), then again with one dependency left out; the difference is what it costs.
 */
async function breakdown(esbuild, entryFile, dependencies) {
  const lazyExternal = {
    name: 'lazy-external',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
    },
  };
  const size = async (external) => {
    const result = await esbuild.build({
      ...BASE_OPTIONS,
      metafile: false,
      write: false,
      entryPoints: [entryFile],
      outdir: join(OUT, 'bundle', 'breakdown'),
      external: [...BASE_OPTIONS.external, ...external],
      plugins: [lazyExternal],
    });
    return gzipBytes(result.outputFiles[0].contents);
  };
  const total = await size([]);
  const rows = [];
  for (const dependency of dependencies) rows.push({ name: dependency, gz: total - (await size([dependency])) });
  const own = await size(dependencies);
  return { total, own, rows };
}

export async function bundleSection() {
  const esbuild = compareRequire('esbuild');
  log(`bundling with esbuild ${esbuild.version}…`);
  const results = [];
  for (const entry of entries()) results.push(await measure(esbuild, entry));

  const rows = results.map((r) => [
    r.label,
    kB(r.jsMin),
    kB(r.jsGz),
    r.cssGz ? kB(r.cssGz) : '–',
    kB(r.jsGz + r.cssGz),
    r.lazyFiles ? `${kB(r.lazyGz)} (${r.lazyFiles} file${r.lazyFiles > 1 ? 's' : ''})` : '–',
  ]);
  const sizes = table(
    ['what a host imports', 'JS min kB', 'JS gz kB', 'CSS gz kB', 'total gz kB', 'lazy JS gz kB (loaded on demand)'],
    rows,
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
  const notes = results.filter((r) => r.note).map((r) => `- ${r.label}: ${r.note}.`);

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const ourDeps = Object.keys(pkg.dependencies ?? {});
  const main = await breakdown(esbuild, join(LIB, 'index.js'), ourDeps);
  const headless = await breakdown(esbuild, join(LIB, 'headless.js'), ourDeps);
  const part = (result, name) => result.rows.find((row) => row.name === name)?.gz ?? 0;
  const where = table(
    ['part of the eager JS (one file, minified, gzip)', '`.` kB', '`./headless` kB'],
    [
      ['whole entry', kB(main.total), kB(headless.total)],
      ['our own code (every dependency left out)', kB(main.own), kB(headless.own)],
      ...ourDeps
        .map((dep) => [dep, part(main, dep), part(headless, dep)])
        .sort((a, b) => b[1] - a[1])
        .map(([dep, a, b]) => [`${dep} (with its own dependencies)`, kB(a), kB(b)]),
    ],
    ['l', 'r', 'r'],
  );

  return {
    esbuildVersion: esbuild.version,
    results,
    markdown: [
      sizes,
      '',
      ...notes,
      '',
      'Where the bytes of our eager entries go: each dependency is how much smaller the entry gets without it (so the',
      'parts do not add up exactly: gzip shares its dictionary). @tanstack/react-virtual is 0: only the lazy chunk loads it.',
      '',
      where,
    ].join('\n'),
  };
}
