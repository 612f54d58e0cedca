/**
 * Renders one backend answer the way a host page would — the real fetcher inside a
 * `PaymentSessionsProvider` (fresh SWR cache), `SessionList` and `RefundSummary` over the same query —
 * and checks the DOM for what must never be there.
 */
import { act, cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsError,
  PaymentSessionsProvider,
  RefundSummary,
  SessionList,
  isPaymentSessionsError,
  preloadSessionDetail,
  type FetchContext,
  type SessionFetcher,
  type SessionPage,
  type SessionQuery,
} from 'react-payment-sessions';
import { expectSanePage } from '../adapters/helpers';
import { FORBIDDEN_TEXT, PLANTED_SECRET, type GeneratedRecord } from './arbitraries';

/** What the fetcher did with the first request. */
export type FetchOutcome = { page: SessionPage } | { error: unknown };

export interface RenderSettings {
  locale: string;
  timeZone: string;
}

/**
 * Mounts the provider, list and summary over `fetcher`, waits for the first request to settle and the list
 * to show its outcome, and returns that outcome. The caller unmounts (`cleanup`).
 */
export async function renderThroughComponents(fetcher: SessionFetcher, settings: RenderSettings): Promise<FetchOutcome> {
  let settle!: (outcome: FetchOutcome) => void;
  const first = new Promise<FetchOutcome>((resolve) => {
    settle = resolve;
  });
  let calls = 0;
  const recorder = Object.assign(
    async (query: SessionQuery, ctx: FetchContext) => {
      const isFirst = calls === 0;
      calls += 1;
      try {
        const page = await fetcher(query, ctx);
        if (isFirst) settle({ page });
        return page;
      } catch (error) {
        if (isFirst) settle({ error });
        throw error;
      }
    },
    { source: fetcher.source, capabilities: fetcher.capabilities },
  ) satisfies SessionFetcher;

  const cache = new Map();
  render(
    <SWRConfig value={{ provider: () => cache, dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={recorder} locale={settings.locale} timeZone={settings.timeZone} swr={{ shouldRetryOnError: false }}>
        <SessionList />
        <RefundSummary />
      </PaymentSessionsProvider>
    </SWRConfig>,
  );
  const outcome = await act(async () => first);
  // Usually settled once `act` has flushed the request's updates; `waitFor` only when it has not.
  if (!/^(idle|error)$/.test(listRoot().getAttribute('data-loading-state') ?? '')) {
    await waitFor(() => expect(listRoot().getAttribute('data-loading-state')).toMatch(/^(idle|error)$/), { timeout: 2_000 });
  }
  return outcome;
}

export function listRoot(): HTMLElement {
  const root = document.querySelector<HTMLElement>('.rps-session-list');
  if (!root) throw new Error('no SessionList root in the document');
  return root;
}

/** The session ids shown in the list's rows. */
export function shownIds(): string[] {
  return [...listRoot().querySelectorAll('tbody .rps-session-list__id')].map((cell) => cell.textContent ?? '');
}

/** Every element the components may render; anything else came from data (injected markup). */
const ALLOWED_TAGS = new Set([
  'div', 'p', 'span', 'section', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'dl', 'dt', 'dd',
  'ul', 'ol', 'li', 'svg', 'title', 'g', 'rect', 'time', 'h2', 'h3', 'header', 'a', 'pre', 'code', 'details', 'summary',
]);

/**
 * The DOM under `root` holds no `NaN`, `undefined`, `Invalid Date`, `[object Object]` or `Infinity` (in any
 * text node or attribute), no element the components do not render themselves (no `<script>`, `<img>`,
 * `<iframe>` from data), no inline event handler, no link that is not http(s), and no planted secret.
 */
export function expectCleanDom(root: HTMLElement = document.body): void {
  expect(domProblems(root)).toEqual([]);
  // An own `__proto__` key in a record must not have reached Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** What {@link expectCleanDom} objects to, as readable lines (collected first: thousands of `expect`s are slow). */
export function domProblems(root: HTMLElement): string[] {
  const problems: string[] = [];
  const quote = (text: string) => JSON.stringify(text.slice(0, 160));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    for (const word of FORBIDDEN_TEXT) if (text.includes(word)) problems.push(`text ${quote(text)} contains ${word}`);
  }
  for (const element of root.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(element.localName)) problems.push(`unexpected element ${quote(element.outerHTML)}`);
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) problems.push(`inline handler ${attribute.name} on <${element.localName}>`);
      for (const word of FORBIDDEN_TEXT) {
        if (attribute.value.includes(word)) problems.push(`${attribute.name}=${quote(attribute.value)} contains ${word}`);
      }
    }
    if (element.localName === 'a' && element.hasAttribute('href')) {
      const href = element.getAttribute('href') ?? '';
      let protocol = '';
      try {
        protocol = new URL(href).protocol;
      } catch {
        // a relative or broken href: reported below
      }
      if (protocol !== 'http:' && protocol !== 'https:') problems.push(`link to ${quote(href)}`);
    }
  }
  if (root.innerHTML.includes(PLANTED_SECRET)) problems.push('a client secret reached the DOM');
  return problems;
}

