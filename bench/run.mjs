// `npm run bench` [-- bundle render network] [--runs=N]: builds the package into bench/.out/lib, installs the
// compared packages into bench/compare/node_modules when needed, runs the sections, prints their tables and,
// when every section ran, writes them to bench/RESULTS.md with the machine and the date.
// Not part of `npm test`: the figures depend on the machine (and on what else runs on it).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSection } from './bundle.mjs';
import { BENCH, LIB, ROOT, buildLibrary, ensureCompareDeps, installedVersion, kB, log, machine, table } from './lib.mjs';
import { networkMarkdown, networkSection } from './network.mjs';
import { renderMarkdown, renderSection } from './render.mjs';

const ALL = ['bundle', 'render', 'network'];
const args = process.argv.slice(2);
const runsArg = args.find((arg) => arg.startsWith('--runs='));
const runs = Number(runsArg?.slice('--runs='.length) ?? process.env.BENCH_RUNS ?? 15);
if (!Number.isInteger(runs) || runs < 10) {
  console.error('--runs must be a whole number ≥ 10 (medians of fewer runs say little on a shared machine).');
  process.exit(1);
}
const unknown = args.filter((arg) => !arg.startsWith('--') && !ALL.includes(arg));
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${ALL.join(', ')}.`);
  process.exit(1);
}
const chosen = args.filter((arg) => ALL.includes(arg));
const sections = chosen.length ? chosen : ALL;
const startMachine = machine();

buildLibrary();
ensureCompareDeps();

/** size-limit's own verdicts on the same build (the budgets CI enforces with `npm run size`). */
function sizeLimitResults() {
  const result = spawnSync('npx', ['size-limit', '--json'], {
    cwd: ROOT,
    env: { ...process.env, SIZE_LIMIT_DIST: LIB },
    encoding: 'utf8',
  });
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`size-limit --json printed no JSON:\n${result.stdout}\n${result.stderr}`);
  }
}

const out = {};
if (sections.includes('bundle')) {
  out.sizeLimit = sizeLimitResults();
  out.bundle = await bundleSection();
}
if (sections.includes('render')) out.render = await renderSection({ runs });
if (sections.includes('network')) out.network = await networkSection();

const chromium = out.render?.chromiumVersion ?? out.network?.chromiumVersion;
const env = { ...startMachine, chromium: chromium ?? 'not used' };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const parts = [];
parts.push(
  '# Benchmarks',
  '',
  `Measured ${env.date} by \`npm run bench\` (written by bench/run.mjs; edit the code, not this file).`,
  '',
  table(
    ['machine', ''],
    [
      ['CPU', `${env.cpu}, nproc ${env.nproc} (shared with other work: expect noise)`],
      ['memory', env.memory],
      ['load average at start → end (1, 5, 15 min)', `${env.loadavg} → ${machine().loadavg}`],
      ['Node', env.node],
      ['Chromium (headless, Debian)', env.chromium],
      ['react-payment-sessions', `${pkg.version} (this tree, built into bench/.out/lib)`],
      ['React', `${installedVersion('react')} (production builds)`],
      ['vite / esbuild', `${installedVersion('vite', true)} / ${out.bundle?.esbuildVersion ?? installedVersion('esbuild')}`],
    ],
  ),
  '',
  'Commands: `npm run bench` (all three sections; `npm run bench -- bundle`, `-- render`, `-- network` for one,',
  `\`--runs=N\` for the render runs, here ${runs}); size budgets: \`npm run build && npm run size\`.`,
  '',
);

if (out.bundle) {
  const budgets = out.sizeLimit.map((check) => [
    check.name,
    kB(check.size),
    check.sizeLimit === undefined ? 'reported only' : kB(check.sizeLimit),
    check.sizeLimit === undefined ? '' : check.passed ? 'within' : `**over by ${kB(check.size - check.sizeLimit)} kB**`,
  ]);
  parts.push(
    '## 1. Bundle: what a host adds',
    '',
    'Each row is a tiny entry importing what a host would import, bundled with esbuild (minified, ESM, code',
    'splitting on, `process.env.NODE_ENV` = production), React and react-dom external, every other dependency',
    'bundled; then each output file gzipped (level 9) and summed. "JS" is what loads before anything renders',
    '(the entry and its static imports); dynamic `import()`s are counted apart as lazy. CSS is the bundled',
    '(minified) stylesheet the entry imports. The alternatives are installed from bench/compare/package-lock.json.',
    '',
    out.bundle.markdown,
    '',
    'The budgets CI checks (`npm run size`, size-limit 12.1.0 with @size-limit/preset-small-lib: one esbuild',
    'bundle per entry, dynamic imports kept out, gzip; styles.css as shipped, not minified), on the same build:',
    '',
    table(['size-limit check', 'size kB', 'budget kB', ''], budgets, ['l', 'r', 'r', 'l']),
    '',
    "Issue 6 asks `./headless` for at most 15 kB. Measured as a host's bundler sees it (named imports, tree-shaken),",
    "that holds for the list hooks over the host's own fetcher (the first check). It cannot hold once an adapter and",
    'the CSV export come in (the second check): swr, valibot and date-fns/tz alone are about 10 kB of it, per the table',
    'above. Those two lines are ratchets just above their sizes, not targets.',
    '',
  );
}

