/**
 * The framework-free core: model types, money, status, query, pagination math, CSV, summaries, date ranges.
 * Nothing here imports React or touches `window`.
 */
export type * from './types';
export * from './errors';
export * from './money';
export * from './status';
export * from './sanitize';
export * from './iso-date';
export * from './query';
export * from './pagination';
export * from './csv';
export * from './summary';
export * from './date-range';
