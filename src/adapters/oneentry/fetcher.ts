/**
 * `createOneEntryFetcher`: lists payment sessions through the OneEntry SDK's `Payments.getSessions(offset,
 * limit)`, coping with its habits — resolved error objects, bare arrays from old SDKs, no AbortSignal.
 */
import * as v from 'valibot';
import { MAX_TIMER_MS, raceWithAbort, startDeadline } from '../../core/deadline';
import { abortedError, isPaymentSessionsError, PaymentSessionsError } from '../../core/errors';
import { pageCount } from '../../core/pagination';
import { normalizeQuery } from '../../core/query';
import { isPlainRecord } from '../../core/sanitize';
import type { PaymentSession, SessionFetcher, SessionPage, SessionQuery } from '../../core/types';
import { errorCode, errorForStatus, surfacedMessage } from '../http-errors';
import { describeEnvelopeIssues } from '../issues';
import { mapRecords, type InvalidRecordHandler } from '../records';
import { createOneEntryMapper, type OneEntryMapOptions } from './map';
import { OneEntryEnvelopeSchema, OneEntryErrorSchema } from './schema';
import { normalizeOneEntryStatus } from './status';
import type { OneEntryPaymentsLike } from './wire';

/** How long the fetcher waits for `getSessions` unless its `timeoutMs` option says otherwise. */
const ONEENTRY_FETCH_TIMEOUT_MS = 30_000;
/** What a call that outlived `timeoutMs` fails with (a `network` error, so Retry is offered and SWR retries). */
const FETCH_TIMEOUT_MESSAGE = 'The payment sessions service did not answer in time.';

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
 * - Failures the SDK *resolves* (its default `isShell: true`) or throws (`isShell: false`) become a
 *   `PaymentSessionsError`: a server's `{ statusCode ≥ 400, message }` body (401/403 `auth`, 429
 *   `rate_limit`, else `http`); a resolved `TypeError` — the SDK's habit for a refused connection, offline or
 *   CORS — and any other rejection `network` (Retry is offered); a resolved `SyntaxError` (a body that is
 *   not JSON) and the SDK's own validation failure (`{ statusCode: 422, message: 'Response validation
 *   failed' }`) `invalid_response`; anything else that is not the documented envelope `invalid_response`.
 * - The SDK takes no AbortSignal, so the call is raced against `ctx.signal`: an abort rejects at once with
 *   `aborted` (the SDK's request finishes in the background and its result is ignored). So is the timeout
 *   (`timeoutMs`, 30 s): past it the call fails with a `network` error.
 * - Given the real `Payments` (with `getSessionById`), the fetcher has `getSession(id)`: the session, or
 *   `null` for a 404, an empty answer or an id that is not a OneEntry id (a whole number; nothing else is
 *   put into the SDK's URL).
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
  const listing: SdkOperation = { method: 'getSessions', doing: 'list payment sessions' };

  const fetcher = async (query: SessionQuery, ctx: { signal: AbortSignal }): Promise<SessionPage> => {
    const { signal } = ctx;
    if (signal.aborted) throw abortedError(signal.reason);
    const normalized = normalizeQuery(query);
    const limit = maxPageSize === undefined ? normalized.pageSize : Math.min(normalized.pageSize, maxPageSize);
    const offset = (normalized.page - 1) * limit;

    const page = await withDeadline(signal, timeoutMs, async (call) => {
      const getSessions = async (callOffset: number, callLimit: number) =>
        readEnvelope(await call(listing, () => payments.getSessions(callOffset, callLimit)));
      let answer = await getSessions(offset, limit);
      // A server may cap `limit` (OneEntry's docs mention 10): while `total` says there is more, ask for the
      // rest of the page from where the answer ended, so no session falls between two pages. Not for bare
      // arrays (no total; their SDKs also ignored the arguments). An answer that starts like the first one
      // is a server ignoring `offset`: it is dropped and the page ends there.
      while (answer.total !== undefined && answer.records.length > 0 && answer.records.length < limit && offset + answer.records.length < answer.total) {
        const next = await getSessions(offset + answer.records.length, limit - answer.records.length);
        if (next.records.length === 0 || sameRecord(next.records[0], answer.records[0])) break;
        answer = { records: [...answer.records, ...next.records], total: next.total ?? answer.total };
      }
      return answer;
    });

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
      pageCount: pageCount(total, limit),
      invalid,
    };
  };

  const getSessionById = payments.getSessionById?.bind(payments);
  const getSession = getSessionById
    ? async (id: string, ctx: { signal: AbortSignal }): Promise<PaymentSession | null> => {
        const { signal } = ctx;
        if (signal.aborted) throw abortedError(signal.reason);
        // OneEntry ids are whole numbers. Anything else (a link's `?session=../x`) names no session and is
        // never put into the SDK's URL, where `..` or `?` would reach another endpoint with the user's token.
        const numericId = /^\d{1,15}$/.test(id) ? Number(id) : undefined;
        if (numericId === undefined) return null;
        const operation: SdkOperation = { method: 'getSessionById', doing: `load payment session ${numericId}`, notFoundIsNull: true };
        const result = await withDeadline(signal, timeoutMs, (call) => call(operation, () => getSessionById(numericId)));
        // A 404 (or an empty body, which the SDK resolves as `{}`) is "no such session".
        if (result === NOT_FOUND || (isPlainRecord(result) && Object.keys(result).length === 0)) return null;
        let issues: string[] = [];
        const { kept } = mapRecords([result], mapSession, 'oneentry', (report) => {
          issues = report.issues;
          onInvalidRecord?.(report);
        });
        const session = kept[0];
        if (!session) {
          const why = isPlainRecord(result) ? issues.slice(0, 3).join('; ') : 'expected an object';
          throw new PaymentSessionsError({
            kind: 'invalid_response',
            message: `OneEntry answered getSessionById with a session that could not be read (${why}).`,
          });
        }
        if (session.id !== String(numericId)) {
          throw new PaymentSessionsError({
            kind: 'invalid_response',
            message: `OneEntry answered getSessionById(${numericId}) with another session (${session.id}).`,
          });
        }
        return session;
      }
    : undefined;

  return Object.assign(fetcher, {
    source: 'oneentry',
    capabilities: { search: false, filters: [], ...(maxPageSize === undefined ? {} : { maxPageSize }) },
    ...(getSession ? { getSession } : {}),
    statusOf: normalizeOneEntryStatus,
  } satisfies Pick<SessionFetcher, 'source' | 'capabilities' | 'getSession' | 'statusOf'>);
}

