/**
 * In-flight page requests, shared by every hook that uses the same SWR cache. React-free.
 *
 * SWR deduplicates requests but never cancels them. This registry gives each request its own
 * AbortController, lets the list adopt the request a prefetch already started for its page instead of
 * starting another, and aborts a key's requests once no hook watches it any more.
 *
 * SWR asks for a page again only when it means it (a `mutate`, a `retry`, an automatic error retry; two
 * hooks on one key are deduplicated by SWR itself), so such a request never joins an older one still
 * running: the older one may have been answered from data the refresh was asked to replace (a refund made
 * meanwhile). The older one is aborted and its promise settles like the newer one instead: whatever it
 * would have said, answer or failure, arrives late and must not be shown.
 */
import { abortedError, isAbortError, isPaymentSessionsError, PaymentSessionsError } from '../core/errors';
import type { SessionFetcher, SessionPage, SessionQuery } from '../core/types';

interface PageRequest {
  controller: AbortController;
  /** What callers get: this request's outcome, or the outcome of the request that superseded it. */
  promise: Promise<unknown>;
  /** Started by a prefetch and not adopted yet: the next SWR request for the key joins it. */
  adoptable: boolean;
  /** The newer request for the same key that replaced this one. */
  supersededBy?: PageRequest;
}

interface Entry {
  /** Hooks currently showing (or prefetching) this key. */
  watchers: number;
  /** Of those, the hooks that show it: SWR refetches the key for them when it is revalidated. */
  viewers: number;
  /** Every request for the key still running, oldest first. */
  requests: Set<PageRequest>;
}

/** One registry per SWR cache, so two caches (two tests, two SWRConfig providers) never share requests. */
const registries = new WeakMap<object, Map<string, Entry>>();

function entryFor(cache: object, key: string): Entry {
  let registry = registries.get(cache);
  if (!registry) {
    registry = new Map();
    registries.set(cache, registry);
  }
  let entry = registry.get(key);
  if (!entry) {
    entry = { watchers: 0, viewers: 0, requests: new Set() };
    registry.set(key, entry);
  }
  return entry;
}

function forget(cache: object, key: string, entry: Entry): void {
  if (entry.watchers === 0 && entry.requests.size === 0) registries.get(cache)?.delete(key);
}

/**
 * Marks `key` as wanted by one more hook: one that shows it, or (`shows: false`) one that prefetches it.
 * Returns the release function; when the last watcher releases, the key's in-flight requests are aborted.
 * The check is deferred by a microtask because React runs every effect cleanup before the next setups:
 * moving from "prefetching page 2" to "showing page 2" releases and re-watches the same key within one
 * commit, which must not abort the request it is about to adopt.
 */
export function watchKey(cache: object, key: string, shows = true): () => void {
  const entry = entryFor(cache, key);
  const viewers = shows ? 1 : 0;
  entry.watchers += 1;
  entry.viewers += viewers;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.watchers -= 1;
    entry.viewers -= viewers;
    queueMicrotask(() => {
      if (entry.watchers > 0) return;
      abortRequests(entry);
      forget(cache, key, entry);
    });
  };
}

function abortRequests(entry: Entry | undefined): void {
  for (const request of entry?.requests ?? []) request.controller.abort();
}

/** Whether a request for `key` is running right now. */
export function isRequestInFlight(cache: object, key: string): boolean {
  return (registries.get(cache)?.get(key)?.requests.size ?? 0) > 0;
}

/** Whether a hook shows `key` now (not only prefetches it). */
export function isKeyShown(cache: object, key: string): boolean {
  return (registries.get(cache)?.get(key)?.viewers ?? 0) > 0;
}

/** The keys with a request running or a hook watching them. */
export function watchedKeys(cache: object): Iterable<string> {
  return registries.get(cache)?.keys() ?? [];
}

/** Aborts the requests running for `key`: their answers are never delivered. */
export function abortKey(cache: object, key: string): void {
  abortRequests(registries.get(cache)?.get(key));
}

/**
 * Any thrown value as a {@link PaymentSessionsError}: ours pass through, an abort becomes `aborted`, anything
 * else (a custom fetcher's plain `Error`) becomes a `network` error that keeps the original as `cause`.
 *
 * Given the request's `signal`, only an abort of *that* signal is `aborted` (which the hooks never show). An
 * abort the request did not ask for — a fetcher's own timeout, a browser dropping the request — becomes a
 * `network` error: hidden as a cancellation, it would leave the list loading forever with no Retry.
 */
export function toPaymentSessionsError(error: unknown, signal?: AbortSignal): PaymentSessionsError {
  if (signal?.aborted) return isPaymentSessionsError(error) && error.kind === 'aborted' ? error : abortedError(error);
  const abortedElsewhere = isPaymentSessionsError(error) ? error.kind === 'aborted' : isAbortError(error);
  if (abortedElsewhere && signal) {
    return new PaymentSessionsError({
      kind: 'network',
      message: 'The request for payment sessions was cancelled before it finished. Try again.',
      cause: error,
    });
  }
  if (isPaymentSessionsError(error)) return error;
  if (abortedElsewhere) return abortedError(error);
  const message = error instanceof Error && error.message ? error.message : 'The payment sessions could not be loaded.';
  return new PaymentSessionsError({ kind: 'network', message, cause: error });
}

/**
 * Fetches one page for `key`: SWR's requests always start a new one, except that they adopt a prefetch
 * still running for the key; a prefetch (`options.prefetch`) joins whatever runs already. The promise
 * rejects with an `aborted` error as soon as the request is aborted, and a response that arrives after
 * that is dropped even when the fetcher ignored the signal — a superseded response can never reach the
 * cache.
 */
export function requestPage(
  cache: object,
  key: string,
  fetcher: SessionFetcher,
  query: SessionQuery,
  options: { prefetch?: boolean } = {},
): Promise<SessionPage> {
  return requestForKey(cache, key, (signal) => fetcher(query, { signal }), options);
}

/**
 * {@link requestPage} for any fetch: one request per key with its own AbortController, superseded and
 * abandoned requests aborted and their late answers dropped. Used for pages and for single sessions.
 */
export function requestForKey<T>(
  cache: object,
  key: string,
  start: (signal: AbortSignal) => Promise<T>,
  options: { prefetch?: boolean } = {},
): Promise<T> {
  const entry = entryFor(cache, key);
  const running = [...entry.requests].pop();
  if (running && (options.prefetch || running.adoptable)) {
    if (!options.prefetch) running.adoptable = false;
    return running.promise as Promise<T>;
  }

  const controller = new AbortController();
  const { signal } = controller;
  const own = new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(abortedError(signal.reason)), { once: true });
    // A fetcher that throws before returning a promise is a failure like any other (a PaymentSessionsError).
    let call: Promise<T>;
    try {
      call = start(signal);
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (value) => (signal.aborted ? reject(abortedError()) : resolve(value)),
      (error: unknown) => reject(toPaymentSessionsError(error, signal)),
    );
  });
  const request: PageRequest = { controller, promise: own, adoptable: options.prefetch === true };
  request.promise = own.then(
    (value) => request.supersededBy?.promise ?? value,
    (error: unknown) => {
      if (request.supersededBy) return request.supersededBy.promise;
      throw error;
    },
  );
  // A new request replaces the ones running: they are cancelled and settle like this one.
  for (const older of entry.requests) {
    if (older.supersededBy) continue;
    older.supersededBy = request;
    older.controller.abort();
  }
  entry.requests.add(request);
  const settle = () => {
    entry.requests.delete(request);
    forget(cache, key, entry);
  };
  own.then(settle, settle);
  return request.promise as Promise<T>;
}
