// Section 3 — network: a scripted session in the demo portal against its proxy and the embedded fake Truemed
// API with 100 ms of upstream latency. Counts the requests to /api/truemed/ per step beside the fewest the
// step could make, and times the first row of a cold page load.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { LIB, OUT, ROOT, log, median, run, table } from './lib.mjs';

const LATENCY_MS = 100;
const SEARCH = 'example.com';
const STATUS_LABEL = 'Captured';
/** The proxy's (and Truemed's) largest page: what an export asks for. */
const MAX_PAGE_SIZE = 100;

/** The demo page, built as demo/vite.config.ts builds it but from bench/.out/lib and into bench/.out/demo. */
async function buildDemoPage() {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const outDir = join(OUT, 'demo');
  log('building the demo portal page with vite into bench/.out/demo…');
  await build({
    configFile: false,
    root: join(ROOT, 'demo'),
    logLevel: 'error',
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^react-payment-sessions\/styles\.css$/, replacement: join(LIB, 'styles.css') },
        { find: /^react-payment-sessions\/testing$/, replacement: join(LIB, 'testing.js') },
        { find: /^react-payment-sessions\/headless$/, replacement: join(LIB, 'headless.js') },
        { find: /^react-payment-sessions$/, replacement: join(LIB, 'index.js') },
      ],
    },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      rolldownOptions: { onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)) },
    },
  });
  return outDir;
}

/** The demo's server imports the package's server and testing entries by name, i.e. from dist/. */
function ensureDistForServer() {
  if (existsSync(join(ROOT, 'dist/server.js')) && existsSync(join(ROOT, 'dist/testing.js'))) return;
  log('dist/ is missing: npm run build (the demo server imports react-payment-sessions/server from it)…');
  run('npm', ['run', '--silent', 'build']);
}

const DATA_ROW = '.rps-session-list__row:not(.rps-session-list__skeleton-row)';

/** Records, in the page, when the first data row appears (ms since navigation start). */
function firstRowProbe(selector) {
  const mark = () => {
    if (window.__firstRowAt === undefined && document.querySelector(selector)) window.__firstRowAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
}

async function newSignedInPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const login = await context.request.post(`${url}/api/login`);
  if (!login.ok()) throw new Error(`demo sign-in failed: ${login.status()}`);
  const page = await context.newPage();
  await page.addInitScript(firstRowProbe, DATA_ROW);
  return { context, page };
}

/** One cold load: ms from navigation start to the first row, and when the list request ran. */
async function timeToFirstRow(browser, url) {
  const { context, page } = await newSignedInPage(browser, url);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRowAt !== undefined, undefined, { timeout: 30_000 });
    return await page.evaluate(() => {
      const list = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/truemed/'));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        firstRow: window.__firstRowAt,
        domContentLoaded: nav?.domContentLoadedEventEnd,
        listStart: list?.startTime,
        listEnd: list?.responseEnd,
      };
    });
  } finally {
    await context.close();
  }
}

/** Waits until no request to /api/truemed/ is in flight and none started for `quietMs`. */
async function settle(tracker, quietMs = 2500, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const idleFor = Date.now() - tracker.lastActivity;
    if (tracker.inFlight === 0 && idleFor >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the portal did not settle');
    await new Promise((done) => setTimeout(done, 100));
  }
}

const paramsOf = (url) => {
  const params = new URL(url).searchParams;
  const parts = [`page=${params.get('page') ?? '?'}`, `page_size=${params.get('page_size') ?? '?'}`];
  for (const name of ['search', 'status']) if (params.has(name)) parts.push(`${name}=${params.get(name)}`);
  return parts.join(' ');
};

/** Which list page a request or a view is: filter and page (the page size is the list's, 30, throughout). */
const viewKey = (params) => `${params.get('search') ?? ''}|${params.get('status') ?? ''}|${params.get('page') ?? '1'}`;

