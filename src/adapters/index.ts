/**
 * The backend adapters: raw API responses → the validated {@link PaymentSession} model.
 * `createTruemedFetcher` (through the host's proxy in a browser) and `createOneEntryFetcher` (the SDK's
 * `Payments` module), plus the record mappers for hosts and fakes that map records themselves.
 */
export { createTruemedFetcher, buildTruemedSearchParams, TRUEMED_MAX_PAGE_SIZE } from './truemed/fetcher';
export type { TruemedFetcherOptions } from './truemed/fetcher';
export { mapTruemedSession } from './truemed/map';
export { createOneEntryFetcher } from './oneentry/fetcher';
export type { OneEntryFetcherOptions } from './oneentry/fetcher';
export { createOneEntryMapper, mapOneEntrySession } from './oneentry/map';
export type { OneEntryMapOptions } from './oneentry/map';
export type { OneEntryAmountUnit } from './oneentry/schema';
export type { InvalidRecordHandler, MapResult } from './records';
export type * from './truemed/wire';
export { TRUEMED_KINDS, TRUEMED_STATUSES, TRUEMED_STATUS_SUMMARIES, TRUEMED_LIST_PATH } from './truemed/wire';
export type * from './oneentry/wire';
