/**
 * The fake Truemed API's write calls (capture, void, cancel, refund) over real HTTP on 127.0.0.1: each
 * documented state change, each error code, idempotency, and the list read back through the real
 * Truemed fetcher afterwards. Expectations are worked out from `api.records` before the write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTruemedFetcher } from '../../src/adapters/truemed/fetcher';
import type { TruemedOrderItemWire, TruemedPaymentSessionWire } from '../../src/adapters/truemed/wire';
import type { PaymentSession } from '../../src/core/types';
import {
  createFakeTruemedApi,
  FAKE_TRUEMED_API_KEY,
  FAKE_TRUEMED_REFUND_PATH,
  makeTruemedRecords,
  type FakeTruemedApi,
  type FakeTruemedApiOptions,
  type FetchServer,
} from 'react-payment-sessions/testing';
import { liveSignal } from '../adapters/helpers';

const WRITE_TIME = Date.UTC(2026, 10, 20, 12, 0, 0);
const KEY_HEADERS = { 'x-truemed-api-key': FAKE_TRUEMED_API_KEY, 'content-type': 'application/json' };

let api: FakeTruemedApi;
let server: FetchServer;

async function start(options: FakeTruemedApiOptions = {}): Promise<void> {
  api = createFakeTruemedApi({ sessions: 60, seed: 5, clock: () => WRITE_TIME, ...options });
  server = await api.listen();
}

beforeEach(async () => {
  await start();
});
afterEach(async () => {
  await server.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(path: string, body: unknown, headers: Record<string, string> = KEY_HEADERS): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sessionPath = (id: string, action: string) => `/payments/v1/payment_session/${encodeURIComponent(id)}/${action}`;
const capture = (id: string, body: unknown) => post(sessionPath(id, 'capture'), body);
const voidSession = (id: string, body: unknown = { idempotency_key: `void-${id}` }) => post(sessionPath(id, 'void'), body);
const cancel = (id: string, body: unknown = { idempotency_key: `cancel-${id}` }) => post(sessionPath(id, 'cancel'), body);
const refund = (body: unknown) => post(FAKE_TRUEMED_REFUND_PATH, body);

/** A 400 with this code and a message. */
const rejected = (error: string) => ({ status: 400, body: { error, message: expect.any(String) } });

function find(predicate: (record: TruemedPaymentSessionWire) => boolean): TruemedPaymentSessionWire {
  const record = api.records.find(predicate);
  if (record === undefined) throw new Error('the dataset lacks a record the test needs');
  return record;
}
const current = (id: string) => api.records.find((record) => record.id === id) as TruemedPaymentSessionWire;
const bySummary = (status: string, summary: string) => find((r) => r.status === status && r.status_summary === summary);
const isOpen = (dispute: { status?: string }) => !['won', 'lost'].includes(dispute.status ?? '');
/** A captured session that may be refunded: money left, no open dispute. */
const refundable = () =>
  find((r) => r.status === 'captured' && r.status_summary === 'Captured' && !(r.disputes ?? []).some(isOpen));
const sumOf = (items: TruemedOrderItemWire[] | undefined, field: keyof TruemedOrderItemWire) =>
  (items ?? []).reduce((total, item) => total + Number(item[field] ?? 0), 0);

/** The single-session read, with every part included. */
async function getOne(id: string): Promise<TruemedPaymentSessionWire> {
  const query = 'include_order_items=true&include_metadata=true&include_truemed_fee=true';
  const response = await fetch(`${server.url}/payments/v1/payment_session/${id}?${query}`, { headers: KEY_HEADERS });
  expect(response.status).toBe(200);
  return (await response.json()) as TruemedPaymentSessionWire;
}

