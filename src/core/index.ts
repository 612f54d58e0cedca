/**
 * The framework-free core: model types, money, status, query, pagination math, CSV, summaries, date ranges.
 * Nothing here imports React or touches `window`.
 */
export type * from './types';
export * from './errors';
export * from './money';
export * from './status';
// The backends' status readers belong to their adapters; the core barrel still offers them (they are plain
// functions, free of React and valibot), so the names `./headless` has exported from here stay put.
export { normalizeTruemedStatus } from '../adapters/truemed/status';
export { normalizeOneEntryStatus } from '../adapters/oneentry/status';
export * from './sanitize';
export * from './iso-date';
export * from './query';
export * from './pagination';
export * from './csv';
export * from './summary';
export * from './date-range';