/** Which SDK method a call is, for error messages: `doing` completes "OneEntry could not …". */
interface SdkOperation {
  method: string;
  doing: string;
  /** A 404 is an answer (no such session), not a failure. */
  notFoundIsNull?: boolean;
}

/** What {@link withDeadline}'s `call` resolves for a 404 when the operation takes that as "none". */
const NOT_FOUND = Symbol('not found');

/** One SDK call, settled: its successful value (or {@link NOT_FOUND}), any failure thrown as a `PaymentSessionsError`. */
type SdkCall = (operation: SdkOperation, invoke: () => unknown) => Promise<unknown>;

/**
 * Runs `work` against the caller's signal and a timeout. The SDK takes no AbortSignal, so each SDK call is
 * *raced* against both: the caller's abort rejects at once with `aborted` — also when the SDK's answer
 * arrives in the same tick, so a superseded call never delivers a page — and the timeout with a `network`
 * error. The SDK's own request finishes in the background and its result is dropped.
 */
async function withDeadline<T>(signal: AbortSignal, timeoutMs: number, work: (call: SdkCall) => Promise<T>): Promise<T> {
  const deadline = startDeadline(signal, timeoutMs, FETCH_TIMEOUT_MESSAGE);
  const call: SdkCall = async (operation, invoke) => {
    let result: unknown;
    let thrown = false;
    try {
      // `new Promise` turns a synchronous throw inside the SDK into a rejection like any other.
      result = await raceWithAbort(new Promise<unknown>((resolve) => resolve(invoke())), deadline.signal);
    } catch (error) {
      if (signal.aborted) throw abortedError(error);
      if (deadline.timedOut()) throw new PaymentSessionsError({ kind: 'network', message: FETCH_TIMEOUT_MESSAGE, cause: error });
      if (isPaymentSessionsError(error)) throw error;
      // With `isShell: false` the SDK throws what it would otherwise resolve: read both the same way.
      result = error;
      thrown = true;
    }
    if (signal.aborted) throw abortedError(signal.reason);
    if (operation.notFoundIsNull && isPlainRecord(result) && result.statusCode === 404) return NOT_FOUND;
    const failure = failureOf(result, operation);
    if (failure) throw failure;
    // Any other rejection (a thrown string, an odd object) is a call that did not get through.
    if (thrown) throw networkError(result, operation);
    return result;
  };
  try {
    return await work(call);
  } finally {
    deadline.clear();
  }
}

