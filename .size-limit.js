// Size budgets, checked by `npm run size` after `npm run build` (size-limit 12.1.0, @size-limit/preset-small-lib):
// each entry is bundled with esbuild, minified, dependencies included, React/react-dom left out (peers are
// ignored automatically), then gzipped.
//
// A JS config (not .size-limit.json) because the eager budgets must not count the lazy chunks: without
// splitting, esbuild inlines `import('./chunks/VirtualRows-….js')` into the bundle. `eagerOnly` keeps every
// dynamic import external, so a budget measures what a page loads before it renders anything; the lazy chunk
// has its own line, counting only what it adds (its code and @tanstack/react-virtual), not the shared chunks.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built package: dist/ (after `npm run build`), or another build's folder given in SIZE_LIMIT_DIST. */
const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), process.env.SIZE_LIMIT_DIST ?? 'dist');

/** esbuild plugin: dynamic `import()`s stay external (they are fetched later, on demand). */
const lazyImportsExternal = {
  name: 'lazy-imports-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/** esbuild plugin: every other file of dist/ stays external (it is shared with, and counted by, the eager graph). */
const otherDistFilesExternal = (entryGlob) => ({
  name: 'other-dist-files-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = resolve(args.resolveDir, args.path);
      return file.startsWith(`${dist}/`) && !entryGlob.test(file) ? { path: file, external: true } : undefined;
    });
  },
});

const withPlugins =
  (...plugins) =>
  (config) => ({ ...config, plugins: [...(config.plugins ?? []), ...plugins] });

/** What a headless host renders a session list with (its own fetcher, no CSV export). */
const HEADLESS_LIST_HOOKS = 'PaymentSessionsProvider, usePaymentSessions, useSessionFilters, usePagination, useRefundSummary';

export default [
  // `./headless`, measured the way a host's bundler sees it: the named imports, tree-shaken (the build keeps
  // one file per module and `sideEffects` lists only CSS, so unused modules drop out).
  {
    name: "react-payment-sessions/headless: a list with filters, pages and refund totals over the host's own fetcher",
    path: `${dist}/headless.js`,
    import: `{ ${HEADLESS_LIST_HOOKS} }`,
    gzip: true,
    // Issue 6's budget for ./headless.
    limit: '15 kB',
    modifyEsbuildConfig: withPlugins(lazyImportsExternal),
  },
  {
    name: 'react-payment-sessions/headless: the same + useSessionExport + createTruemedFetcher (a headless Truemed host)',
    path: `${dist}/headless.js`,
    import: `{ ${HEADLESS_LIST_HOOKS}, useSessionExport, createTruemedFetcher }`,
    gzip: true,
    // Not the 15 kB of issue 6, which cannot hold here: swr (6.4 kB) and valibot (~2.5 kB) alone are ~9 kB,
    // leaving the rest for hooks, CSV export and response validation. The budget the project set for a
    // headless Truemed host. See bench/RESULTS.md.
    limit: '25.5 kB',
    modifyEsbuildConfig: withPlugins(lazyImportsExternal),
  },
  {
    name: 'react-payment-sessions/headless: every export (both adapters, CSV, every hook)',
    path: `${dist}/headless.js`,
    gzip: true,
    // Ratchet, as above: no host needs both adapters, but the whole entry must not grow unnoticed either.
    // Issue 12 measured 29.36 kB (date ranges through @date-fns/tz's tzOffset alone, not its zoned Date class);
    // the limit sits about 0.6 kB above.
    limit: '30 kB',
    modifyEsbuildConfig: withPlugins(lazyImportsExternal),
  },
  {
    name: 'react-payment-sessions/actions: every export (action rules, the Truemed actions client, useSessionAction)',
    path: `${dist}/actions.js`,
    gzip: true,
    // Opt-in: only a portal with merchant actions loads it. Counts swr and the hooks it shares with
    // ./headless (the provider's context, useRefreshPaymentSessions), which such a portal loads anyway.
    // Issue 13 measured 8.9 kB; the limit sits about 10 % above.
    limit: '9.8 kB',
    modifyEsbuildConfig: withPlugins(lazyImportsExternal),
  },
  {
    name: 'react-payment-sessions (eager JS, deps included, React excluded)',
    path: `${dist}/index.js`,
    gzip: true,
    limit: '45 kB',
    modifyEsbuildConfig: withPlugins(lazyImportsExternal),
  },
  {
    name: 'react-payment-sessions: lazy VirtualRows chunk (pages above virtualizeAbove only)',
    path: `${dist}/components/list/VirtualRows.js`,
    gzip: true,
    // Reported, not budgeted: a 30-row page never loads it.
    modifyEsbuildConfig: withPlugins(otherDistFilesExternal(/\/components\/list\/VirtualRows\.js$/)),
  },
  {
    name: 'react-payment-sessions: lazy SessionDetail dialog chunk (Radix Dialog; fetched after mount, needed on opening)',
    path: `${dist}/components/detail/SessionDetailDialog.js`,
    gzip: true,
    // Reported, not budgeted: it loads after the page has rendered.
    modifyEsbuildConfig: withPlugins(otherDistFilesExternal(/\/components\/detail\/SessionDetailDialog\.js$/)),
  },
  {
    name: 'react-payment-sessions: lazy SessionActions chunk (refund, capture, void, cancel dialogs; fetched only with an actions client)',
    path: `${dist}/components/actions/SessionActions.js`,
    gzip: true,
    // Reported, not budgeted: it loads after the page has rendered, and only where merchants act.
    // Radix Dialog counts here too; a page that also opened the detail dialog shares it.
    modifyEsbuildConfig: withPlugins(otherDistFilesExternal(/\/components\/actions\/SessionActions\.js$/)),
  },
  {
    name: 'react-payment-sessions/styles.css',
    path: `${dist}/styles.css`,
    gzip: true,
    limit: '6 kB',
    // The stylesheet ships as is (hosts import it unchanged): measure the file, do not bundle or minify it.
    disablePlugins: ['@size-limit/esbuild'],
  },
];
