/**
 * useSessionAction: the state machine, one key per confirmed attempt, one action per session at a time,
 * the attempt surviving a reload, and the revalidation after a success — over a recording actions client.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { createTruemedActions, useSessionAction, type SessionActionRequest, type SessionActionResult, type SessionActionsClient } from 'react-payment-sessions/actions';
import { PaymentSessionsError, usePaymentSession, usePaymentSessions, type Money, type PaymentSession } from 'react-payment-sessions/headless';
import { createFakeFetcher, makeSessions } from './fake-fetcher';
import { providerWrapper } from './render';

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

/** A refundable captured session (5000 captured, nothing refunded) and an open authorization. */
function dataset(): PaymentSession[] {
  const sessions = makeSessions(40);
  sessions[0] = { ...sessions[0]!, status: 'captured', amount: usd(5000), capturedAmount: usd(5000), refundedAmount: usd(0), refundableAmount: usd(5000) };
  sessions[1] = { ...sessions[1]!, status: 'authorized', amount: usd(3000), capturableAmount: usd(3000) };
  return sessions;
}

interface RecordingClient extends SessionActionsClient {
  requests: SessionActionRequest[];
  /** How the next requests are answered (by default: success at once). */
  answer: (request: SessionActionRequest) => Promise<SessionActionResult>;
}

function recordingClient(source = 'fake'): RecordingClient {
  const client: RecordingClient = {
    source,
    actions: ['refund', 'capture', 'void', 'cancel'],
    requests: [],
    answer: async (request) => ({ action: request.action, sessionId: request.sessionId, id: 're_1' }),
    run: (request) => {
      client.requests.push(request);
      return client.answer(request);
    },
  };
  return client;
}

const never = () => new Promise<never>(() => undefined);
const unknownOutcome = () => Promise.reject(new PaymentSessionsError({ kind: 'outcome_unknown', message: 'The payment service did not answer in time.' }));

beforeEach(() => {
  sessionStorage.clear();
});

/** The hook for `session` and `action` under a provider with `client`. */
function renderAction(session: PaymentSession, action: 'refund' | 'capture' | 'void' | 'cancel', client: SessionActionsClient | undefined) {
  const { wrapper } = providerWrapper(createFakeFetcher({ sessions: dataset() }), client ? { actions: client } : {});
  return renderHook(() => useSessionAction(session, action), { wrapper });
}

const refund = { amount: usd(1200), reason: 'customer_request' as const };

