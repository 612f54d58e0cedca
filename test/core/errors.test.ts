import { describe, expect, it } from 'vitest';
import { PaymentSessionsError, abortedError, isAbortError, isPaymentSessionsError } from '../../src/core/errors';

describe('PaymentSessionsError', () => {
  it('carries kind, status, retry hint and code', () => {
    const error = new PaymentSessionsError({ kind: 'rate_limit', message: 'Slow down', status: 429, retryAfterMs: 2000, code: 'TooMany' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PaymentSessionsError');
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 2000, code: 'TooMany', message: 'Slow down' });
    expect(error.retryable).toBe(true);
  });

  it('says which failures are worth retrying', () => {
    expect(new PaymentSessionsError({ kind: 'auth', message: 'x', status: 401 }).retryable).toBe(false);
    expect(new PaymentSessionsError({ kind: 'http', message: 'x', status: 400 }).retryable).toBe(false);
    expect(new PaymentSessionsError({ kind: 'http', message: 'x', status: 503 }).retryable).toBe(true);
    expect(new PaymentSessionsError({ kind: 'network', message: 'x' }).retryable).toBe(true);
  });

  it('is recognised across bundle copies by shape', () => {
    const foreign = Object.assign(new Error('x'), { name: 'PaymentSessionsError', kind: 'http' });
    expect(isPaymentSessionsError(foreign)).toBe(true);
    expect(isPaymentSessionsError(new Error('x'))).toBe(false);
  });

  it('detects aborts', () => {
    const controller = new AbortController();
    expect(isAbortError(new Error('x'), controller.signal)).toBe(false);
    controller.abort();
    expect(isAbortError(new Error('x'), controller.signal)).toBe(true);
    expect(isAbortError(new DOMException('gone', 'AbortError'))).toBe(true);
    expect(abortedError().kind).toBe('aborted');
  });
});
