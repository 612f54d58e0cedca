/**
 * Deadlines for outgoing calls, shared by both fetchers and the server proxy: the caller's abort or a timeout,
 * whichever comes first, and a race for APIs that ignore (or take no) signal. Framework-free.
 */
import { abortedError } from './errors';

/** The longest delay `setTimeout` honours (2^31 − 1 ms); a longer one would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A call's deadline: see {@link startDeadline}. */
export interface Deadline {
  /** Aborts with the caller's signal, or with a `TimeoutError` once the time is up. */
  signal: AbortSignal;
  /** Whether the timer (not the caller) ended the call. */
  timedOut: () => boolean;
  /** Ends the call now for another reason (a body past its size cap); nothing without a timeout. */
  abort: (reason: unknown) => void;
  /** Stops the timer and the forwarding; call it once the call settled. */
  clear: () => void;
}

/**
 * A signal that aborts when `signal` does, or by itself after `timeoutMs` with a `TimeoutError` carrying
 * `timeoutMessage`. With `timeoutMs` 0 (no timeout) it is the caller's own `signal`, passed on untouched, and
 * `abort` does nothing: that signal is not ours to abort.
 */
export function startDeadline(signal: AbortSignal, timeoutMs: number, timeoutMessage: string): Deadline {
  if (timeoutMs === 0) return { signal, timedOut: () => false, abort: () => undefined, clear: () => undefined };
  const controller = new AbortController();
  let timedOut = false;
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(timeoutMessage, 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut && !signal.aborted,
    abort: (reason) => controller.abort(reason),
    clear: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    },
  };
}

/**
 * Settles like `promise`, or rejects with an `aborted` error as soon as `signal` aborts — for APIs such as
 * the OneEntry SDK that take no signal, or an injected `fetch` that ignores it. The losing promise's outcome
 * is observed so it never goes unhandled.
 */
export function raceWithAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