describe('useSessionAction', () => {
  describe('given no actions client', () => {
    it('offers nothing and sends nothing', () => {
      const { result } = renderAction(dataset()[0]!, 'refund', undefined);
      expect(result.current).toMatchObject({ available: false, allowed: [], status: 'idle' });
      act(() => result.current.begin());
      expect(result.current.status).toBe('idle');
      let problem: unknown;
      act(() => void (problem = result.current.confirm(refund)));
      expect(problem).toBe('unavailable');
      expect(result.current.status).toBe('idle');
    });
  });

  describe('given a client for another source', () => {
    it('offers nothing for the session', () => {
      const { result } = renderAction(dataset()[0]!, 'refund', recordingClient('truemed'));
      expect(result.current).toMatchObject({ available: false, allowed: [] });
    });
  });

  it('goes idle → confirming → running → succeeded with one request', async () => {
    const client = recordingClient();
    let release: (result: SessionActionResult) => void = () => undefined;
    client.answer = () => new Promise((resolve) => (release = resolve));
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    expect(result.current).toMatchObject({ status: 'idle', available: true, allowed: ['refund'], limit: usd(5000), isConfirming: false });
    act(() => result.current.begin());
    expect(result.current).toMatchObject({ status: 'confirming', isConfirming: true });
    act(() => void result.current.confirm(refund));
    expect(result.current).toMatchObject({ status: 'running', isRunning: true, input: refund });
    await act(async () => release({ action: 'refund', sessionId: 'ps_0001', id: 're_9' }));
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.result).toEqual({ action: 'refund', sessionId: 'ps_0001', id: 're_9' });
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]).toMatchObject({ action: 'refund', sessionId: 'ps_0001', amount: usd(1200), reason: 'customer_request' });
  });

  it('calls onSuccess once with the result', async () => {
    const client = recordingClient();
    const onSuccess = vi.fn();
    const { wrapper } = providerWrapper(createFakeFetcher({ sessions: dataset() }), { actions: client });
    const { result } = renderHook(() => useSessionAction(dataset()[1]!, 'void', { onSuccess, revalidate: false }), { wrapper });
    act(() => void result.current.confirm());
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(onSuccess).toHaveBeenCalledOnce();
    expect(onSuccess).toHaveBeenCalledWith({ action: 'void', sessionId: 'ps_0002', id: 're_1' });
  });

  it('a double click sends one request', async () => {
    const client = recordingClient();
    client.answer = never;
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => result.current.begin());
    const problems: unknown[] = [];
    act(() => {
      problems.push(result.current.confirm(refund));
      problems.push(result.current.confirm(refund));
    });
    problems.push(result.current.confirm(refund));
    await act(async () => undefined);
    expect(problems).toEqual([null, 'busy', 'busy']);
    expect(client.requests).toHaveLength(1);
  });

  it('refuses an input that does not pass the checks, sending nothing', () => {
    const client = recordingClient();
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => result.current.begin());
    expect(result.current.confirm({ amount: usd(5001), reason: 'customer_request' })).toBe('above_limit');
    expect(result.current.confirm({ amount: usd(12.5), reason: 'customer_request' })).toBe('not_integer');
    expect(result.current.confirm({ amount: { amountMinor: 100, currency: 'EUR' }, reason: 'customer_request' })).toBe('currency_mismatch');
    expect(result.current.status).toBe('confirming');
    expect(client.requests).toEqual([]);
  });

  it('a timeout is unknown, not failed, and Retry sends the same key and input', async () => {
    const client = recordingClient();
    client.answer = unknownOutcome;
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => void result.current.confirm(refund));
    await waitFor(() => expect(result.current.status).toBe('unknown'));
    expect(result.current).toMatchObject({ isUnknown: true, isFailed: false, input: refund, error: { kind: 'outcome_unknown' } });
    // A new confirm could refund twice: only Retry (same key) or reset.
    expect(result.current.confirm(refund)).toBe('unresolved');

    client.answer = async (request) => ({ action: request.action, sessionId: request.sessionId, id: 're_2' });
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(client.requests).toHaveLength(2);
    expect(client.requests[1]).toEqual(client.requests[0]);
    expect(client.requests[0]!.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{1,255}$/);
  });

  it('with createTruemedActions: no answer within timeoutMs → unknown', async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined));
    const client = createTruemedActions({ baseUrl: 'http://127.0.0.1:9/api/truemed', fetch, timeoutMs: 50 });
    const session = { ...dataset()[0]!, source: 'truemed' };
    const { result } = renderAction(session, 'refund', client);
    act(() => void result.current.confirm(refund));
    await waitFor(() => expect(result.current.status).toBe('unknown'));
    expect(result.current.error).toMatchObject({ kind: 'outcome_unknown' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('a refusal is failed, keeps the input, and a new confirm gets a new key', async () => {
    const client = recordingClient();
    client.answer = () => Promise.reject(new PaymentSessionsError({ kind: 'http', status: 400, code: 'ChargeDisputed', message: 'Disputed.' }));
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => void result.current.confirm(refund));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current).toMatchObject({ isFailed: true, input: refund, error: { code: 'ChargeDisputed' } });
    act(() => void result.current.confirm({ ...refund, amount: usd(1000) }));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(client.requests).toHaveLength(2);
    expect(client.requests[1]!.idempotencyKey).not.toBe(client.requests[0]!.idempotencyKey);
    // A refusal is final: nothing is kept for after a reload.
    expect(sessionStorage.length).toBe(0);
  });

  it('a host client’s own failure (not a PaymentSessionsError) is unknown', async () => {
    const client = recordingClient();
    client.answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => void result.current.confirm(refund));
    await waitFor(() => expect(result.current.status).toBe('unknown'));
    expect(result.current.error).toMatchObject({ kind: 'outcome_unknown', cause: expect.any(TypeError) });
  });

  it('after a reload, an attempt that never answered comes back unknown, and Retry uses its key', async () => {
    const before = recordingClient();
    before.answer = never;
    const first = renderAction(dataset()[0]!, 'refund', before);
    act(() => void first.result.current.confirm(refund));
    expect(first.result.current.status).toBe('running');
    first.unmount();

    // A reload: a new page has a new client object (and so no attempt in memory), the same sessionStorage.
    const after = recordingClient();
    const second = renderAction(dataset()[0]!, 'refund', after);
    expect(second.result.current).toMatchObject({ status: 'unknown', input: refund });
    act(() => second.result.current.retry());
    await waitFor(() => expect(second.result.current.status).toBe('succeeded'));
    expect(after.requests).toEqual([before.requests[0]]);
    expect(sessionStorage.length).toBe(0);
  });

  it('ignores what it cannot read in sessionStorage, and works where sessionStorage throws', async () => {
    sessionStorage.setItem('react-payment-sessions:action|fake|ps_0001', '{"sessionId":"ps_0001","action":"refund","idempotencyKey":"k 1"}');
    const client = recordingClient();
    const view = renderAction(dataset()[0]!, 'refund', client);
    expect(view.result.current.status).toBe('idle');
    view.unmount();

    const getter = vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      const other = recordingClient();
      const { result } = renderAction(dataset()[0]!, 'refund', other);
      act(() => void result.current.confirm(refund));
      await waitFor(() => expect(result.current.status).toBe('succeeded'));
      expect(other.requests).toHaveLength(1);
    } finally {
      getter.mockRestore();
    }
  });

  it('one action per session at a time, across hooks', async () => {
    const client = recordingClient();
    client.answer = never;
    const session = dataset()[1]!;
    const { wrapper } = providerWrapper(createFakeFetcher({ sessions: dataset() }), { actions: client });
    const { result } = renderHook(
      () => ({ capture: useSessionAction(session, 'capture'), void: useSessionAction(session, 'void'), captureElsewhere: useSessionAction(session, 'capture') }),
      { wrapper },
    );
    expect(result.current.capture.allowed).toEqual(['capture', 'void']);
    act(() => void result.current.capture.confirm({ amount: usd(3000) }));
    expect(result.current.void).toMatchObject({ busy: true, status: 'idle' });
    expect(result.current.captureElsewhere.status).toBe('running');
    expect(result.current.void.confirm()).toBe('busy');
    expect(result.current.captureElsewhere.confirm({ amount: usd(3000) })).toBe('busy');
    await act(async () => undefined);
    expect(client.requests).toHaveLength(1);
  });

  it('after a success, shows the new status at once, fetches the session’s list page once, then shows the server’s record', async () => {
    const sessions = dataset();
    // Page 1 answers at once the first time; its revalidation takes 300 ms, long enough to look at it.
    let pageOneCalls = 0;
    const fetcher = createFakeFetcher({ sessions, delayMs: (query) => (query.page === 1 && pageOneCalls++ > 0 ? 300 : 5) });
    const client = recordingClient();
    const { wrapper } = providerWrapper(fetcher, { actions: client });
    const { result } = renderHook(
      () => {
        const list = usePaymentSessions({ page: 1, pageSize: 20 });
        const row = list.sessions[0];
        return { list, refund: useSessionAction(row, 'refund') };
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.sessions).toHaveLength(20));
    await waitFor(() => expect(fetcher.callsForPage(2)).toHaveLength(1)); // the prefetch
    const callsBefore = fetcher.calls.length;

    // The backend's record after the refund, as the revalidation will bring it.
    sessions[0] = { ...sessions[0]!, status: 'partially_refunded', statusSummary: 'Partially Refunded', refundedAmount: usd(1200), refundableAmount: usd(3800) };
    act(() => void result.current.refund.confirm(refund));
    await waitFor(() => expect(result.current.refund.status).toBe('succeeded'));
    expect(result.current.refund.session).toMatchObject({ status: 'partially_refunded', refundedAmount: usd(1200), refundableAmount: usd(3800) });
    expect(result.current.refund.session?.statusSummary).toBeUndefined();
    // The row of the list shows the effect at once too (the cached page holds the same optimistic record).
    expect(result.current.list.sessions[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: usd(1200) });
    expect(result.current.list.sessions[0]?.statusSummary).toBeUndefined();

    await waitFor(() => expect(result.current.list.sessions[0]?.statusSummary).toBe('Partially Refunded'));
    expect(result.current.refund.session).toBe(result.current.list.sessions[0]);
    expect(client.requests).toHaveLength(1);
    // One write and one read: the page on screen; the prefetched page 2 is dropped, not fetched again.
    expect(fetcher.calls.slice(callsBefore).map((call) => call.query.page)).toEqual([1]);
  });

  it('from the detail: one write, then the open session and the list page on screen fetched once each', async () => {
    const sessions = dataset();
    const fetcher = Object.assign(createFakeFetcher({ sessions }), {
      getSession: vi.fn(async (id: string) => sessions.find((session) => session.id === id) ?? null),
    });
    const client = recordingClient();
    const { wrapper } = providerWrapper(fetcher, { actions: client });
    const { result } = renderHook(
      () => {
        const list = usePaymentSessions({ page: 1, pageSize: 20 });
        const detail = usePaymentSession('ps_0002');
        return { list, detail, capture: useSessionAction(detail.session, 'capture') };
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.detail.session?.id).toBe('ps_0002'));
    await waitFor(() => expect(result.current.list.sessions).toHaveLength(20));
    await waitFor(() => expect(fetcher.callsForPage(2)).toHaveLength(1));
    const pageCallsBefore = fetcher.calls.length;
    expect(fetcher.getSession).toHaveBeenCalledOnce();

    sessions[1] = { ...sessions[1]!, status: 'captured', capturedAmount: usd(3000), refundableAmount: usd(3000), statusSummary: 'Captured' };
    act(() => void result.current.capture.confirm({ amount: usd(3000) }));
    await waitFor(() => expect(result.current.detail.session?.statusSummary).toBe('Captured'));
    expect(result.current.capture.session?.status).toBe('captured');
    expect(client.requests).toHaveLength(1);
    expect(fetcher.getSession).toHaveBeenCalledTimes(2);
    expect(fetcher.calls.slice(pageCallsBefore).map((call) => call.query.page)).toEqual([1]);
  });

  it('reset forgets a settled attempt; begin starts a new one', async () => {
    const client = recordingClient();
    client.answer = unknownOutcome;
    const { result } = renderAction(dataset()[0]!, 'refund', client);
    act(() => void result.current.confirm(refund));
    await waitFor(() => expect(result.current.status).toBe('unknown'));
    expect(sessionStorage.length).toBe(1);
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: 'idle', error: null, input: undefined });
    expect(sessionStorage.length).toBe(0);
    act(() => result.current.begin());
    expect(result.current.status).toBe('confirming');
  });
});
