/**
 * `createOneEntryFetcher`: lists payment sessions through the OneEntry SDK's `Payments.getSessions(offset,
 * limit)`, coping with its habits — resolved error objects, bare arrays from old SDKs, no AbortSignal.
 */
import * as v from 'valibot';
import { abortedError, isPaymentSessionsError, PaymentSessionsError } from '../../core/errors';
import { normalizeQuery } from '../../core/query';
import { isPlainRecord } from '../../core/sanitize';
import type { SessionFetcher, SessionPage, SessionQuery } from '../../core/types';
import {
  describeEnvelopeIssues,
  errorCode,
  errorForStatus,
  mapRecords,
  pageCountFor,
  raceWithAbort,
  surfacedMessage,
  type InvalidRecordHandler,
} from '../shared';
import { createOneEntryMapper, type OneEntryMapOptions } from './map';
import { OneEntryEnvelopeSchema, OneEntryErrorSchema } from './schema';
import type { OneEntryPaymentsLike } from './wire';

/** How long the fetcher waits for `getSessions` unless its `timeoutMs` option says otherwise. */
const ONEENTRY_FETCH_TIMEOUT_MS = 30_000;
/** What a call that outlived `timeoutMs` fails with (a `network` error, so Retry is offered and SWR retries). */
const FETCH_TIMEOUT_MESSAGE = 'The payment sessions service did not answer in time.';
/** `setTimeout` treats larger delays as 1 ms, which would turn a huge timeout into an instant one. */
const MAX_TIMER_MS = 2_147_483_647;

/** Options of {@link createOneEntryFetcher}. */
export interface OneEntryFetcherOptions extends OneEntryMapOptions {
  /** Called for every record dropped because it failed validation (the page still renders). */
  onInvalidRecord?: InvalidRecordHandler;
  /**
   * The most sessions one call may ask for; larger page sizes are capped to it (and advertised in
   * `capabilities.maxPageSize`). Unset: whatever the query asks.
   */
  maxPageSize?: number;
  /**
   * Milliseconds allowed for `getSessions` to settle. Past it the call fails with a `network` error ("did
   * not answer in time"), so the list shows Retry instead of loading forever; the SDK's request cannot be
   * aborted, so it finishes in the background and its late result is ignored. The caller's own abort still
   * fails as `aborted`. `0` waits forever.
   * @defaultValue 30000
   */
  timeoutMs?: number;
}

/**
 * A {@link SessionFetcher} over the OneEntry SDK's `Payments` module (or anything with
 * `getSessions(offset, limit)`). OneEntry has no search and no filters, so `capabilities` advertise none.
 *
 * - Pages map to `offset = (page − 1) × pageSize`, `limit = pageSize`. The page count comes from `total`,
 *   never from how many items came back. A server that caps `limit` (answers fewer items than asked while
 *   `total` says there are more) is asked again from where its answer ended, until the page is full.
 * - A bare array (SDK ≤ 1.0.79) has no total: it is taken as `offset + items.length`, plus one when the
 *   page came back full — a **lower bound** that lets paging reach the next page, where the count settles.
 *   A `total` smaller than `offset + items.length` is raised to that, for the same reason.
 * - A resolved `{ statusCode ≥ 400, message }` (the SDK's default `isShell` habit) and a rejected one
 *   throw a `PaymentSessionsError` (401/403 `auth`, 429 `rate_limit`, else `http`); any other rejection is
 *   `network`; anything else that is not the documented envelope is `invalid_response`.
 * - The SDK takes no AbortSignal, so the call is raced against `ctx.signal`: an abort rejects at once with
 *   `aborted` (the SDK's request finishes in the background and its result is ignored). So is the timeout
 *   (`timeoutMs`, 30 s): past it the call fails with a `network` error.
 *
 * @throws RangeError at creation for an invalid `currency`, `amountUnit`, `maxPageSize` or `timeoutMs`.
 *
 * @example
 * import { defineOneEntry } from 'oneentry';
 * const { Payments } = defineOneEntry(url, { token, auth });
 * const fetcher = createOneEntryFetcher(Payments, { currency: 'EUR' });
 */