/** The session as the real fetcher maps it from a list page (the page it is on, items and summed refunds). */
async function listed(id: string, summarizeRefunds = false): Promise<PaymentSession> {
  const fetcher = createTruemedFetcher({ baseUrl: server.url, apiKey: FAKE_TRUEMED_API_KEY, include: { items: true }, summarizeRefunds });
  const page = await fetcher({ page: 1, pageSize: 100 }, { signal: liveSignal() });
  const session = page.sessions.find((candidate) => candidate.id === id);
  if (session === undefined) throw new Error(`session ${id} is not listed`);
  return session;
}

describe('the seeded dataset', () => {
  it('holds a session in every actionable state (and the states that refuse each action)', () => {
    const records = makeTruemedRecords();
    const has = (predicate: (record: TruemedPaymentSessionWire) => boolean) => records.some(predicate);
    expect(has((r) => r.status === 'authorized' && sumOf(r.order_items, 'total_capturable') > 0 && r.captured_on === undefined)).toBe(true);
    expect(has((r) => r.status === 'authorized' && r.status_summary === 'Partially Captured' && sumOf(r.order_items, 'total_capturable') > 0)).toBe(true);
    expect(has((r) => r.status === 'captured' && sumOf(r.order_items, 'total_refundable') > 0 && !(r.disputes ?? []).some(isOpen))).toBe(true);
    expect(has((r) => r.status_summary === 'Partially Refunded' && sumOf(r.order_items, 'total_refundable') > 0)).toBe(true);
    expect(has((r) => (r.disputes ?? []).some(isOpen))).toBe(true);
    expect(has((r) => r.status === 'pending')).toBe(true);
    for (const status of ['authorization_voided', 'authorization_expired', 'canceled', 'processing', 'rejected']) {
      expect(has((r) => r.status === status)).toBe(true);
    }
  });
});

