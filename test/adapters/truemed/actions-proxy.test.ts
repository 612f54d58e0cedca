/**
 * The whole write path over real HTTP on 127.0.0.1: createTruemedActions (the browser's client) →
 * createTruemedProxy with its write routes → the fake Truemed API, and the list read back through the
 * fetcher, as a portal does it.
 */
import { createTruemedActions } from '../../../src/adapters/truemed/actions';
import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { allowedActions, refundableOf, type SessionActionRequest } from '../../../src/core/actions';
import type { PaymentSession } from '../../../src/core/types';
import { createTruemedProxy } from 'react-payment-sessions/server';
import { createFakeTruemedApi, FAKE_TRUEMED_API_KEY, type FetchServer } from 'react-payment-sessions/testing';
import { serveFetchHandler } from '../../../src/testing/node-http';
import { liveSignal } from '../helpers';

let upstream: FetchServer;
let portal: FetchServer;
/** Which role the next browser request is signed in with. */
let role: 'admin' | 'viewer' = 'admin';
const writes: SessionActionRequest['action'][] = [];

beforeAll(async () => {
  upstream = await createFakeTruemedApi({ sessions: 120, seed: 13 }).listen();
  const proxy = createTruemedProxy({
    apiKey: FAKE_TRUEMED_API_KEY,
    baseUrl: upstream.url,
    actions: ['refund', 'capture', 'void', 'cancel'],
    // A viewer may list but change nothing.
    authorize: (request, intent) => {
      const who = request.headers.get('cookie');
      if (intent.action === 'list' || intent.action === 'read') return who !== null;
      writes.push(intent.action);
      return who === 'role=admin';
    },
  });
  portal = await serveFetchHandler(proxy);
});
afterAll(async () => {
  await portal.close();
  await upstream.close();
});
beforeEach(() => {
  role = 'admin';
});

/** The browser's fetch: same-origin, with the portal's session cookie (Node's fetch sends neither by itself). */
const browserFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('origin', portal.url);
  headers.set('sec-fetch-site', 'same-origin');
  headers.set('cookie', `role=${role}`);
  return fetch(input, { ...init, headers });
};

const actions = () => createTruemedActions({ baseUrl: `${portal.url}/api/truemed`, fetch: browserFetch });
const fetcher = () =>
  createTruemedFetcher({ baseUrl: `${portal.url}/api/truemed`, fetch: browserFetch, include: { items: true, refunds: true, disputes: true }, summarizeRefunds: true, maxPageSize: 100 });

async function sessions(): Promise<PaymentSession[]> {
  return (await fetcher()({ page: 1, pageSize: 100 }, { signal: liveSignal() })).sessions;
}

async function sessionById(id: string): Promise<PaymentSession> {
  const found = await fetcher().getSession!(id, { signal: liveSignal() });
  if (!found) throw new Error(`no session ${id}`);
  return found;
}

/** The first session that allows `action`, for a test to act on. */
async function first(action: SessionActionRequest['action'], taken: Set<string>): Promise<PaymentSession> {
  const found = (await sessions()).find((session) => !taken.has(session.id) && allowedActions(session).includes(action));
  if (!found) throw new Error(`the fake's dataset has no session that allows ${action}`);
  taken.add(found.id);
  return found;
}

const taken = new Set<string>();

describe('createTruemedActions through createTruemedProxy to the fake Truemed', () => {
  it('a partial refund lowers what is refundable; the same key again has no second effect', async () => {
    const session = await first('refund', taken);
    const refundable = refundableOf(session)!;
    const amount = { amountMinor: Math.max(1, Math.floor(refundable.amountMinor / 3)), currency: refundable.currency };
    const request: SessionActionRequest = { action: 'refund', sessionId: session.id, amount, reason: 'customer_request', idempotencyKey: 'e2e-refund-1' };

    const result = await actions().run(request, { signal: liveSignal() });
    expect(result).toMatchObject({ action: 'refund', sessionId: session.id, id: expect.any(String) });
    const after = await sessionById(session.id);
    expect(refundableOf(after)?.amountMinor).toBe(refundable.amountMinor - amount.amountMinor);
    expect(after.status).toBe('partially_refunded');

    const again = await actions().run(request, { signal: liveSignal() });
    expect(again.id).toBe(result.id);
    expect(refundableOf(await sessionById(session.id))?.amountMinor).toBe(refundable.amountMinor - amount.amountMinor);
  });

  it('a refund above what is refundable is Truemed’s AmountInvalid', async () => {
    const session = await first('refund', taken);
    const refundable = refundableOf(session)!;
    await expect(
      actions().run({ action: 'refund', sessionId: session.id, amount: { ...refundable, amountMinor: refundable.amountMinor + 1 }, reason: 'duplicate_payment', idempotencyKey: 'e2e-refund-2' }, { signal: liveSignal() }),
    ).rejects.toMatchObject({ kind: 'http', status: 400, code: 'AmountInvalid' });
  });

  it('captures an authorization, then voids another', async () => {
    const toCapture = await first('capture', taken);
    await expect(actions().run({ action: 'capture', sessionId: toCapture.id, amount: toCapture.capturableAmount!, idempotencyKey: 'e2e-capture-1' }, { signal: liveSignal() })).resolves.toMatchObject({ action: 'capture', id: expect.any(String) });
    expect((await sessionById(toCapture.id)).status).toMatch(/captured/);

    const toVoid = await first('void', taken);
    await expect(actions().run({ action: 'void', sessionId: toVoid.id, idempotencyKey: 'e2e-void-1' }, { signal: liveSignal() })).resolves.toMatchObject({ action: 'void' });
    expect((await sessionById(toVoid.id)).status).toBe('voided');
  });

  it('cancels a pending session', async () => {
    const session = await first('cancel', taken);
    await actions().run({ action: 'cancel', sessionId: session.id, idempotencyKey: 'e2e-cancel-1' }, { signal: liveSignal() });
    expect((await sessionById(session.id)).status).toBe('canceled');
  });

  it('a viewer lists but may not refund: auth Forbidden, nothing changed', async () => {
    role = 'viewer';
    const session = await first('refund', taken);
    const before = refundableOf(session)!;
    const error = await actions()
      .run({ action: 'refund', sessionId: session.id, amount: { ...before, amountMinor: 1 }, reason: 'customer_request', idempotencyKey: 'e2e-viewer-1' }, { signal: liveSignal() })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'auth', status: 403, code: 'Forbidden' });
    expect((error as Error).message).not.toContain('e2e-viewer-1');
    expect(refundableOf(await sessionById(session.id))).toEqual(before);
  });

  it('a request from another site is refused before authorize runs', async () => {
    const session = await first('cancel', taken);
    const crossSite = createTruemedActions({
      baseUrl: `${portal.url}/api/truemed`,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('origin', 'https://evil.example');
        headers.set('sec-fetch-site', 'cross-site');
        headers.set('cookie', 'role=admin');
        return fetch(input, { ...init, headers });
      },
    });
    const writesBefore = writes.length;
    await expect(crossSite.run({ action: 'cancel', sessionId: session.id, idempotencyKey: 'e2e-csrf-1' }, { signal: liveSignal() })).rejects.toMatchObject({ kind: 'auth', status: 403, code: 'CrossSiteRequest' });
    expect(writes.length).toBe(writesBefore);
  });
});
