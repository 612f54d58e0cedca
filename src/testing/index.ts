/**
 * `react-payment-sessions/testing`: fakes a host can test against — a Truemed API with its list, single-session
 * and write calls (Fetch handler or real HTTP server), the OneEntry HTTP API the real `oneentry` SDK talks
 * to, and a light stand-in for the SDK's `Payments` module, each over a deterministic dataset.
 * Safe to import in a browser bundle: `node:http` is only loaded when `listen()` is called.
 */
export {
  createFakeTruemedApi,
  FAKE_TRUEMED_API_KEY,
  FAKE_TRUEMED_MAX_PAGE_SIZE,
  type FakeTruemedApi,
  type FakeTruemedApiOptions,
  type FakeTruemedFailure,
  type FakeTruemedWriteFailure,
  type FakeTruemedWriteFailureOptions,
  type RecordedRequest,
} from './truemed-api';
export { FAKE_TRUEMED_REFUND_PATH, type FakeTruemedWriteAction } from './truemed-actions';
export type { FetchServer } from './node-http';
export { makeTruemedRecords, FAKE_DATASET_NOW, type MakeTruemedRecordsOptions } from './truemed-data';
export {
  createFakeOneEntryPayments,
  makeOneEntryRecords,
  type FakeOneEntryFailure,
  type FakeOneEntryPayments,
  type FakeOneEntryPaymentsOptions,
  type MakeOneEntryRecordsOptions,
  type OneEntryCall,
  type OneEntryRecord,
  type OneEntryShape,
} from './oneentry';
export {
  createFakeOneEntryApi,
  FAKE_ONEENTRY_APP_TOKEN,
  FAKE_ONEENTRY_SERVER_LIMIT,
  type FakeOneEntryApi,
  type FakeOneEntryApiFailure,
  type FakeOneEntryApiOptions,
  type FakeOneEntryGrant,
} from './oneentry-api';
export { makeSessions } from './sessions';
export {
  createFakeTruemedFetcher,
  createFakeOneEntryFetcher,
  type FakeTruemedFetcher,
  type FakeTruemedFetcherOptions,
  type FakeOneEntryFetcher,
  type FakeOneEntryFetcherOptions,
} from './fetchers';