describe('capture', () => {
  it('captures the whole authorization: captured / Captured, the hold released, the money refundable', async () => {
    const before = bySummary('authorized', 'Authorized');
    const amount = sumOf(before.order_items, 'total_capturable');
    const answer = await capture(before.id, { total_amount: amount, idempotency_key: 'cap-1' });
    expect(answer).toEqual({ status: 200, body: { id: expect.stringMatching(/^cp_/) } });

    const after = await getOne(before.id);
    expect(after).toMatchObject({
      status: 'captured',
      status_summary: 'Captured',
      captured_amount: amount,
      captured_on: new Date(WRITE_TIME).toISOString(),
      updated_on: new Date(WRITE_TIME).toISOString(),
    });
    expect(sumOf(after.order_items, 'total_capturable')).toBe(0);
    expect(sumOf(after.order_items, 'quantity_capturable')).toBe(0);
    expect(sumOf(after.order_items, 'total_refundable')).toBe(amount);
    expect(sumOf(after.order_items, 'quantity_refundable')).toBe(sumOf(before.order_items, 'quantity'));

    const session = await listed(before.id);
    expect(session.status).toBe('captured');
    expect(session.capturedAmount?.amountMinor).toBe(amount);
    expect(session.refundableAmount?.amountMinor).toBe(amount);
    expect(session.capturableAmount?.amountMinor).toBe(0);
  });

  it('captures part of it: Partially Captured, which the adapter reads as partially_captured', async () => {
    const before = bySummary('authorized', 'Authorized');
    const amount = sumOf(before.order_items, 'total_capturable') - 1;
    expect((await capture(before.id, { total_amount: amount, idempotency_key: 'cap-part' })).status).toBe(200);
    expect(current(before.id)).toMatchObject({ status: 'captured', status_summary: 'Partially Captured', captured_amount: amount });
    const session = await listed(before.id);
    expect(session.status).toBe('partially_captured');
    expect(session.refundableAmount?.amountMinor).toBe(amount);
  });

  it('captures the rest of a partly captured authorization, keeping the first capture time', async () => {
    const before = bySummary('authorized', 'Partially Captured');
    const rest = sumOf(before.order_items, 'total_capturable');
    expect((await capture(before.id, { total_amount: rest })).status).toBe(200);
    expect(current(before.id)).toMatchObject({
      status: 'captured',
      status_summary: 'Captured',
      captured_amount: before.total_amount,
      captured_on: before.captured_on,
    });
    expect(sumOf(current(before.id).order_items, 'total_refundable')).toBe(before.total_amount);
  });

  it('captures an authorization without item figures up to its total less what was captured', async () => {
    await server.close();
    await start({
      sessions: [
        { id: 'ps_hold', kind: 'authorization', status: 'authorized', status_summary: 'Authorized', total_amount: 8_000, created_on: '2026-10-01T10:00:00.000Z' },
      ],
    });
    expect(await capture('ps_hold', { total_amount: 8_001 })).toEqual(rejected('TotalAmountInvalid'));
    expect((await capture('ps_hold', { total_amount: 3_000 })).status).toBe(200);
    expect(current('ps_hold')).toMatchObject({ status: 'captured', status_summary: 'Partially Captured', captured_amount: 3_000 });
    expect(current('ps_hold')).not.toHaveProperty('order_items');
    const session = await listed('ps_hold');
    expect(session.status).toBe('partially_captured');
    expect(session.refundableAmount?.amountMinor).toBe(3_000);
  });

  it('refuses a missing, malformed or too large total_amount, and changes nothing', async () => {
    const before = bySummary('authorized', 'Authorized');
    const capturable = sumOf(before.order_items, 'total_capturable');
    expect(await capture(before.id, { idempotency_key: 'k1' })).toEqual(rejected('MissingField'));
    expect(await capture(before.id, '')).toEqual(rejected('MissingField'));
    expect(await capture(before.id, 'not json')).toEqual(rejected('MissingField'));
    for (const total of [0, -5, 1.5, '100', capturable + 1]) {
      expect(await capture(before.id, { total_amount: total, idempotency_key: `k-${String(total)}` })).toEqual(rejected('TotalAmountInvalid'));
    }
    expect(current(before.id)).toEqual(before);
  });

  it('refuses an unknown or malformed id with PaymentSessionDoesNotExist', async () => {
    expect(await capture('ps_doesnotexist', { total_amount: 100 })).toEqual(rejected('PaymentSessionDoesNotExist'));
    expect(await capture('ps bad.id', { total_amount: 100 })).toEqual(rejected('PaymentSessionDoesNotExist'));
  });

  it.each([
    ['authorization_voided', 'SessionVoided'],
    ['canceled', 'SessionVoided'],
    ['rejected', 'SessionVoided'],
    ['authorization_expired', 'SessionExpired'],
    ['pending', 'SessionPending'],
    ['processing', 'SessionPending'],
    ['captured', 'SessionCaptured'],
  ])('refuses a %s session with %s', async (status, code) => {
    const record = find((r) => r.status === status);
    expect(await capture(record.id, { total_amount: 1, idempotency_key: `state-${status}` })).toEqual(rejected(code));
    expect(current(record.id)).toEqual(record);
  });

  it('answers SessionCaptured to a second capture with another key, but never to a repeat of the same key', async () => {
    const record = bySummary('authorized', 'Authorized');
    const body = { total_amount: record.total_amount, idempotency_key: 'cap-repeat' };
    const first = await capture(record.id, body);
    expect(await capture(record.id, body)).toEqual(first);
    expect(await capture(record.id, { ...body, idempotency_key: 'cap-other' })).toEqual(rejected('SessionCaptured'));
  });
});

