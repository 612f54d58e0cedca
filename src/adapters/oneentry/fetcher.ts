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
 *   never from how many items came back (a server may cap `limit`).
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

    let result: unknown;
    // The call settles on the caller's abort or on the timeout, whichever comes first.
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
    try {
      // `new Promise` turns a synchronous throw inside getSessions into a rejection like any other.
      result = await raceWithAbort(new Promise<unknown>((resolve) => resolve(payments.getSessions(offset, limit))), race.signal);
    } catch (error) {
      if (signal.aborted) throw abortedError(error);
      if (timedOut) throw new PaymentSessionsError({ kind: 'network', message: FETCH_TIMEOUT_MESSAGE, cause: error });
      if (isPaymentSessionsError(error)) throw error;
      throw errorFromResolvedValue(error) ?? networkError(error);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    }
    if (signal.aborted) throw abortedError(signal.reason);

    const failure = errorFromResolvedValue(result);
    if (failure) throw failure;
    const { records, total } = readEnvelope(result, offset, limit);
    const { kept, invalid } = mapRecords(records, mapSession, 'oneentry', onInvalidRecord);
    return { sessions: kept, total, page: normalized.page, pageSize: limit, pageCount: pageCountFor(total, limit), invalid };
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

/** The records of a page and the total, from `{ total, items }` or a legacy bare array. */
function readEnvelope(result: unknown, offset: number, limit: number): { records: unknown[]; total: number } {
  if (Array.isArray(result)) {
    // No total in a bare array: a lower bound, one more than seen when the page is full (see above).
    return { records: result, total: offset + result.length + (result.length >= limit ? 1 : 0) };
  }
  const envelope = v.safeParse(OneEntryEnvelopeSchema, result);
  if (!envelope.success) {
    const issues = isPlainRecord(result) ? describeEnvelopeIssues(envelope.issues) : 'expected an object or an array';
    throw new PaymentSessionsError({
      kind: 'invalid_response',
      message: `OneEntry answered getSessions with an unexpected value (${issues}).`,
    });
  }
  const { items, total } = envelope.output;
  // A total smaller than what is already on screen is wrong; never report fewer than we have seen.
  return { records: items, total: Math.max(total, offset + items.length) };
}