/**
 * The page's own invariants (`expectSanePage` from the adapter tests) on the model the components read;
 * `raw` is checked on its own: it keeps what the backend sent (a `"NaN"` string may be there) but never a
 * secret.
 */
export function expectSaneModel(page: SessionPage): void {
  expectSanePage({ ...page, sessions: page.sessions.map((session) => ({ ...session, raw: {} })) });
  for (const session of page.sessions) {
    const raw = JSON.stringify(session.raw);
    expect(raw).not.toMatch(/client_?secret|api_?key/i);
    expect(raw).not.toContain(PLANTED_SECRET);
  }
}

/** The fetcher threw: it must be a PaymentSessionsError of one of the documented kinds, shown with Retry. */
export function expectShownError(error: unknown): PaymentSessionsError {
  expect(error instanceof PaymentSessionsError && isPaymentSessionsError(error), `threw a non-PaymentSessionsError: ${String(error)}`).toBe(true);
  const failure = error as PaymentSessionsError;
  // Nobody aborted anything here; an `aborted` error would be hidden and leave the list loading forever.
  expect(['network', 'http', 'auth', 'rate_limit', 'invalid_response']).toContain(failure.kind);
  expect(failure.message.trim().length).toBeGreaterThan(10);
  const alert = within(listRoot()).getByRole('alert');
  expect(alert).toHaveTextContent(failure.message);
  expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  expect(listRoot()).toHaveAttribute('data-state', 'error');
  return failure;
}

/**
 * The fetcher resolved: every valid record is a row (by id), no invalid one is, dropped records are
 * counted in `page.invalid` and announced, and the row count is the page's session count.
 */
export function expectShownPage(page: SessionPage, records: readonly GeneratedRecord[]): void {
  const ids = shownIds();
  expect(ids).toHaveLength(page.sessions.length);
  expect(ids).toEqual(page.sessions.map((session) => session.id));
  expect(new Set(ids).size, `an id is shown twice: ${ids.join(', ')}`).toBe(ids.length);
  for (const record of records) {
    if (record.validity === 'valid' || record.validity === 'duplicate') {
      expect(ids, `valid record (${record.note}) missing`).toContain(record.id);
    }
    if (record.validity === 'invalid' && record.id !== undefined) {
      expect(ids, `invalid record (${record.note}) shown`).not.toContain(record.id);
    }
  }
  const kept = records.filter((record) => record.validity === 'valid').length;
  const dropped = records.filter((record) => record.validity === 'invalid' || record.validity === 'duplicate').length;
  expect(page.sessions.length).toBeGreaterThanOrEqual(kept);
  expect(page.invalid ?? 0).toBeGreaterThanOrEqual(dropped);
  expect(page.sessions.length + (page.invalid ?? 0)).toBe(records.length);
  const note = listRoot().querySelector('.rps-session-list__note');
  if ((page.invalid ?? 0) > 0) expect(note).toHaveTextContent(String(page.invalid));
  else expect(note).toBeNull();
  expect(listRoot().getAttribute('data-state')).toMatch(page.sessions.length > 0 ? /^ready$/ : /^(empty|no-results)$/);
}

/** Opens row `index` (modulo the row count) in the detail dialog, if there are rows; returns whether it did. */
export async function openDetail(index: number): Promise<boolean> {
  const buttons = listRoot().querySelectorAll<HTMLButtonElement>('tbody [data-rps-trigger]');
  if (buttons.length === 0) return false;
  const button = buttons[index % buttons.length] as HTMLButtonElement;
  act(() => {
    fireEvent.click(button);
  });
  // The dialog is a lazily loaded chunk: there at once once loaded (see `preloadSessionDetail`), else soon.
  if (!document.querySelector('[role="dialog"]')) {
    await waitFor(() => expect(document.querySelector('[role="dialog"]'), 'the detail dialog did not open').not.toBeNull());
  }
  return true;
}

/** Unmounts everything rendered so far (one property run). */
export function unmountAll(): void {
  cleanup();
}

/** What a fuzz case must lead to (the payload generators' oracle). */
export type Expectation =
  | { outcome: 'page'; records: readonly GeneratedRecord[] }
  | { outcome: 'error'; kind: string; status?: number }
  | { outcome: 'either' };

