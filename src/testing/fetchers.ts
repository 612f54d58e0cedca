import { createOneEntryFetcher, type OneEntryFetcherOptions } from '../adapters/oneentry/fetcher';
import { createTruemedFetcher, type TruemedFetcherOptions } from '../adapters/truemed/fetcher';
import { TRUEMED_API_KEY_HEADER } from '../adapters/truemed/wire';
import type { SessionFetcher } from '../core/types';
import { createFakeOneEntryPayments, type FakeOneEntryPayments, type FakeOneEntryPaymentsOptions } from './oneentry';
import { createFakeTruemedApi, type FakeTruemedApi, type FakeTruemedApiOptions } from './truemed-api';

/** A real Truemed fetcher wired to an in-memory fake API, plus that API (to inject faults or latency). */
export type FakeTruemedFetcher = SessionFetcher & { api: FakeTruemedApi };

/** Options of {@link createFakeTruemedFetcher}: the fake's dataset options plus the fetcher's. */
export interface FakeTruemedFetcherOptions
  extends FakeTruemedApiOptions,
    Pick<TruemedFetcherOptions, 'include' | 'summarizeRefunds' | 'onInvalidRecord'> {
  /** Reuse an existing fake instead of creating one. */
  api?: FakeTruemedApi;
}

/** Where the in-memory fake pretends to live; no request ever leaves the page. */
const FAKE_ORIGIN = 'https://truemed.fake.invalid';

/**
 * The real `createTruemedFetcher` over an in-memory {@link createFakeTruemedApi} — no server, no network,
 * works in a browser, jsdom or Node. The fake's key is added on the fake's side of the `fetch`, standing in
 * for the server proxy, so the fetcher itself holds no key (as in a real browser).
 *
 * @example
 * const fetcher = createFakeTruemedFetcher({ sessions: 120, latencyMs: 200 });
 * render(<PaymentSessionsProvider fetcher={fetcher}><SessionList /></PaymentSessionsProvider>);
 * fetcher.api.setFailure({ status: 500 }); // then assert the error state and Retry
 */
export function createFakeTruemedFetcher(options: FakeTruemedFetcherOptions = {}): FakeTruemedFetcher {
  const { api: existing, include, summarizeRefunds, onInvalidRecord, ...apiOptions } = options;
  const api = existing ?? createFakeTruemedApi(apiOptions);
  const apiKey = apiOptions.apiKey ?? 'test_truemed_key';
  const fetcher = createTruemedFetcher({
    baseUrl: FAKE_ORIGIN,
    include,
    summarizeRefunds,
    onInvalidRecord,
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set(TRUEMED_API_KEY_HEADER, apiKey);
      return api.handler(request);
    },
  });
  return Object.assign(fetcher, { api });
}

/** A real OneEntry fetcher over {@link createFakeOneEntryPayments}, plus the fake SDK module. */
export type FakeOneEntryFetcher = SessionFetcher & { payments: FakeOneEntryPayments };

/** Options of {@link createFakeOneEntryFetcher}. */
export interface FakeOneEntryFetcherOptions extends FakeOneEntryPaymentsOptions, OneEntryFetcherOptions {
  payments?: FakeOneEntryPayments;
}

/**
 * The real `createOneEntryFetcher` over an in-memory {@link createFakeOneEntryPayments}.
 *
 * @example
 * const fetcher = createFakeOneEntryFetcher({ sessions: 45, currency: 'EUR' });
 * fetcher.payments.setFailWith({ statusCode: 401, message: 'Unauthorized' });
 */
export function createFakeOneEntryFetcher(options: FakeOneEntryFetcherOptions = {}): FakeOneEntryFetcher {
  const { payments: existing, currency, amountUnit, onInvalidRecord, maxPageSize, ...paymentsOptions } = options;
  const payments = existing ?? createFakeOneEntryPayments(paymentsOptions);
  const fetcher = createOneEntryFetcher(payments, { currency, amountUnit, onInvalidRecord, maxPageSize });
  return Object.assign(fetcher, { payments });
}
