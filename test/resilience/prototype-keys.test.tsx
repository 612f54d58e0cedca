/**
 * Backend text that names an `Object.prototype` member — `__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`, `valueOf` — as a session's kind, type, status or status summary, or a refund's or
 * dispute's status or reason, through both adapters into SessionList, SessionDetail, RefundSummary and the
 * CSV. A lookup table read with `table[text]` finds the prototype's member instead of nothing: React threw
 * "Objects are not valid as a React child", and the status badge and CSV cell went blank. Now nothing
 * crashes, and the badge, the kind cell and the CSV show the raw text.
 */
import { act, cleanup, render, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsProvider,
  RefundSummary,
  SessionList,
  createOneEntryFetcher,
  createTruemedFetcher,
  preloadSessionDetail,
  sessionCsvColumns,
  toCsv,
  type SessionFetcher,
  type SessionPage,
} from 'react-payment-sessions';
import { oneEntryRecord, truemedBody, truemedRecord } from '../adapters/helpers';
import { domProblems, listRoot, openDetail, shownIds } from './harness';

beforeAll(() => preloadSessionDetail());
afterEach(() => cleanup());

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
/** The keys as sent, and as the case-folding lookups see them after `trim().toLowerCase()`. */
const protoText = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => ` ${key.toUpperCase()} `),
);
const maybeProto = fc.option(protoText, { nil: undefined, freq: 2 });

/** Which field of which record carries the prototype-named text (others keep a normal value). */
const truemedCase = fc.record({
  kind: maybeProto,
  status: protoText,
  statusSummary: maybeProto,
  refundStatus: maybeProto,
  refundReason: maybeProto,
  disputeStatus: maybeProto,
});

type TruemedCase = { kind?: string; status: string; statusSummary?: string; refundStatus?: string; refundReason?: string; disputeStatus?: string };

function truemedFetcherFor(c: TruemedCase): SessionFetcher {
  const record = truemedRecord({
    id: 'ps_proto0000000000001',
    kind: c.kind ?? 'one_time_payment',
    status: c.status,
    // `Incomplete` says nothing about the money, so `status` decides.
    status_summary: c.statusSummary ?? 'Incomplete',
    refunds: [{ id: 're_1', amount: 500, status: c.refundStatus ?? 'succeeded', reason: c.refundReason ?? 'customer_request', created_on: '2026-03-02T10:00:00Z' }],
    disputes: [{ id: 'dp_1', amount: 100, status: c.disputeStatus ?? 'open', reason: c.refundReason ?? 'fraudulent', created_on: '2026-03-03T10:00:00Z' }],
  });
  return createTruemedFetcher({ baseUrl: '/api/truemed', fetch: async () => Response.json(truemedBody([record])) });
}

/** What a badge or cell may show for a prototype-named value: the text itself, never blank or junk. */
function expectShowsRaw(element: Element | null, raw: string): void {
  expect(element, 'element missing').not.toBeNull();
  expect(element?.textContent ?? '').toContain(raw.trim());
}

async function checkThroughComponents(fetcher: SessionFetcher, expected: { status: string; kind?: string }) {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const page = await renderWithKindColumn(fetcher);
    expect(page.sessions).toHaveLength(1);
    const session = page.sessions[0]!;
    // The model: a status from the model's list, the raw text kept.
    expect(typeof session.status).toBe('string');
    expect(session.status).toBe('unknown');
    expect(session.rawStatus.trim()).toBe(expected.status);
    if (expected.kind !== undefined) expect(session.kind?.trim()).toBe(expected.kind);

    expect(shownIds()).toEqual([session.id]);
    expect(listRoot()).toHaveAttribute('data-state', 'ready');
    const badge = listRoot().querySelector('tbody .rps-status-badge');
    expectShowsRaw(badge, expected.status);
    if (expected.kind !== undefined) expectShowsRaw(listRoot().querySelector('tbody'), expected.kind);
    expect(domProblems(document.body)).toEqual([]);

    expect(await openDetail(0)).toBe(true);
    const dialog = document.querySelector('[role="dialog"]') as HTMLElement;
    expectShowsRaw(within(dialog).getAllByText((_, node) => node?.classList.contains('rps-status-badge') ?? false)[0] ?? null, expected.status);
    if (expected.kind !== undefined) expectShowsRaw(dialog, expected.kind);
    expect(domProblems(document.body)).toEqual([]);

    const csv = toCsv(page.sessions, { columns: sessionCsvColumns, header: false });
    const cells = csv.trimEnd().split(',');
    expect(cells[1]).toBe('unknown');
    expect(cells[2]?.trim()).toBe(expected.status);
    if (expected.kind !== undefined) expect(cells[3]?.trim()).toBe(expected.kind);
    // React reported nothing (an object as a child, a bad key) along the way.
    expect(consoleError).not.toHaveBeenCalled();
  } finally {
    consoleError.mockRestore();
    cleanup();
  }
  // An own `__proto__` key must not have reached Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** The list (with the kind column) and the summary over `fetcher`; resolves with the page the list shows. */
async function renderWithKindColumn(fetcher: SessionFetcher): Promise<SessionPage> {
  let firstPage: SessionPage | undefined;
  const recorder = Object.assign(
    async (...args: Parameters<SessionFetcher>) => {
      const page = await fetcher(...args);
      firstPage ??= page;
      return page;
    },
    { source: fetcher.source, capabilities: fetcher.capabilities },
  ) satisfies SessionFetcher;
  const cache = new Map();
  render(
    <SWRConfig value={{ provider: () => cache, dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={recorder} locale="en-US" timeZone="UTC" swr={{ shouldRetryOnError: false }}>
        <SessionList columns={['id', 'status', 'kind', 'amount', 'created']} />
        <RefundSummary />
      </PaymentSessionsProvider>
    </SWRConfig>,
  );
  await act(async () => {});
  await waitFor(() => expect(listRoot().getAttribute('data-loading-state')).toBe('idle'), { timeout: 2_000 });
  if (!firstPage) throw new Error('the fetcher never answered');
  return firstPage;
}

describe('given prototype-named backend text', () => {
  it('through the Truemed adapter: list, detail, summary and CSV show the raw text', async () => {
    await fc.assert(
      fc.asyncProperty(truemedCase, async (c) => {
        await checkThroughComponents(truemedFetcherFor(c), { status: c.status.trim(), kind: c.kind?.trim() });
      }),
      { numRuns: 40, seed: 11_2026 },
    );
  }, 60_000);

  it('through the OneEntry adapter: type and status as prototype keys', async () => {
    await fc.assert(
      fc.asyncProperty(protoText, maybeProto, async (status, type) => {
        const entity = oneEntryRecord({ status, type: type ?? 'session' });
        const fetcher = createOneEntryFetcher({ getSessions: async () => ({ total: 1, items: [entity] }) });
        await checkThroughComponents(fetcher, { status: status.trim(), kind: type?.trim() });
      }),
      { numRuns: 30, seed: 11_2027 },
    );
  }, 60_000);
});