/** Counts over a fuzz run, so a suite can prove its generators reach every branch. */
export interface FuzzTally {
  pages: number;
  failures: number;
  validShown: number;
  invalidDropped: number;
  repeatsDropped: number;
  details: number;
}

export function emptyTally(): FuzzTally {
  return { pages: 0, failures: 0, validShown: 0, invalidDropped: 0, repeatsDropped: 0, details: 0 };
}

/**
 * One fuzz case end to end: render `fetcher`'s answer through the components, then check the outcome
 * against the oracle, the DOM after the list and summary rendered, and again with one row's detail open.
 * No `console.error` (React warnings) may happen on the way.
 */
export async function checkAnswer(
  fetcher: SessionFetcher,
  expected: Expectation,
  options: { label: string; settings: RenderSettings; detailIndex: number; tally: FuzzTally; consoleError: { mock: { calls: unknown[][] } } },
): Promise<void> {
  const { label, settings, detailIndex, tally, consoleError } = options;
  const before = consoleError.mock.calls.length;
  try {
    const outcome = await renderThroughComponents(fetcher, settings);
    expectCleanDom();
    if ('page' in outcome) {
      tally.pages += 1;
      expect(expected.outcome, `${label}: resolved a page`).not.toBe('error');
      expectSaneModel(outcome.page);
      if (expected.outcome === 'page') {
        expectShownPage(outcome.page, expected.records);
        tally.validShown += expected.records.filter((record) => record.validity === 'valid').length;
        tally.invalidDropped += expected.records.filter((record) => record.validity === 'invalid').length;
        tally.repeatsDropped += expected.records.filter((record) => record.validity === 'duplicate').length;
      }
      // The detail dialog (line items, refunds, disputes, metadata, the payment link) for every third case.
      if (detailIndex % 3 === 0 && (await openDetail(Math.floor(detailIndex / 3)))) {
        tally.details += 1;
        expectCleanDom();
      }
    } else {
      tally.failures += 1;
      expect(expected.outcome, `${label}: threw ${String(outcome.error)}`).not.toBe('page');
      const error = expectShownError(outcome.error);
      if (expected.outcome === 'error') {
        expect(error.kind, label).toBe(expected.kind);
        if (expected.status !== undefined) {
          expect(error.status).toBe(expected.status);
          expect(error.message).toContain(`HTTP ${expected.status}`);
        }
      }
    }
    expect(consoleError.mock.calls.slice(before), 'console.error during render (a React warning?)').toEqual([]);
  } finally {
    unmountAll();
  }
}

/** The locales and time zones a fuzz case renders under (an unknown zone among them). */
export const renderSettings: fc.Arbitrary<RenderSettings> = fc.record({
  locale: fc.constantFrom('en-US', 'de-DE', 'ja-JP', 'ar-EG'),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Not/AZone'),
});

/**
 * An adapter's fuzz suite: `numRuns` generated answers, each through the fetcher `fetcherFor` makes of it
 * and {@link checkAnswer}, under seeded fast-check (a failure prints the seed and path, so it replays
 * exactly); then the generators must have reached every branch.
 */
export function describeFuzzSuite<Answer extends { label: string; expect: Expectation }>(
  name: string,
  suite: { answers: fc.Arbitrary<Answer>; fetcherFor: (answer: Answer) => SessionFetcher; seed: number; numRuns: number },
): void {
  const { answers, fetcherFor, seed, numRuns } = suite;
  describe(name, () => {
    // The detail dialog's chunk, loaded once up front so that opening a row is synchronous in every case.
    beforeAll(() => preloadSessionDetail());

    it(`renders ${numRuns} generated answers without a crash, junk in the DOM or a lost valid record`, async () => {
      const consoleError = vi.spyOn(console, 'error');
      const tally = emptyTally();
      try {
        await fc.assert(
          fc.asyncProperty(answers, renderSettings, fc.nat(), async (answer, settings, detailIndex) => {
            await checkAnswer(fetcherFor(answer), answer.expect, { label: answer.label, settings, detailIndex, tally, consoleError });
          }),
          { numRuns, seed },
        );
      } finally {
        consoleError.mockRestore();
      }
      // The generators must reach every branch (counts over the runs of this seed).
      expect(tally.pages).toBeGreaterThan(numRuns * 0.35);
      expect(tally.failures).toBeGreaterThan(numRuns * 0.2);
      expect(tally.validShown).toBeGreaterThan(numRuns);
      expect(tally.invalidDropped).toBeGreaterThan(numRuns / 2);
      expect(tally.repeatsDropped).toBeGreaterThan(numRuns / 10);
      expect(tally.details).toBeGreaterThan(numRuns / 10);
    }, 120_000);
  });
}