describe('void', () => {
  it('voids an authorization: authorization_voided / Voided, nothing left to capture, read back as voided', async () => {
    const before = bySummary('authorized', 'Authorized');
    expect(await voidSession(before.id)).toEqual({ status: 200, body: {} });
    const after = await getOne(before.id);
    expect(after).toMatchObject({ status: 'authorization_voided', status_summary: 'Voided', updated_on: new Date(WRITE_TIME).toISOString() });
    expect(sumOf(after.order_items, 'total_capturable')).toBe(0);
    expect((await listed(before.id)).status).toBe('voided');
  });

  it('needs no body (the key is optional)', async () => {
    const record = bySummary('authorized', 'Authorized');
    expect(await voidSession(record.id, '')).toEqual({ status: 200, body: {} });
    expect(current(record.id).status).toBe('authorization_voided');
  });

  it.each([
    ['authorization_voided', 'SessionVoided'],
    ['authorization_expired', 'SessionExpired'],
    ['pending', 'SessionPending'],
    ['captured', 'SessionCaptured'],
  ])('refuses a %s session with %s', async (status, code) => {
    const record = find((r) => r.status === status);
    expect(await voidSession(record.id)).toEqual(rejected(code));
    expect(current(record.id)).toEqual(record);
  });

  it('refuses an unknown id and a non-string key', async () => {
    expect(await voidSession('ps_doesnotexist')).toEqual(rejected('PaymentSessionDoesNotExist'));
    const record = bySummary('authorized', 'Authorized');
    expect(await voidSession(record.id, { idempotency_key: 42 })).toEqual(rejected('MissingField'));
    expect(current(record.id)).toEqual(record);
  });
});

describe('cancel', () => {
  it('cancels a pending session: canceled / Canceled, read back as canceled', async () => {
    const before = find((r) => r.status === 'pending');
    expect(await cancel(before.id)).toEqual({ status: 200, body: {} });
    expect(await getOne(before.id)).toMatchObject({ status: 'canceled', status_summary: 'Canceled' });
    expect((await listed(before.id)).status).toBe('canceled');
  });

  it.each([
    ['authorized', 'SessionAuthorized'],
    ['processing', 'SessionPending'],
    ['captured', 'SessionCaptured'],
    ['canceled', 'SessionVoided'],
    ['authorization_voided', 'SessionVoided'],
    ['authorization_expired', 'SessionExpired'],
  ])('refuses a %s session with %s', async (status, code) => {
    const record = find((r) => r.status === status);
    expect(await cancel(record.id)).toEqual(rejected(code));
    expect(current(record.id)).toEqual(record);
  });

  it('refuses an unknown id', async () => {
    expect(await cancel('ps_doesnotexist')).toEqual(rejected('PaymentSessionDoesNotExist'));
  });
});

