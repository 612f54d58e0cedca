/**
 * The fault matrix for writes, over the real path a portal uses: createTruemedActions (the browser's
 * client) → createTruemedProxy's write routes → the fake Truemed API, all real HTTP on 127.0.0.1. Each fault
 * is injected into the fake's next write; each row says what the client must report and — the point of
 * the matrix — whether the refund happened. A fault after the effect must be "outcome unknown", and a
 * retry with the same idempotency key must then answer without refunding twice.
 */
import { createTruemedActions } from '../../src/adapters/truemed/actions';
import { createTruemedFetcher } from '../../src/adapters/truemed/fetcher';
import { allowedActions, isOutcomeUnknown, refundableOf, type SessionActionRequest } from '../../src/core/actions';
import type { PaymentSession } from '../../src/core/types';
import { createTruemedProxy } from 'react-payment-sessions/server';
import {
  createFakeTruemedApi,
  FAKE_TRUEMED_API_KEY,
  type FakeTruemedApi,
  type FakeTruemedWriteFailure,
  type FetchServer,
} from 'react-payment-sessions/testing';
import { serveFetchHandler } from '../../src/testing/node-http';
import { liveSignal } from '../adapters/helpers';

let api: FakeTruemedApi;
let upstream: FetchServer;
let portal: FetchServer;

beforeAll(async () => {
  api = createFakeTruemedApi({ sessions: 160, seed: 21 });
  upstream = await api.listen();
  const proxy = createTruemedProxy({
    apiKey: FAKE_TRUEMED_API_KEY,
    baseUrl: upstream.url,
    actions: ['refund', 'capture', 'void', 'cancel'],
    // Short, so the hanging row is quick; the client waits longer than the proxy.
    timeoutMs: 400,
    authorize: () => true,
  });
  portal = await serveFetchHandler(proxy);
});
afterAll(async () => {
  await portal.close();
  await upstream.close();
});
afterEach(() => api.failNextWrite(null));

/** The browser's fetch: same-origin, as a portal page sends it. */
const browserFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('origin', portal.url);
  headers.set('sec-fetch-site', 'same-origin');
  return fetch(input, { ...init, headers });
};
const client = () => createTruemedActions({ baseUrl: `${portal.url}/api/truemed`, fetch: browserFetch, timeoutMs: 5_000 });
const fetcher = () => createTruemedFetcher({ baseUrl: `${portal.url}/api/truemed`, fetch: browserFetch, include: { refunds: true }, maxPageSize: 100 });

const taken = new Set<string>();
/** A session not used by another row that allows a refund. */
async function refundable(): Promise<PaymentSession> {
  const { sessions } = await fetcher()({ page: 1, pageSize: 100 }, { signal: liveSignal() });
  const found = sessions.find((session) => !taken.has(session.id) && allowedActions(session).includes('refund'));
  if (!found) throw new Error('the fake has no refundable session left');
  taken.add(found.id);
  return found;
}
async function refundsOf(id: string): Promise<number> {
  const session = await fetcher().getSession!(id, { signal: liveSignal() });
  return session?.refunds.length ?? -1;
}

interface Row {
  name: string;
  fault: FakeTruemedWriteFailure;
  afterEffect: boolean;
  /** What the client reports. */
  error: { kind: string; status?: number; code?: string };
  unknown: boolean;
}

const ROWS: Row[] = [
  ...['MissingField', 'AmountInvalid', 'InvalidPaymentId', 'ChargeDisputed', 'NoSessionCaptures'].map(
    (code): Row => ({
      name: `Truemed 400 ${code}`,
      fault: { status: 400, body: { error: code, message: `Refused: ${code}.` } },
      afterEffect: false,
      error: { kind: 'http', status: 400, code },
      unknown: false,
    }),
  ),
  // The client reads every 502/504 as "outcome unknown", the safe side: it cannot tell a gateway's 502 after
  // the write from one before it. Nothing happened here, and the retry with the same key is as safe.
  { name: 'Truemed 401 (the proxy’s key)', fault: { status: 401, body: { error: 'Unauthorized', message: 'Bad key.' } }, afterEffect: false, error: { kind: 'outcome_unknown', status: 502, code: 'UpstreamAuthFailed' }, unknown: true },
  { name: 'Truemed 429 with Retry-After', fault: { status: 429, headers: { 'retry-after': '7' }, body: { error: 'RateLimited', message: 'Slow down.' } }, afterEffect: false, error: { kind: 'rate_limit', status: 429 }, unknown: false },
  { name: 'Truemed 500 after the refund was made', fault: { status: 500, body: { error: 'ServerError', message: 'Oops.' } }, afterEffect: true, error: { kind: 'outcome_unknown', status: 502 }, unknown: true },
  { name: 'Truemed 503 before anything happened', fault: { status: 503, body: { error: 'Unavailable', message: 'Down.' } }, afterEffect: false, error: { kind: 'outcome_unknown', status: 502 }, unknown: true },
  { name: 'no answer (the proxy times out) after the refund was made', fault: { kind: 'hang' }, afterEffect: true, error: { kind: 'outcome_unknown', status: 504 }, unknown: true },
  { name: 'the connection dropped after the refund was made', fault: { kind: 'network' }, afterEffect: true, error: { kind: 'outcome_unknown', status: 502 }, unknown: true },
];

describe('writes through client → proxy → fake Truemed, one fault each', () => {
  it.each(ROWS)('$name', async (row) => {
    const session = await refundable();
    const before = await refundsOf(session.id);
    const request: SessionActionRequest = {
      action: 'refund',
      sessionId: session.id,
      amount: { ...refundableOf(session)!, amountMinor: 1 },
      reason: 'customer_request',
      idempotencyKey: `matrix-${session.id}`,
    };
    api.failNextWrite(row.fault, { afterEffect: row.afterEffect });

    const error = await client().run(request, { signal: liveSignal() }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject(row.error);
    expect(isOutcomeUnknown(error)).toBe(row.unknown);
    expect((error as Error).message).not.toContain(FAKE_TRUEMED_API_KEY);
    expect((error as Error).message).not.toContain(request.idempotencyKey);
    expect(await refundsOf(session.id)).toBe(row.afterEffect ? before + 1 : before);

    // Retry with the same key: exactly one refund in the end, whichever side of the effect the fault fell.
    const retried = await client().run(request, { signal: liveSignal() });
    expect(retried).toMatchObject({ action: 'refund', sessionId: session.id, id: expect.any(String) });
    expect(await refundsOf(session.id)).toBe(before + 1);
  });

  it('a refused connection behind the proxy: reported on the safe side (outcome unknown, 502), and nothing was sent', async () => {
    const closed = await serveFetchHandler(() => Promise.resolve(new Response('')));
    const deadUrl = closed.url;
    await closed.close();
    const proxy = createTruemedProxy({ apiKey: FAKE_TRUEMED_API_KEY, baseUrl: deadUrl, actions: ['refund'], authorize: () => true });
    const lonely = await serveFetchHandler(proxy);
    try {
      const client = createTruemedActions({
        baseUrl: `${lonely.url}/api/truemed`,
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set('origin', lonely.url);
          return fetch(input, { ...init, headers });
        },
      });
      const error = await client
        .run({ action: 'refund', sessionId: 'ps_1', amount: { amountMinor: 100, currency: 'USD' }, reason: 'customer_request', idempotencyKey: 'matrix-refused' }, { signal: liveSignal() })
        .catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ kind: 'outcome_unknown', status: 502, code: 'UpstreamUnavailable' });
      expect(isOutcomeUnknown(error)).toBe(true);
    } finally {
      await lonely.close();
    }
  });
});
