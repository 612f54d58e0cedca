/**
 * Shared test helpers for the adapters: a recording `fetch` stub, valid baseline records to break in
 * one place each, an invariant check every mapped session must pass whatever the input was, and the
 * checks of the hand-written malformed-record cases both adapters run.
 */
import { expect } from 'vitest';
import type { InvalidRecordReport, Money, PaymentSession, SessionPage } from '../../src/core/types';

/** A fresh, never-aborted signal. */
export function liveSignal(): AbortSignal {
  return new AbortController().signal;
}

export interface RecordedCall {
  url: URL;
  init: RequestInit | undefined;
  headers: Headers;
}

/** A `fetch` that answers with `respond` and records every call. */
export function stubFetch(respond: (url: URL, init?: RequestInit) => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push({ url, init, headers: new Headers(init?.headers) });
    return respond(url, init);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** A `fetch` stub that always answers `body` as JSON (200 unless told). */
export function jsonFetch(body: unknown, init: ResponseInit = {}) {
  return stubFetch(() => Response.json(body, init));
}

/** A `fetch` stub that answers with a raw text body. */
export function textFetch(body: string, init: ResponseInit = {}) {
  return stubFetch(() => new Response(body, init));
}

/** A complete, valid Truemed record; tests override one field to break it. */
export function truemedRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'ps_valid0000000000001',
    kind: 'one_time_payment',
    status: 'captured',
    status_summary: 'Captured',
    created_on: '2026-03-01T10:00:00.000Z',
    updated_on: '2026-03-01T10:05:00.000Z',
    authorized_on: '2026-03-01T10:04:00.000Z',
    captured_on: '2026-03-01T10:04:00.000Z',
    total_amount: 12_345,
    captured_amount: 12_345,
    currency: 'USD',
    customer_name: 'Zoë Brontë',
    customer_email: 'zoe@example.org',
    user_business_id: 'ub_123',
    order_id: 'ORD-1',
    payment_token: 'pt_abc',
    redirect_url: 'https://shop.example.com/orders/ORD-1',
    ...overrides,
  };
}

/** A Truemed list body around `records`. */
export function truemedBody(records: unknown[], pagination: unknown = { current_page: 1, page_size: 30, count: records.length, last_page: 1 }) {
  return { payment_sessions: records, pagination };
}

/** A complete, valid current-shape OneEntry entity. */
export function oneEntryRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1764,
    createdDate: '2026-03-01T10:00:00.000Z',
    updatedDate: '2026-03-02T09:51:57.785Z',
    type: 'session',
    status: 'completed',
    orderId: 1,
    paymentAccountId: 1,
    paymentUrl: 'https://checkout.stripe.com/c/pay/cs_test_123',
    amount: 49.99,
    clientSecret: 'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH',
    ...overrides,
  };
}

/** A valid legacy-shape OneEntry entity (from the SDK docs). */
export function oneEntryLegacyRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1765,
    updatedDate: '2024-06-21T09:51:57.785Z',
    version: 10,
    identifier: 'catalog',
    type: 'session',
    lineItems: [{ name: 'Workshop ticket', quantity: 2, amount: 129.95, currency: 'usd' }],
    orderId: 2,
    paymentAccountId: 1,
    status: 'waiting',
    sessionId: '9BE88048TU058770M',
    paymentUrl: 'https://www.sandbox.paypal.com/checkoutnow?token=9BE88048TU058770M',
    successUrl: 'https://example.com/success',
    cancelUrl: 'https://example.com/cancel',
    intent: { amount: 259.9, currency: 'usd' },
    intentId: 1,
    clientSecret: 'pi_3Oyz2kQWzXG1R23w144qG7o4_secret_OeScuCwTpHmyOM1atbm7pWJw2',
    ...overrides,
  };
}