describe('refund', () => {
  const body = (id: string, amount: number, key: string, extra: Record<string, unknown> = {}) => ({
    payment_id: id,
    amount,
    reason: 'customer_request',
    idempotency_key: key,
    ...extra,
  });

  it('refunds part: a refund entry, refund_amount up, total_refundable down, Partially Refunded', async () => {
    const before = refundable();
    const left = sumOf(before.order_items, 'total_refundable');
    const answer = await refund(body(before.id, 1_000, 'r-part'));
    expect(answer).toEqual({
      status: 200,
      body: {
        refund_id: expect.stringMatching(/^re_/),
        payment_id: before.id,
        amount: 1_000,
        reason: 'customer_request',
        status: 'succeeded',
        created_on: new Date(WRITE_TIME).toISOString(),
      },
    });
    const after = await getOne(before.id);
    expect(after.status).toBe('captured');
    expect(after.status_summary).toBe('Partially Refunded');
    expect(after.refunds).toEqual([
      ...(before.refunds ?? []),
      { id: answer.body.refund_id, amount: 1_000, status: 'succeeded', reason: 'customer_request', created_on: new Date(WRITE_TIME).toISOString() },
    ]);
    expect(sumOf(after.order_items, 'total_refundable')).toBe(left - 1_000);

    const summed = await (await fetch(`${server.url}/payments/v1/payment_session/${before.id}?summarize_refunds=true`, { headers: KEY_HEADERS })).json();
    expect(summed).toMatchObject({ refund_amount: 1_000 });

    const session = await listed(before.id, true);
    expect(session.status).toBe('partially_refunded');
    expect(session.refundedAmount?.amountMinor).toBe(1_000);
    expect(session.refundableAmount?.amountMinor).toBe(left - 1_000);
  });

  it('refunds the rest: Refunded, nothing refundable; one cent more is AmountInvalid', async () => {
    const before = bySummary('captured', 'Partially Refunded');
    const left = sumOf(before.order_items, 'total_refundable');
    expect((await refund(body(before.id, left, 'r-rest'))).status).toBe(200);
    const after = current(before.id);
    expect(after.status_summary).toBe('Refunded');
    expect(after.refunds).toHaveLength((before.refunds ?? []).length + 1);
    expect(sumOf(after.order_items, 'total_refundable')).toBe(0);
    expect(sumOf(after.order_items, 'quantity_refundable')).toBe(0);
    const session = await listed(before.id);
    expect(session.status).toBe('refunded');
    expect(session.refundableAmount?.amountMinor).toBe(0);
    expect(await refund(body(before.id, 1, 'r-more'))).toEqual(rejected('AmountInvalid'));
  });

  it('lowers the quantity_refundable of the items named in item_details', async () => {
    const before = find(
      (r) => r.status_summary === 'Captured' && !(r.disputes ?? []).some(isOpen) && (r.order_items ?? []).some((item) => item.quantity >= 2),
    );
    const items = before.order_items ?? [];
    const index = items.findIndex((item) => item.quantity >= 2);
    const item = items[index]!;
    const answer = await refund(body(before.id, item.price, 'r-item', { item_details: [{ sku: item.sku, quantity: 1 }] }));
    expect(answer.status).toBe(200);
    const afterItems = current(before.id).order_items ?? [];
    expect(afterItems[index]).toMatchObject({ quantity_refundable: item.quantity - 1, total_refundable: item.price * (item.quantity - 1) });
    // The other items are untouched.
    expect(afterItems.filter((_, position) => position !== index)).toEqual(items.filter((_, position) => position !== index));
  });

  it('takes the named units off quantity_refundable even when less than their price comes back', async () => {
    const before = find((r) => r.status_summary === 'Captured' && !(r.disputes ?? []).some(isOpen) && (r.order_items ?? []).some((item) => item.price > 100));
    const index = before.order_items!.findIndex((item) => item.price > 100);
    const item = before.order_items![index]!;
    const answer = await refund(body(before.id, 100, 'r-goodwill', { item_details: [{ name: item.name, quantity: 1, amount: 100 }] }));
    expect(answer.status).toBe(200);
    expect(current(before.id).order_items![index]).toMatchObject({
      quantity_refundable: item.quantity - 1,
      total_refundable: item.price * item.quantity - 100,
    });
  });

  it('refuses item_details that name an unknown item or too many units', async () => {
    const before = refundable();
    const item = before.order_items![0]!;
    expect(await refund(body(before.id, 100, 'r-i1', { item_details: [{ sku: 'NOPE', quantity: 1 }] }))).toEqual(rejected('AmountInvalid'));
    expect(await refund(body(before.id, 100, 'r-i2', { item_details: [{ sku: item.sku, quantity: item.quantity + 1 }] }))).toEqual(
      rejected('AmountInvalid'),
    );
    expect(await refund(body(before.id, 100, 'r-i3', { item_details: [{ sku: item.sku, quantity: 0 }] }))).toEqual(rejected('MissingField'));
    expect(await refund(body(before.id, 100, 'r-i4', { item_details: 'all' }))).toEqual(rejected('MissingField'));
    expect(current(before.id)).toEqual(before);
  });

  it.each(['payment_id', 'amount', 'reason', 'idempotency_key'])('refuses a body without %s with MissingField', async (field) => {
    const before = refundable();
    const complete: Record<string, unknown> = body(before.id, 100, 'r-missing');
    delete complete[field];
    expect(await refund(complete)).toEqual(rejected('MissingField'));
    expect(current(before.id)).toEqual(before);
  });

  it('refuses an unknown reason, a malformed amount and an unknown payment id', async () => {
    const before = refundable();
    expect(await refund({ ...body(before.id, 100, 'r-reason'), reason: 'changed_mind' })).toEqual(rejected('MissingField'));
    for (const amount of [0, -1, 2.5, '100']) {
      expect(await refund({ ...body(before.id, 100, `r-amount-${String(amount)}`), amount })).toEqual(rejected('AmountInvalid'));
    }
    expect(await refund(body('ps_doesnotexist', 100, 'r-unknown'))).toEqual(rejected('InvalidPaymentId'));
    expect(await refund(body('ps/../x', 100, 'r-bad'))).toEqual(rejected('InvalidPaymentId'));
    expect(current(before.id)).toEqual(before);
  });

  it('refuses while a dispute is open (ChargeDisputed), not after one was won', async () => {
    const disputed = find((r) => (r.disputes ?? []).some(isOpen));
    expect(await refund(body(disputed.id, 100, 'r-disputed'))).toEqual(rejected('ChargeDisputed'));
    expect(current(disputed.id)).toEqual(disputed);

    const records = makeTruemedRecords({ count: 60, seed: 5 });
    const won = records.find((r) => r.status === 'captured' && r.status_summary === 'Captured')!;
    won.disputes = [{ id: 'dp_won', amount: won.total_amount, status: 'won' }];
    await server.close();
    await start({ sessions: records });
    expect((await refund(body(won.id, 100, 'r-won'))).status).toBe(200);
  });

  it('refuses a session with nothing captured (NoSessionCaptures)', async () => {
    for (const record of [bySummary('authorized', 'Authorized'), find((r) => r.status === 'pending'), find((r) => r.status === 'authorization_voided')]) {
      expect(await refund(body(record.id, 100, `r-none-${record.id}`))).toEqual(rejected('NoSessionCaptures'));
    }
  });

  it('refunds a session without items from captured − refunded, and keeps a sum-only record sum-only', async () => {
    const base = { kind: 'one_time_payment' as const, status: 'captured', total_amount: 5_000, created_on: '2026-10-01T10:00:00.000Z', currency: 'USD' };
    await server.close();
    await start({
      sessions: [
        { ...base, id: 'ps_listed', status_summary: 'Partially Refunded', refunds: [{ id: 're_old', amount: 1_000, status: 'succeeded' }] },
        { ...base, id: 'ps_summed', status_summary: 'Partially Refunded', refund_amount: 4_000 },
      ],
    });
    expect(await refund(body('ps_listed', 4_001, 'r-a'))).toEqual(rejected('AmountInvalid'));
    expect((await refund(body('ps_listed', 4_000, 'r-b'))).status).toBe(200);
    expect(current('ps_listed')).toMatchObject({ status_summary: 'Refunded', refunds: [{ id: 're_old' }, { amount: 4_000 }] });
    expect((await refund(body('ps_summed', 1_000, 'r-c'))).status).toBe(200);
    expect(current('ps_summed')).toMatchObject({ status_summary: 'Refunded', refund_amount: 5_000 });
    expect(current('ps_summed')).not.toHaveProperty('refunds');
  });
});