if (out.render) {
  const r = renderMarkdown(out.render);
  const verdict = r.verdicts
    .map((v) => `${v.n.toLocaleString('en-US')} rows: mount ${v.mount ? 'met' : '**not met**'}, update ${v.update ? 'met' : '**not met**'}`)
    .join('; ');
  parts.push(
    '## 2. Rendering in headless Chromium',
    '',
    `Median of ${out.render.runs} runs (after ${out.render.warmups} warm-up runs) per cell, SessionList and`,
    `@mui/x-data-grid ${out.render.gridVersion} (DataGrid, MIT) alternating run by run, one page, 1280×900 viewport,`,
    'both in a 1200 px wide box 600 px high. Same sessions (makeSessions, seed 7), same six columns (id, customer,',
    'status, amount, refunded, created), same Intl formatters. Chromium runs with scripts/chromium.mjs\'s flags plus',
    '`--js-flags=--expose-gc`: the page collects garbage before each timed step.',
    '',
    '- **mount**: from `root.render()` (inside `flushSync`) until the first row of the data is in the DOM, then a',
    '  forced layout. SessionList gets the rows as `fallbackData` (nothing is fetched) in a PaymentSessionsProvider',
    '  with a fetcher that resolves at once; above 100 rows it virtualizes (its lazy chunk is loaded by the warm-up).',
    '  A query asks for at most 1 000 rows, so the 10 000-row case is a page holding more, as a custom fetcher may return.',
    '- **update**: the same rows in reverse order ("sorted the other way"), until the new first row is shown and laid',
    "  out: for SessionList through the hook's `mutate(page, { revalidate: false })` (the SWR cache, as a host would),",
    '  for the DataGrid a new `rows` prop.',
    '- **DOM rows**: data rows in the DOM after mounting. The MIT DataGrid always paginates at ≤ 100 rows a page (its',
    '  own limit) and virtualizes that page; SessionList shows the whole page, virtualized above `virtualizeAbove` (100).',
    '',
    r.markdown,
    '',
    `Ranges (min–max ms): ${r.spread.join('; ')}.`,
    '',
    `Target (issue 6): our median ≤ half the DataGrid's at every size — ${verdict}.`,
    '',
    ...(r.verdicts.some((v) => v.close)
      ? [
          `A ratio within 0.1 of 0.5 (${r.verdicts
            .filter((v) => v.close)
            .map((v) => `${v.n.toLocaleString('en-US')} rows`)
            .join(', ')}) is one run's verdict on a shared machine and can flip between runs: rerun before concluding.`,
          '',
        ]
      : []),
    out.render.errors.length ? `**Page errors during the run** (figures suspect): ${out.render.errors.slice(0, 5).join(' | ')}\n` : 'No page errors during the run.\n',
  );
}

if (out.network) {
  const n = networkMarkdown(out.network);
  parts.push(
    '## 3. Network: a scripted session in the demo portal',
    '',
    `The demo portal (demo/server.mjs, its page built from bench/.out/lib into bench/.out/demo) with the embedded fake`,
    `Truemed API answering after ${out.network.latencyMs} ms, behind the portal's proxy; Debian Chromium, signed in by`,
    'cookie. Each step lasts until 2.5 s pass without a request, so the idle-time prefetch of the next page is',
    'counted in the step that caused it. "Minimum": one request per page a step shows for the first time, plus',
    'the export\'s pages at the largest page size (100); no prefetching.',
    '',
    n.markdown,
    '',
    `First row of a cold load (fresh browser context, localhost, ${out.network.latencyMs} ms upstream): ${n.firstRowMedian} ms median, ${n.firstRowRange} over ${out.network.timings.length} loads.`,
    '',
  );
}

const text = `${parts.join('\n')}\n`;
console.log(text);
if (sections.length === ALL.length) {
  writeFileSync(join(BENCH, 'RESULTS.md'), text);
  log('wrote bench/RESULTS.md');
} else {
  log('only some sections ran: bench/RESULTS.md left as it was');
}
