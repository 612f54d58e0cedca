/**
 * In-flight page requests, shared by every hook that uses the same SWR cache. React-free.
 *
 * SWR deduplicates requests but never cancels them (CONVENTIONS #3). This registry gives each request its
 * own AbortController, lets a second caller of the same key (the list after a prefetch, a second hook on the
 * same page) adopt the request already running instead of starting another, and aborts a request once no
 * hook watches its key any more.
 */
import { abortedError, isAbortError, isPaymentSessionsError, PaymentSessionsError } from '../core/errors';
import type { SessionFetcher, SessionPage, SessionQuery } from '../core/types';

interface Entry {
  /** Hooks currently showing (or prefetching) this key. */
  watchers: number;
  request?: { controller: AbortController; promise: Promise<SessionPage> };
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
    entry = { watchers: 0 };
    registry.set(key, entry);
  }
  return entry;
}

function forget(cache: object, key: string, entry: Entry): void {
  if (entry.watchers === 0 && !entry.request) registries.get(cache)?.delete(key);
}

/**
 * Marks `key` as wanted by one more hook. Returns the release function; when the last watcher releases,
 * the key's in-flight request is aborted. The check is deferred by a microtask because React runs every
 * effect cleanup before the next setups: moving from "prefetching page 2" to "showing page 2" releases and
 * re-watches the same key within one commit, which must not abort the request it is about to adopt.
 */
export function watchKey(cache: object, key: string): () => void {
  const entry = entryFor(cache, key);
  entry.watchers += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.watchers -= 1;
    queueMicrotask(() => {
      if (entry.watchers > 0) return;
      entry.request?.controller.abort();
      forget(cache, key, entry);
    });
  };
}

/** Whether a request for `key` is running right now. */
export function isRequestInFlight(cache: object, key: string): boolean {
  return registries.get(cache)?.get(key)?.request !== undefined;
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
 * Fetches one page for `key`, or joins the request already running for it. The promise rejects with an
 * `aborted` error as soon as the request is aborted, and a response that arrives after that is dropped even
 * when the fetcher ignored the signal — a superseded response can never reach the cache.
 */
export function requestPage(cache: object, key: string, fetcher: SessionFetcher, query: SessionQuery): Promise<SessionPage> {
  const entry = entryFor(cache, key);
  if (entry.request) return entry.request.promise;

  const controller = new AbortController();
  const { signal } = controller;
  const promise = new Promise<SessionPage>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(abortedError(signal.reason)), { once: true });
    fetcher(query, { signal }).then(
      (page) => (signal.aborted ? reject(abortedError()) : resolve(page)),
      (error: unknown) => reject(toPaymentSessionsError(error, signal)),
    );
  });
  const request = { controller, promise };
  entry.request = request;
  const settle = () => {
    if (entry.request === request) delete entry.request;
    forget(cache, key, entry);
  };
  promise.then(settle, settle);
  return promise;
}