describe('idempotency', () => {
  const refundBody = (id: string, key: string, amount = 500) => ({ payment_id: id, amount, reason: 'duplicate_payment', idempotency_key: key });

  it('answers the same key and body twice with the same answer and one refund', async () => {
    const before = refundable();
    const first = await refund(refundBody(before.id, 'same-key'));
    // The same fields in another order are the same body.
    const { idempotency_key: key, ...rest } = refundBody(before.id, 'same-key');
    const second = await refund({ idempotency_key: key, ...rest });
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(current(before.id).refunds).toHaveLength((before.refunds ?? []).length + 1);
    expect(sumOf(current(before.id).order_items, 'total_refundable')).toBe(sumOf(before.order_items, 'total_refundable') - 500);
  });

  it('makes one refund of two simultaneous requests with the same key (a double click)', async () => {
    const before = refundable();
    const request = refundBody(before.id, 'double-click');
    const [first, second] = await Promise.all([refund(request), refund(request)]);
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(current(before.id).refunds).toHaveLength((before.refunds ?? []).length + 1);
  });

  it('refuses the same key with another body, another session or another call (IdempotencyKeyReused)', async () => {
    const before = refundable();
    const other = find((r) => r.status === 'captured' && r.status_summary === 'Partially Refunded' && r.id !== before.id);
    expect((await refund(refundBody(before.id, 'used-key'))).status).toBe(200);
    expect(await refund(refundBody(before.id, 'used-key', 501))).toEqual(rejected('IdempotencyKeyReused'));
    expect(await refund(refundBody(other.id, 'used-key'))).toEqual(rejected('IdempotencyKeyReused'));
    const authorization = bySummary('authorized', 'Authorized');
    expect(await voidSession(authorization.id, { idempotency_key: 'used-key' })).toEqual(rejected('IdempotencyKeyReused'));
    expect(current(before.id).refunds).toHaveLength((before.refunds ?? []).length + 1);
    expect(current(other.id)).toEqual(other);
    expect(current(authorization.id)).toEqual(authorization);
  });

  it('does not remember an error: the same key may be retried once the request is right', async () => {
    const before = refundable();
    expect(await refund({ ...refundBody(before.id, 'fix-me'), amount: 0 })).toEqual(rejected('AmountInvalid'));
    expect((await refund(refundBody(before.id, 'fix-me'))).status).toBe(200);
  });

  it('keeps one key space for the whole API, including void and cancel', async () => {
    const authorization = bySummary('authorized', 'Authorized');
    const first = await voidSession(authorization.id, { idempotency_key: 'void-once' });
    expect(await voidSession(authorization.id, { idempotency_key: 'void-once' })).toEqual(first);
    expect(await voidSession(authorization.id, { idempotency_key: 'void-twice' })).toEqual(rejected('SessionVoided'));
  });
});