export function createOneEntryFetcher(payments: OneEntryPaymentsLike, options: OneEntryFetcherOptions = {}): SessionFetcher {
  if (typeof payments?.getSessions !== 'function') {
    throw new TypeError('createOneEntryFetcher: pass the SDK\'s `Payments` module (an object with `getSessions(offset, limit)`).');
  }
  const { maxPageSize, onInvalidRecord, timeoutMs = ONEENTRY_FETCH_TIMEOUT_MS } = options;
  if (maxPageSize !== undefined && (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1)) {
    throw new RangeError(`maxPageSize must be a whole number ≥ 1, got ${JSON.stringify(maxPageSize)}.`);
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`timeoutMs must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (0: no timeout), got ${JSON.stringify(timeoutMs)}.`);
  }
  const mapSession = createOneEntryMapper(options);

  const fetcher = async (query: SessionQuery, ctx: { signal: AbortSignal }): Promise<SessionPage> => {
    const { signal } = ctx;
    if (signal.aborted) throw abortedError(signal.reason);
    const normalized = normalizeQuery(query);
    const limit = maxPageSize === undefined ? normalized.pageSize : Math.min(normalized.pageSize, maxPageSize);
    const offset = (normalized.page - 1) * limit;

    // The page settles on the caller's abort or on the timeout (for all its calls), whichever comes first.
    const race = new AbortController();
    const forward = () => race.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs === 0
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            race.abort(new DOMException(FETCH_TIMEOUT_MESSAGE, 'TimeoutError'));
          }, timeoutMs);
    const getSessions = async (callOffset: number, callLimit: number): Promise<{ records: unknown[]; total: number | undefined }> => {
      let result: unknown;
      try {
        // `new Promise` turns a synchronous throw inside getSessions into a rejection like any other.
        result = await raceWithAbort(new Promise<unknown>((resolve) => resolve(payments.getSessions(callOffset, callLimit))), race.signal);
      } catch (error) {
        if (signal.aborted) throw abortedError(error);
        if (timedOut) throw new PaymentSessionsError({ kind: 'network', message: FETCH_TIMEOUT_MESSAGE, cause: error });
        if (isPaymentSessionsError(error)) throw error;
        throw errorFromResolvedValue(error) ?? networkError(error);
      }
      if (signal.aborted) throw abortedError(signal.reason);
      const failure = errorFromResolvedValue(result);
      if (failure) throw failure;
      return readEnvelope(result);
    };

    let page: { records: unknown[]; total: number | undefined };
    try {
      page = await getSessions(offset, limit);
      // A server may cap `limit` (OneEntry's docs mention 10): while `total` says there is more, ask for the
      // rest of the page from where the answer ended, so no session falls between two pages. Not for bare
      // arrays (no total; their SDKs also ignored the arguments). An answer that starts like the first one
      // is a server ignoring `offset`: it is dropped and the page ends there.
      while (page.total !== undefined && page.records.length > 0 && page.records.length < limit && offset + page.records.length < page.total) {
        const next = await getSessions(offset + page.records.length, limit - page.records.length);
        if (next.records.length === 0 || sameRecord(next.records[0], page.records[0])) break;
        page = { records: [...page.records, ...next.records], total: next.total ?? page.total };
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    }

    const total = pageTotal(page.records.length, page.total, offset, limit);
    // A bare array that came back full: the total is one more than seen (see pageTotal), not a count.
    const totalIsLowerBound = page.total === undefined && page.records.length >= limit;
    const { kept, invalid } = mapRecords(page.records, mapSession, 'oneentry', onInvalidRecord);
    return {
      sessions: kept,
      total,
      ...(totalIsLowerBound ? { totalIsLowerBound } : {}),
      page: normalized.page,
      pageSize: limit,
      pageCount: pageCountFor(total, limit),
      invalid,
    };
  };

  return Object.assign(fetcher, {
    source: 'oneentry',
    capabilities: { search: false, filters: [], ...(maxPageSize === undefined ? {} : { maxPageSize }) },
  } satisfies Pick<SessionFetcher, 'source' | 'capabilities'>);
}

/** The SDK's error object (`{ statusCode ≥ 400, message }`) as a thrown error, or `undefined` if it is not one. */
function errorFromResolvedValue(value: unknown): PaymentSessionsError | undefined {
  const parsed = v.safeParse(OneEntryErrorSchema, value);
  if (!parsed.success) return undefined;
  const { statusCode, message } = parsed.output;
  const detail = surfacedMessage(message) ?? surfacedMessage(Array.isArray(message) ? message.join('; ') : undefined);
  const code = isPlainRecord(value) ? errorCode(value.error) : undefined;
  return errorForStatus({ backend: 'OneEntry', status: statusCode, detail, code });
}

function networkError(error: unknown): PaymentSessionsError {
  const reason = error instanceof Error ? surfacedMessage(error.message) : undefined;
  return new PaymentSessionsError({
    kind: 'network',
    message: `Could not reach OneEntry to list payment sessions${reason ? ` (${reason})` : ''}. Check the connection and try again.`,
    cause: error,
  });
}

/** The records of an answer and its total, from `{ total, items }`, or a legacy bare array (no total). */
function readEnvelope(result: unknown): { records: unknown[]; total: number | undefined } {
  if (Array.isArray(result)) return { records: result, total: undefined };
  const envelope = v.safeParse(OneEntryEnvelopeSchema, result);
  if (!envelope.success) {
    const issues = isPlainRecord(result) ? describeEnvelopeIssues(envelope.issues) : 'expected an object or an array';
    throw new PaymentSessionsError({
      kind: 'invalid_response',
      message: `OneEntry answered getSessions with an unexpected value (${issues}).`,
    });
  }
  return { records: envelope.output.items, total: envelope.output.total };
}

/** Whether two answers' records are the same record (compared as JSON; records are small plain data). */
function sameRecord(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return a === b;
  }
}

/**
 * The total a page reports. The server's when it gave one, but never fewer than the sessions already seen
 * up to this page's end; an empty page (past the end) takes the server's word. Without one (a bare array):
 * a lower bound, one more than seen when the page came back full, so paging reaches the next page.
 */
function pageTotal(received: number, total: number | undefined, offset: number, limit: number): number {
  if (total !== undefined) return received > 0 ? Math.max(total, offset + received) : total;
  if (received === 0) return offset;
  return offset + received + (received >= limit ? 1 : 0);
}
