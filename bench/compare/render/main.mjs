// The render benchmark's page (built by bench/render.mjs with vite into bench/.out/render): our SessionList
// and MUI's DataGrid (free version) over the same sessions and the same six columns, timed in the browser.
// Plain createElement (no JSX), so it needs no transform and stays out of the TypeScript project.
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DataGrid } from '@mui/x-data-grid';
import { PaymentSessionsProvider, SessionList, defaultMessages, getFormatters, usePaymentSessions } from 'react-payment-sessions';
import { makeSessions } from 'react-payment-sessions/testing';
import 'react-payment-sessions/styles.css';

const LOCALE = 'en-US';
const TIME_ZONE = 'UTC';
const HEIGHT = 600;
const stage = document.getElementById('stage');
const formatters = getFormatters(LOCALE, TIME_ZONE);

const datasets = new Map();
/** `n` sessions (the same for both tables), and the same rows in reverse (the update: "sort the other way"). */
function dataset(n) {
  let data = datasets.get(n);
  if (!data) {
    const rows = makeSessions({ count: n, seed: 7 });
    data = { rows, reversed: [...rows].reverse() };
    datasets.set(n, data);
  }
  return data;
}

const pageOf = (sessions) => ({ sessions, total: sessions.length, page: 1, pageSize: sessions.length, pageCount: 1 });

// ---- ours: SessionList with its defaults, the page given as fallbackData (nothing is fetched) ----

/** A fetcher that answers at once; a new one per mount, so each mount starts with an empty cache entry. */
function immediateFetcher(page) {
  const fetcher = async () => page;
  fetcher.source = 'bench';
  fetcher.capabilities = { search: false, filters: [] };
  return fetcher;
}

let mutateOurs = null;
/** The same query's hook next to the list: its `mutate` is how the update changes the data (as a host would). */
function MutateBridge({ query, fallbackData }) {
  mutateOurs = usePaymentSessions({ query, fallbackData, prefetchNext: false }).mutate;
  return null;
}

// A query asks for at most MAX_PAGE_SIZE (1 000) rows; the 10 000-row case is a page that holds more
// (as a host's own fetcher may return), given as fallbackData.
const MAX_QUERY_PAGE_SIZE = 1000;

function oursElement(rows) {
  const fallbackData = pageOf(rows);
  const query = { page: 1, pageSize: Math.min(rows.length, MAX_QUERY_PAGE_SIZE) };
  return h(
    PaymentSessionsProvider,
    { fetcher: immediateFetcher(fallbackData), locale: LOCALE, timeZone: TIME_ZONE },
    h(SessionList, { query, fallbackData, maxHeight: HEIGHT }),
    h(MutateBridge, { query, fallbackData }),
  );
}

// ---- MUI X DataGrid (MIT): the same columns, the same formatters ----

const GLYPHS = { captured: '✓', refunded: '↺', partially_refunded: '↺', disputed: '!', rejected: '!' };
const columns = [
  { field: 'id', headerName: defaultMessages.columnId, width: 230 },
  {
    field: 'customer',
    headerName: defaultMessages.columnCustomer,
    width: 260,
    valueGetter: (_value, row) => row.customer?.name ?? row.customer?.email ?? '',
    renderCell: ({ row }) =>
      h('span', null, h('span', null, row.customer?.name ?? ''), ' ', h('span', { style: { opacity: 0.7 } }, row.customer?.email ?? '')),
  },
  {
    field: 'status',
    headerName: defaultMessages.columnStatus,
    width: 170,
    renderCell: ({ row }) =>
      h('span', { 'data-status': row.status }, h('span', { 'aria-hidden': 'true' }, GLYPHS[row.status] ?? '•'), defaultMessages.status[row.status]),
  },
  { field: 'amount', headerName: defaultMessages.columnAmount, width: 130, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => formatters.money(row.amount) },
  {
    field: 'refunded',
    headerName: defaultMessages.columnRefunded,
    width: 130,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_v, row) => formatters.money(row.refundedAmount),
  },
  {
    field: 'created',
    headerName: defaultMessages.columnCreated,
    width: 200,
    renderCell: ({ row }) => h('time', { dateTime: row.createdAt }, formatters.dateTime(row.createdAt)),
  },
];
// The MIT DataGrid always paginates, at most 100 rows a page (its own limit); it still takes all rows.
const gridInitialState = { pagination: { paginationModel: { page: 0, pageSize: 100 } } };

function gridElement(rows) {
  return h(
    'div',
    { style: { height: HEIGHT, width: '100%' } },
    h(DataGrid, { rows, columns, initialState: gridInitialState, pageSizeOptions: [100], disableRowSelectionOnClick: true }),
  );
}

// ---- timing ----

/** The id in the first row the table shows, once its rows are the real ones (not a placeholder). */
function firstRowId(lib, n) {
  if (lib === 'grid') return stage.querySelector('.MuiDataGrid-row[data-rowindex="0"]')?.getAttribute('data-id') ?? null;
  // Above virtualizeAbove (100) the virtualized body must be there, not the first rows rendered while its chunk loads.
  if (n > 100 && !stage.querySelector('tbody[data-virtualized]')) return null;
  return stage.querySelector('.rps-session-list__row .rps-session-list__id')?.textContent ?? null;
}

/** Resolves once `check()` holds, looking after every DOM change (a microtask after it, not a frame). */
function until(check, what) {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(stage, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, 30_000);
  });
}

let root = null;
let container = null;
function unmount() {
  root?.unmount();
  container?.remove();
  root = null;
  container = null;
  mutateOurs = null;
}

/** ms from render() until the first rows are in the DOM and laid out. */
async function mount(lib, n) {
  unmount();
  const { rows } = dataset(n);
  window.gc?.();
  container = document.createElement('div');
  stage.append(container);
  root = createRoot(container);
  const start = performance.now();
  flushSync(() => root.render(lib === 'ours' ? oursElement(rows) : gridElement(rows)));
  await until(() => firstRowId(lib, n) === rows[0].id, `${lib} to show ${n} rows`);
  void container.offsetHeight; // style and layout of what was rendered
  return performance.now() - start;
}

/** ms from handing the table the reversed rows until its first row shows the new first session, laid out. */
async function update(lib, n) {
  const { reversed } = dataset(n);
  window.gc?.();
  const start = performance.now();
  if (lib === 'ours') void mutateOurs(pageOf(reversed), { revalidate: false });
  else flushSync(() => root.render(gridElement(reversed)));
  await until(() => firstRowId(lib, n) === reversed[0].id, `${lib} to show the reversed rows`);
  void container.offsetHeight;
  const elapsed = performance.now() - start;
  return elapsed;
}

/** Rows in the DOM (data rows only: no header, no spacers, no skeletons). */
function domRows(lib) {
  return lib === 'grid'
    ? stage.querySelectorAll('.MuiDataGrid-row').length
    : stage.querySelectorAll('tr.rps-session-list__row:not(.rps-session-list__skeleton-row)').length;
}

window.bench = { mount, update, unmount, domRows, prepare: (n) => void dataset(n), ready: true };
