// Section 2 — rendering in headless Chromium: mount and update time of our SessionList and MUI's DataGrid
// over the same 30, 1 000 and 10 000 sessions, alternating run by run, and the DOM rows each keeps.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { COMPARE, LIB, OUT, installedVersion, log, median, serveStatic, table } from './lib.mjs';

export const SIZES = [30, 1000, 10_000];
const LIBS = ['ours', 'grid'];

/** Builds bench/compare/render with vite into bench/.out/render: production React, our built package. */
async function buildPage() {
  const { build } = await import('vite');
  const outDir = join(OUT, 'render');
  log('building the render page with vite into bench/.out/render…');
  await build({
    configFile: false,
    root: join(COMPARE, 'render'),
    base: './',
    logLevel: 'error',
    mode: 'production',
    resolve: {
      alias: [
        { find: /^react-payment-sessions\/styles\.css$/, replacement: join(LIB, 'styles.css') },
        { find: /^react-payment-sessions\/testing$/, replacement: join(LIB, 'testing.js') },
        { find: /^react-payment-sessions$/, replacement: join(LIB, 'index.js') },
      ],
      // One React for both tables: ours (built in bench/.out/lib) and MUI's (in bench/compare).
      dedupe: ['react', 'react-dom'],
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 5000,
      // MUI and Radix mark their modules "use client", which means nothing in a client-only bundle.
      rolldownOptions: { onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)) },
    },
  });
  return outDir;
}

export async function renderSection({ runs = 15, warmups = 2 } = {}) {
  const dir = await buildPage();
  const server = await serveStatic(dir);
  const executablePath = ensureChromium();
  // --expose-gc: the page collects garbage before each timed step, so a collection left over from the
  // previous run does not land in the next one.
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'], headless: true });
  const chromiumVersion = browser.version();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.bench?.ready === true);
    const samples = {};
    const domRows = {};
    for (const n of SIZES) {
      log(`render: ${n} rows, ${warmups} warm-up + ${runs} timed runs per table…`);
      await page.evaluate((count) => window.bench.prepare(count), n);
      for (const lib of LIBS) samples[`${lib}|${n}`] = { mount: [], update: [] };
      for (let i = 0; i < warmups + runs; i += 1) {
        // Alternate which table goes first, so a slow spell of this shared machine hits both alike.
        const order = i % 2 ? [...LIBS].reverse() : LIBS;
        for (const lib of order) {
          const mount = await page.evaluate(([l, count]) => window.bench.mount(l, count), [lib, n]);
          if (i === 0) domRows[`${lib}|${n}`] = await page.evaluate((l) => window.bench.domRows(l), lib);
          const update = await page.evaluate(([l, count]) => window.bench.update(l, count), [lib, n]);
          await page.evaluate(() => window.bench.unmount());
          if (i >= warmups) {
            samples[`${lib}|${n}`].mount.push(mount);
            samples[`${lib}|${n}`].update.push(update);
          }
        }
      }
    }
    if (errors.length) log(`page errors: ${errors.slice(0, 5).join(' | ')}`);
    return { chromiumVersion, samples, domRows, runs, warmups, errors, gridVersion: installedVersion('@mui/x-data-grid') };
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (value) => value.toFixed(1);

export function renderMarkdown(result) {
  const rows = [];
  const verdicts = [];
  for (const n of SIZES) {
    const ours = result.samples[`ours|${n}`];
    const grid = result.samples[`grid|${n}`];
    const oursMount = median(ours.mount);
    const gridMount = median(grid.mount);
    const oursUpdate = median(ours.update);
    const gridUpdate = median(grid.update);
    rows.push([
      n.toLocaleString('en-US'),
      ms(oursMount),
      ms(gridMount),
      `${(oursMount / gridMount).toFixed(2)}`,
      ms(oursUpdate),
      ms(gridUpdate),
      `${(oursUpdate / gridUpdate).toFixed(2)}`,
      result.domRows[`ours|${n}`],
      result.domRows[`grid|${n}`],
    ]);
    verdicts.push({
      n,
      mount: oursMount <= gridMount / 2,
      update: oursUpdate <= gridUpdate / 2,
      close: [oursMount / gridMount, oursUpdate / gridUpdate].some((ratio) => Math.abs(ratio - 0.5) < 0.1),
    });
  }
  const text = table(
    [
      'rows',
      'SessionList mount ms',
      'DataGrid mount ms',
      'ratio',
      'SessionList update ms',
      'DataGrid update ms',
      'ratio',
      'SessionList DOM rows',
      'DataGrid DOM rows',
    ],
    rows,
    ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const spread = SIZES.map((n) =>
    LIBS.map((lib) => {
      const s = result.samples[`${lib}|${n}`];
      const range = (values) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
      return `${lib === 'ours' ? 'SessionList' : 'DataGrid'} ${n}: mount ${range(s.mount)}, update ${range(s.update)}`;
    }).join('; '),
  );
  return { markdown: text, spread, verdicts };
}