/** Collects `onInvalidRecord` reports. */
export function invalidCollector() {
  const reports: InvalidRecordReport[] = [];
  return { reports, onInvalidRecord: (report: InvalidRecordReport) => void reports.push(report) };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function expectMoney(value: Money | undefined, label: string): void {
  if (value === undefined) return;
  expect(Number.isSafeInteger(value.amountMinor), `${label} is a safe integer`).toBe(true);
  expect(value.currency, `${label} currency`).toMatch(/^[A-Z]{3}$/);
}

function expectInstant(value: string | undefined, label: string): void {
  if (value === undefined) return;
  expect(value, label).toMatch(ISO_INSTANT);
  expect(new Date(value).toISOString(), label).toBe(value);
}

/** Every invariant a mapped session keeps, whatever the backend sent. */
export function expectSaneSession(session: PaymentSession): void {
  expect(typeof session.id).toBe('string');
  expect(session.id.length).toBeGreaterThan(0);
  expect(typeof session.rawStatus).toBe('string');
  // Optional fields are absent, never null: the model has no nulls anywhere outside metadata and raw.
  const { metadata: _metadata, raw: _raw, ...modelled } = session;
  expect(JSON.stringify(modelled)).not.toContain('null');
  for (const key of ['amount', 'capturedAmount', 'refundedAmount', 'refundableAmount', 'capturableAmount', 'fee'] as const) {
    expectMoney(session[key], key);
    if (session[key]) expect(session[key].amountMinor, `${key} is not negative`).toBeGreaterThanOrEqual(0);
  }
  for (const key of ['createdAt', 'updatedAt', 'authorizedAt', 'capturedAt'] as const) expectInstant(session[key], key);
  if (session.paymentUrl !== undefined) expect(session.paymentUrl).toMatch(/^https?:\/\//);
  for (const text of [session.customer?.name, session.customer?.email, session.statusSummary, session.kind]) {
    if (text !== undefined) expect(text.length).toBeLessThanOrEqual(500);
  }
  for (const item of session.items) {
    expect(Number.isSafeInteger(item.quantity)).toBe(true);
    for (const money of [item.unitPrice, item.total, item.refundable, item.capturable]) expectMoney(money, 'item amount');
  }
  for (const entry of [...session.refunds, ...session.disputes]) {
    expectMoney(entry.amount, 'refund/dispute amount');
    expectInstant(entry.createdAt, 'refund/dispute createdAt');
  }
  const json = JSON.stringify(session);
  expect(json).not.toMatch(/client_?secret/i);
  expect(json).not.toContain('NaN');
}

/** {@link expectSaneSession} for every session of a page, plus the page's own numbers. */
export function expectSanePage(page: SessionPage): void {
  for (const session of page.sessions) expectSaneSession(session);
  for (const value of [page.total, page.page, page.pageSize, page.pageCount]) expect(Number.isSafeInteger(value)).toBe(true);
  expect(page.pageCount).toBeGreaterThanOrEqual(1);
}

/**
 * A hand-written malformed-records case: its `records` follow one valid sentinel record on the page, and
 * it says how many of them the adapter keeps and drops.
 */
export interface MalformedRecordsCase {
  name: string;
  records: unknown[];
  kept: number;
  dropped: number;
  /** For dropped records: a fragment each report's issues must mention. */
  issue?: RegExp;
  /** Checks on the kept records (in order, sentinel excluded). */
  check?: (kept: PaymentSession[]) => void;
}

/**
 * A malformed-records case's page came back sane: the sentinel first, the case's kept records after it,
 * each dropped record counted and reported (by its index in the page) with an issue, then the case's own
 * checks.
 */
export function expectMalformedRecordsPage(
  page: SessionPage,
  reports: readonly InvalidRecordReport[],
  expected: { source: string; sentinelId: string } & Pick<MalformedRecordsCase, 'kept' | 'dropped' | 'issue' | 'check'>,
): void {
  const { source, sentinelId, kept, dropped, issue, check } = expected;
  expectSanePage(page);
  expect(page.sessions[0]?.id).toBe(sentinelId);
  expect(page.sessions).toHaveLength(1 + kept);
  expect(page.invalid).toBe(dropped);
  expect(reports).toHaveLength(dropped);
  for (const report of reports) {
    expect(report.source).toBe(source);
    // Indices point into the response page: the sentinel is 0, the case's records start at 1.
    expect(report.index).toBeGreaterThanOrEqual(1);
    expect(report.issues.length).toBeGreaterThan(0);
    if (issue) expect(report.issues.some((line) => issue.test(line)), report.issues.join(' | ')).toBe(true);
  }
  check?.(page.sessions.slice(1));
}

/** What `promise` rejected with (resolves to its value when it did not reject, for the test to refuse). */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.catch((caught: unknown) => caught);
}