/**
 * What the SDK resolved, as the error it stands for, or `undefined` when it is not a failure:
 * - an `Error` instance (the SDK resolves the one it caught): a `SyntaxError` is a body that is not JSON
 *   (`invalid_response`); any other — `TypeError: Failed to fetch` for a refused connection, offline or
 *   CORS — is `network`;
 * - the SDK's own validation failure (`{ statusCode: 422, message: 'Response validation failed',
 *   validationErrors }`) is `invalid_response`: the server answered, its answer was not the documented shape;
 * - any other `{ statusCode ≥ 400, message }` is the server's error body: 401/403 `auth`, 429
 *   `rate_limit`, else `http`.
 */
function failureOf(value: unknown, operation: SdkOperation): PaymentSessionsError | undefined {
  if (value instanceof Error) {
    if (value.name === 'SyntaxError') {
      return new PaymentSessionsError({
        kind: 'invalid_response',
        message: `OneEntry answered ${operation.method} with a body that is not JSON (an error page from a proxy or gateway?).`,
        cause: value,
      });
    }
    return networkError(value, operation);
  }
  const parsed = v.safeParse(OneEntryErrorSchema, value);
  if (!parsed.success) return undefined;
  const { statusCode, message } = parsed.output;
  const record = value as Record<string, unknown>;
  if (statusCode === 422 && Array.isArray(record.validationErrors)) {
    const issues = describeValidationErrors(record.validationErrors);
    return new PaymentSessionsError({
      kind: 'invalid_response',
      message: `OneEntry answered ${operation.method} with a value the SDK's response validation rejected${issues ? ` (${issues})` : ''}.`,
    });
  }
  const detail = surfacedMessage(message) ?? surfacedMessage(Array.isArray(message) ? message.join('; ') : undefined);
  return errorForStatus({ backend: 'OneEntry', status: statusCode, detail, code: errorCode(record.error), doing: operation.doing });
}

/** The SDK's zod issues as `items.0.createdDate: Invalid input`, the first three, each short plain text. */
function describeValidationErrors(issues: readonly unknown[]): string {
  const lines = issues.slice(0, 3).flatMap((issue) => {
    if (!isPlainRecord(issue)) return [];
    const path = Array.isArray(issue.path) ? issue.path.filter((part) => typeof part === 'string' || typeof part === 'number').join('.') : '';
    const text = surfacedMessage(issue.message);
    if (!text) return [];
    return [path ? `${path}: ${text}` : text];
  });
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return lines.length > 0 ? `${lines.join('; ')}${more}` : '';
}

function networkError(error: unknown, operation: SdkOperation): PaymentSessionsError {
  const reason = error instanceof Error ? surfacedMessage(error.message) : undefined;
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause's code.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z_]{2,40}$/.test(cause.code) ? cause.code : undefined;
  const why = reason ? ` (${reason}${code ? `: ${code}` : ''})` : '';
  return new PaymentSessionsError({
    kind: 'network',
    message: `Could not reach OneEntry to ${operation.doing}${why}. Check the connection and try again.`,
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