describe('HTTP: key, routes, faults and the request log', () => {
  it('answers 401 without the key or with a wrong one, and changes nothing', async () => {
    const record = bySummary('authorized', 'Authorized');
    expect((await post(sessionPath(record.id, 'void'), {}, { 'content-type': 'application/json' })).status).toBe(401);
    const wrong = await post(sessionPath(record.id, 'void'), {}, { 'x-truemed-api-key': 'wrong', 'content-type': 'application/json' });
    expect(wrong).toEqual({ status: 401, body: { error: 'Unauthorized', message: 'Invalid API key.' } });
    expect(current(record.id)).toEqual(record);
  });

  it('serves the write routes to POST only; other paths below a session find no route', async () => {
    const record = bySummary('authorized', 'Authorized');
    expect((await fetch(`${server.url}${sessionPath(record.id, 'void')}`, { headers: KEY_HEADERS })).status).toBe(404);
    expect((await fetch(`${server.url}${FAKE_TRUEMED_REFUND_PATH}`, { method: 'PUT', headers: KEY_HEADERS, body: '{}' })).status).toBe(404);
    expect((await post(sessionPath(record.id, 'refund'), {})).status).toBe(404);
    expect((await post(`/payments/v1/payment_session//void`, {})).status).toBe(404);
    expect((await post(`/payments/v1/payment_session/${record.id}`, {})).status).toBe(405);
    expect(current(record.id)).toEqual(record);
  });

  it('applies setFailure to writes: the fault answers and nothing happens', async () => {
    const record = bySummary('authorized', 'Authorized');
    api.setFailure({ status: 429, headers: { 'retry-after': '3' }, body: { error: 'RateLimited', message: 'Slow down.' } });
    expect(await voidSession(record.id)).toEqual({ status: 429, body: { error: 'RateLimited', message: 'Slow down.' } });
    api.setFailure({ status: 503 });
    expect((await voidSession(record.id)).status).toBe(503);
    api.setFailure(null);
    expect(current(record.id)).toEqual(record);
    expect((await voidSession(record.id)).status).toBe(200);
  });

  it('failNextWrite({ kind: "hang" }): the refund is made, no answer comes; a retry with the key gets the answer, one refund', async () => {
    const before = refundable();
    const request = { payment_id: before.id, amount: 700, reason: 'customer_request', idempotency_key: 'unknown-outcome' };
    api.failNextWrite({ kind: 'hang' });
    await expect(
      fetch(`${server.url}${FAKE_TRUEMED_REFUND_PATH}`, { method: 'POST', headers: KEY_HEADERS, body: JSON.stringify(request), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(current(before.id).refunds).toHaveLength((before.refunds ?? []).length + 1);
    const made = current(before.id).refunds!.at(-1)!;
    expect(await refund(request)).toEqual({ status: 200, body: expect.objectContaining({ refund_id: made.id, amount: 700 }) });
    expect(current(before.id).refunds).toHaveLength((before.refunds ?? []).length + 1);
  });

  it('failNextWrite({ kind: "network" }) drops the connection after the capture; only the next write is affected', async () => {
    const record = bySummary('authorized', 'Authorized');
    api.failNextWrite({ kind: 'network' });
    // Reads do not use the fault up.
    await getOne(record.id);
    await expect(capture(record.id, { total_amount: record.total_amount, idempotency_key: 'dropped' })).rejects.toThrow();
    expect(current(record.id).status).toBe('captured');
    expect(await capture(record.id, { total_amount: record.total_amount, idempotency_key: 'dropped' })).toEqual({
      status: 200,
      body: { id: expect.stringMatching(/^cp_/) },
    });
  });

  it('failNextWrite(…, { afterEffect: false }) answers instead of the write: ServerError, then the retry with the same key works', async () => {
    const record = bySummary('authorized', 'Authorized');
    api.failNextWrite({ status: 400, body: { error: 'ServerError', message: 'Try again.' } }, { afterEffect: false });
    const body = { total_amount: 100, idempotency_key: 'server-error' };
    expect(await capture(record.id, body)).toEqual({ status: 400, body: { error: 'ServerError', message: 'Try again.' } });
    expect(current(record.id)).toEqual(record);
    expect((await capture(record.id, body)).status).toBe(200);
    expect(current(record.id).captured_amount).toBe(100);
  });

  it('failNextWrite(null) removes a fault not yet used; a 401 does not use it up', async () => {
    const record = bySummary('authorized', 'Authorized');
    api.failNextWrite({ status: 500 });
    expect((await post(sessionPath(record.id, 'void'), {}, { 'content-type': 'application/json' })).status).toBe(401);
    api.failNextWrite(null);
    expect((await voidSession(record.id)).status).toBe(200);
  });

  it('hangs in memory too, until the request is aborted', async () => {
    const record = bySummary('authorized', 'Authorized');
    api.failNextWrite({ kind: 'hang' });
    const controller = new AbortController();
    const answer = api.fetch(`http://truemed.test${sessionPath(record.id, 'void')}`, {
      method: 'POST',
      headers: KEY_HEADERS,
      body: '{}',
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(current(record.id).status).toBe('authorization_voided');
    controller.abort(new Error('client timeout'));
    await expect(answer).rejects.toThrow('client timeout');
  });

  it('records each write’s body', async () => {
    const record = bySummary('authorized', 'Authorized');
    await voidSession(record.id, { idempotency_key: 'logged' });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: `${server.url}${sessionPath(record.id, 'void')}`,
      body: '{"idempotency_key":"logged"}',
    });
  });

  it('never changes records passed in: the API keeps updated copies', async () => {
    const records = makeTruemedRecords({ count: 30, seed: 9 });
    const snapshot = structuredClone(records);
    await server.close();
    await start({ sessions: records });
    const authorization = api.records.find((r) => r.status === 'authorized')!;
    expect((await voidSession(authorization.id)).status).toBe(200);
    expect(records).toEqual(snapshot);
  });
});