async function scriptedSession(browser, url) {
  const { context, page } = await newSignedInPage(browser, url);
  const tracker = { inFlight: 0, lastActivity: Date.now(), step: 'open', requests: [] };
  page.on('request', (request) => {
    if (!request.url().includes('/api/truemed/')) return;
    tracker.inFlight += 1;
    tracker.lastActivity = Date.now();
    const params = new URL(request.url()).searchParams;
    tracker.requests.push({ step: tracker.step, params: paramsOf(request.url()), key: viewKey(params), pageSize: Number(params.get('page_size')) });
  });
  const done = (request) => {
    if (!request.url().includes('/api/truemed/')) return;
    tracker.inFlight -= 1;
    tracker.lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  const firstRowId = () => page.locator(`${DATA_ROW} .rps-session-list__id`).first().textContent();
  const waitForNewRows = async (before) => {
    await page.waitForFunction(
      ([selector, previous]) => {
        const id = document.querySelector(`${selector} .rps-session-list__id`)?.textContent;
        return id !== undefined && id !== previous && !document.querySelector('.rps-session-list[data-stale]');
      },
      [DATA_ROW, before],
      { timeout: 20_000 },
    );
  };
  const steps = [];
  const step = async (name, minimum, action) => {
    tracker.step = name;
    // A user who pauses: the step lasts until 2.5 s pass without a request, so the next-page prefetch (run when
    // the browser is idle, or after requestIdleCallback's 2 s timeout) belongs to the step that caused it.
    tracker.lastActivity = Date.now();
    await action();
    await settle(tracker);
    // The view the step ends on: the filters and page in the URL (the portal keeps them there).
    steps.push({ name, minimum, shown: viewKey(new URL(page.url()).searchParams) });
  };

  try {
    await step('open the portal (page 1)', 1, async () => {
      await page.goto(url);
      await page.locator(DATA_ROW).first().waitFor({ timeout: 30_000 });
    });
    let before = await firstRowId();
    await step('next (page 2)', 1, async () => {
      await page.getByRole('button', { name: 'Next page' }).click();
      await waitForNewRows(before);
    });
    before = await firstRowId();
    await step('next (page 3)', 1, async () => {
      await page.getByRole('button', { name: 'Next page' }).click();
      await waitForNewRows(before);
    });
    before = await firstRowId();
    await step('back (browser Back: page 2 again)', 0, async () => {
      await page.goBack();
      await waitForNewRows(before);
    });
    before = await firstRowId();
    await step(`type a search ("${SEARCH}", 60 ms a key)`, 1, async () => {
      await page.getByRole('searchbox').click();
      await page.keyboard.type(SEARCH, { delay: 60 });
      await waitForNewRows(before);
    });
    await step(`change status (tick "${STATUS_LABEL}")`, 1, async () => {
      await page.getByRole('checkbox', { name: STATUS_LABEL, exact: true }).check();
      await page.waitForFunction(
        () =>
          new URLSearchParams(location.search).has('status') &&
          document.querySelector('.rps-session-list[data-loading-state="idle"]:not([data-stale])') !== null,
        undefined,
        { timeout: 20_000 },
      );
    });
    const matching = await page.evaluate(() => document.querySelectorAll('.rps-session-list__row').length);
    await step('open the first session’s detail', 0, async () => {
      await page.locator(`${DATA_ROW} .rps-session-list__trigger`).first().click();
      await page.getByRole('dialog').waitFor();
    });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const total = await page.evaluate(() => {
      // The pagination shows the filter's total ("1–30 of 45").
      const text = document.querySelector('.rps-pagination')?.textContent ?? '';
      const match = /[\d,]+\s*–\s*[\d,]+\s+of\s+([\d,]+)/.exec(text);
      return match ? Number(match[1].replace(/,/g, '')) : undefined;
    });
    const exportPages = Math.max(1, Math.ceil((total ?? matching) / MAX_PAGE_SIZE));
    await step('export CSV (every page of the filter)', exportPages, async () => {
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await page.getByText(/rows exported/).waitFor({ timeout: 30_000 });
    });
    return { steps, requests: tracker.requests, filteredTotal: total ?? matching };
  } finally {
    await context.close();
  }
}

export async function networkSection({ loads = 7 } = {}) {
  const staticDir = await buildDemoPage();
  ensureDistForServer();
  const { startDemoServer } = await import('../demo/server.mjs');
  const demo = await startDemoServer({ port: 0, latencyMs: LATENCY_MS, staticDir, quiet: true });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    log(`network: ${loads} cold loads for the time to first row, then the scripted session…`);
    const timings = [];
    for (let i = 0; i < loads; i += 1) timings.push(await timeToFirstRow(browser, demo.url));
    const session = await scriptedSession(browser, demo.url);
    return { timings, session, chromiumVersion: browser.version(), latencyMs: LATENCY_MS };
  } finally {
    await browser.close();
    await demo.close();
  }
}

/** Each request: shown in its own step, a prefetch of the next page (used by a later step, or never), or the export. */
function classify(steps, requests) {
  return requests.map((request) => {
    const at = steps.findIndex((step) => step.name === request.step);
    if (request.pageSize === MAX_PAGE_SIZE && request.step.startsWith('export')) return { ...request, role: 'export' };
    if (steps[at]?.shown === request.key) return { ...request, role: 'shown' };
    const usedLater = steps.slice(at + 1).some((step) => step.shown === request.key);
    return { ...request, role: usedLater ? 'prefetch, used later' : 'prefetch, never shown' };
  });
}

export function networkMarkdown(result) {
  const { steps } = result.session;
  const requests = classify(steps, result.session.requests);
  let minimum = 0;
  const rows = steps.map(({ name, minimum: least }) => {
    const own = requests.filter((request) => request.step === name);
    minimum += least;
    return [name, own.length, least, own.map((request) => `${request.params} (${request.role})`).join('; ') || '–'];
  });
  const made = requests.length;
  const unused = requests.filter((request) => request.role === 'prefetch, never shown').length;
  rows.push(['**whole session**', `**${made}**`, `**${minimum}**`, `${unused} of the ${made} were prefetches never shown`]);
  const sessionTable = table(['step', 'requests to /api/truemed/', 'minimum', 'what was asked: page, page_size, search, status (role)'], rows, [
    'l',
    'r',
    'r',
    'l',
  ]);
  const t = result.timings;
  const ms = (values) => median(values.filter((v) => v !== undefined)).toFixed(0);
  const timingTable = table(
    ['cold load, median of ' + t.length, 'ms since navigation start'],
    [
      ['DOMContentLoaded', ms(t.map((x) => x.domContentLoaded))],
      ['list request sent (sign-in check runs alongside)', ms(t.map((x) => x.listStart))],
      ['list response received', ms(t.map((x) => x.listEnd))],
      ['**first row in the DOM**', `**${ms(t.map((x) => x.firstRow))}**`],
    ],
    ['l', 'r'],
  );
  const range = `${Math.min(...t.map((x) => x.firstRow)).toFixed(0)}–${Math.max(...t.map((x) => x.firstRow)).toFixed(0)} ms`;
  return { markdown: `${sessionTable}\n\n${timingTable}`, made, minimum, unused, firstRowRange: range, firstRowMedian: Number(ms(t.map((x) => x.firstRow))) };
}
