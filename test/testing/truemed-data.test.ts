import { describe, expect, it } from 'vitest';
import { makeTruemedRecords, type MakeTruemedRecordsOptions } from 'react-payment-sessions/testing';
import { TRUEMED_KINDS, TRUEMED_STATUSES, type TruemedPaymentSessionWire } from '../../src/adapters/truemed/wire';

const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const records = makeTruemedRecords();

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const refundTotal = (session: TruemedPaymentSessionWire) => sum((session.refunds ?? []).map((refund) => refund.amount));
const items = (session: TruemedPaymentSessionWire) => session.order_items ?? [];

/** The summaries each status may carry, as the brief and the API notes describe them. */
const SUMMARIES_BY_STATUS: Record<string, string[]> = {
  captured: ['Captured', 'Partially Refunded', 'Refunded', 'Disputed'],
  authorized: ['Authorized', 'Partially Captured'],
  authorization_voided: ['Voided'],
  authorization_expired: ['Expired'],
  pending: ['Incomplete'],
  processing: ['Incomplete'],
  canceled: ['Canceled'],
  rejected: ['Canceled', 'Test'],
};

describe('makeTruemedRecords', () => {
  describe('determinism', () => {
    it('returns equal datasets for equal options', () => {
      const options: MakeTruemedRecordsOptions = { count: 60, seed: 5 };
      expect(makeTruemedRecords(options)).toEqual(makeTruemedRecords(options));
    });

    it('returns a different dataset for a different seed', () => {
      const ids = (seed: number) => makeTruemedRecords({ count: 30, seed }).map((session) => session.id);
      expect(ids(5)).not.toEqual(ids(6));
    });

    it('moves the dates with `now`', () => {
      const later = makeTruemedRecords({ count: 10, now: NOW + 10 * DAY });
      const base = makeTruemedRecords({ count: 10 });
      expect(Date.parse(later[0]!.created_on) - Date.parse(base[0]!.created_on)).toBe(10 * DAY);
    });
  });

  it('defaults to 240 records and honours count, including 0', () => {
    expect(records).toHaveLength(240);
    expect(makeTruemedRecords({ count: 0 })).toEqual([]);
    expect(makeTruemedRecords({ count: 17 })).toHaveLength(17);
    expect(() => makeTruemedRecords({ count: -1 })).toThrow(RangeError);
  });

  it('gives unique ids of the form ps_ + 20 letters or digits', () => {
    for (const session of records) expect(session.id).toMatch(/^ps_[A-Za-z0-9]{20}$/);
    expect(new Set(records.map((session) => session.id)).size).toBe(records.length);
  });

  it('is sorted newest first', () => {
    const times = records.map((session) => Date.parse(session.created_on));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('spreads created_on over about six months before now', () => {
    const times = records.map((session) => Date.parse(session.created_on));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 190 * DAY);
    expect(Math.min(...times)).toBeLessThan(NOW - 150 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(NOW - 7 * DAY);
  });

  it('contains every documented status and both kinds', () => {
    expect(new Set(records.map((session) => session.status))).toEqual(new Set(TRUEMED_STATUSES));
    expect(new Set(records.map((session) => session.kind))).toEqual(new Set(TRUEMED_KINDS));
  });

  it('covers every status and kind even in a dataset of eight', () => {
    const small = makeTruemedRecords({ count: 8, seed: 99 });
    expect(new Set(small.map((session) => session.status))).toEqual(new Set(TRUEMED_STATUSES));
    expect(new Set(small.map((session) => session.kind))).toEqual(new Set(TRUEMED_KINDS));
  });

  it('keeps status_summary consistent with status, and every allowed summary appears', () => {
    for (const session of records) {
      expect(SUMMARIES_BY_STATUS[session.status], session.id).toContain(session.status_summary);
    }
    const seen = new Set(records.map((session) => `${session.status}/${session.status_summary}`));
    for (const [status, summaries] of Object.entries(SUMMARIES_BY_STATUS)) {
      for (const summary of summaries) expect(seen).toContain(`${status}/${summary}`);
    }
  });

  it('uses authorization-only statuses only on authorizations', () => {
    const authOnly = ['authorized', 'authorization_voided', 'authorization_expired'];
    for (const session of records.filter((s) => authOnly.includes(s.status))) expect(session.kind).toBe('authorization');
  });

  describe('timeline', () => {
    it('sets authorized_on equal to captured_on for captured one-time payments', () => {
      const captured = records.filter((s) => s.kind === 'one_time_payment' && s.captured_on !== undefined);
      expect(captured.length).toBeGreaterThan(50);
      for (const session of captured) expect(session.authorized_on).toBe(session.captured_on);
    });

    it('captures authorizations after authorizing them', () => {
      const captured = records.filter((s) => s.kind === 'authorization' && s.captured_on !== undefined);
      expect(captured.length).toBeGreaterThan(0);
      for (const session of captured) {
        expect(Date.parse(session.captured_on!)).toBeGreaterThan(Date.parse(session.authorized_on!));
      }
    });

    it('orders created ≤ authorized ≤ captured ≤ refunds/disputes ≤ updated ≤ now', () => {
      for (const session of records) {
        const created = Date.parse(session.created_on);
        const authorized = session.authorized_on ? Date.parse(session.authorized_on) : created;
        const captured = session.captured_on ? Date.parse(session.captured_on) : authorized;
        const later = [...(session.refunds ?? []), ...(session.disputes ?? [])].map((entry) => Date.parse(entry.created_on!));
        const updated = Date.parse(session.updated_on!);
        expect(authorized, session.id).toBeGreaterThanOrEqual(created);
        expect(captured, session.id).toBeGreaterThanOrEqual(authorized);
        for (const time of later) expect(time, session.id).toBeGreaterThanOrEqual(captured);
        expect(updated, session.id).toBeGreaterThanOrEqual(Math.max(captured, ...later));
        expect(updated, session.id).toBeLessThanOrEqual(NOW);
      }
    });

    it('has no authorization or capture date on sessions that never got that far', () => {
      const neverAuthorized = records.filter((s) => ['pending', 'processing', 'canceled', 'rejected'].includes(s.status));
      for (const session of neverAuthorized) {
        expect(session.authorized_on).toBeUndefined();
        expect(session.captured_on).toBeUndefined();
      }
    });
  });

  describe('amounts', () => {
    it('uses integer cents and makes total_amount the sum of the order items', () => {
      for (const session of records) {
        expect(Number.isInteger(session.total_amount)).toBe(true);
        expect(session.total_amount).toBe(sum(items(session).map((item) => item.price * item.quantity)));
      }
    });

    it('captures the whole order when captured and part of it when partially captured', () => {
      for (const session of records.filter((s) => s.status === 'captured')) {
        expect(session.captured_amount).toBe(session.total_amount);
      }
      const partial = records.filter((s) => s.status_summary === 'Partially Captured');
      expect(partial.length).toBeGreaterThan(0);
      for (const session of partial) {
        expect(session.captured_amount).toBeGreaterThan(0);
        expect(session.captured_amount).toBeLessThan(session.total_amount);
      }
    });

    it('has captured_amount exactly when captured_on is set', () => {
      for (const session of records) expect(session.captured_amount !== undefined).toBe(session.captured_on !== undefined);
    });
  });

  describe('refunds and disputes', () => {
    it('refunds at most what was captured, in positive integer cents', () => {
      for (const session of records) {
        for (const refund of session.refunds ?? []) {
          expect(Number.isInteger(refund.amount) && refund.amount > 0).toBe(true);
          expect(refund.id).toMatch(/^re_/);
        }
        expect(refundTotal(session)).toBeLessThanOrEqual(session.captured_amount ?? 0);
      }
    });

    it('refunds everything on Refunded and part on Partially Refunded; nothing elsewhere', () => {
      const full = records.filter((s) => s.status_summary === 'Refunded');
      const partial = records.filter((s) => s.status_summary === 'Partially Refunded');
      expect(full.length).toBeGreaterThan(0);
      expect(partial.length).toBeGreaterThan(0);
      for (const session of full) expect(refundTotal(session)).toBe(session.captured_amount);
      for (const session of partial) {
        expect(refundTotal(session)).toBeGreaterThan(0);
        expect(refundTotal(session)).toBeLessThan(session.captured_amount!);
      }
      const others = records.filter((s) => !['Refunded', 'Partially Refunded'].includes(s.status_summary!));
      for (const session of others) expect(session.refunds).toEqual([]);
    });

    it('has both single and multiple refunds among fully refunded sessions', () => {
      const counts = new Set(records.filter((s) => (s.refunds ?? []).length > 0).map((s) => s.refunds!.length));
      expect(counts).toContain(1);
      expect([...counts].some((count) => count > 1)).toBe(true);
    });

    it('puts an open dispute on every Disputed session and disputes only on captured ones', () => {
      const disputed = records.filter((s) => s.status_summary === 'Disputed');
      expect(disputed.length).toBeGreaterThan(0);
      for (const session of disputed) {
        expect(session.disputes!.length).toBeGreaterThan(0);
        expect(['needs_response', 'under_review']).toContain(session.disputes![0]!.status);
      }
      for (const session of records.filter((s) => (s.disputes ?? []).length > 0)) expect(session.status).toBe('captured');
    });

    it('sends refunds and disputes as lists on every record (the full dataset)', () => {
      for (const session of records) {
        expect(Array.isArray(session.refunds)).toBe(true);
        expect(Array.isArray(session.disputes)).toBe(true);
      }
    });
  });

  describe('order items', () => {
    it('has 1 to 4 items with integer cent prices and positive quantities', () => {
      for (const session of records) {
        expect(items(session).length).toBeGreaterThanOrEqual(1);
        expect(items(session).length).toBeLessThanOrEqual(4);
        for (const item of items(session)) {
          expect(Number.isInteger(item.price) && item.price > 0).toBe(true);
          expect(Number.isInteger(item.quantity) && item.quantity > 0).toBe(true);
        }
      }
      expect(new Set(records.map((s) => items(s).length))).toEqual(new Set([1, 2, 3, 4]));
    });

    it('carries refundable fields exactly when the session was captured', () => {
      for (const session of records) {
        const captured = session.captured_on !== undefined;
        for (const item of items(session)) {
          expect(item.total_refundable !== undefined, session.id).toBe(captured);
          expect(item.quantity_refundable !== undefined, session.id).toBe(captured);
        }
      }
    });

    it('carries capturable fields exactly while an authorization is open', () => {
      for (const session of records) {
        const open = session.status === 'authorized';
        for (const item of items(session)) {
          expect(item.total_capturable !== undefined, session.id).toBe(open);
          expect(item.quantity_capturable !== undefined, session.id).toBe(open);
        }
      }
    });

    it('leaves refundable = captured − refunded and capturable = total − captured', () => {
      for (const session of records.filter((s) => s.captured_on !== undefined)) {
        const refundable = sum(items(session).map((item) => item.total_refundable!));
        expect(refundable, session.id).toBe(session.captured_amount! - refundTotal(session));
      }
      for (const session of records.filter((s) => s.status === 'authorized')) {
        const capturable = sum(items(session).map((item) => item.total_capturable!));
        expect(capturable, session.id).toBe(session.total_amount - (session.captured_amount ?? 0));
      }
    });

    it('keeps refundable and capturable quantities within the ordered quantity', () => {
      for (const session of records) {
        for (const item of items(session)) {
          const refundableQuantity = item.quantity_refundable ?? 0;
          const capturableQuantity = item.quantity_capturable ?? 0;
          expect(refundableQuantity + capturableQuantity).toBeLessThanOrEqual(item.quantity);
          expect(item.total_refundable ?? 0).toBeLessThanOrEqual(item.price * refundableQuantity);
          expect(item.total_capturable ?? 0).toBe(item.price * capturableQuantity);
        }
      }
    });

    it('zeroes everything refundable on fully refunded sessions', () => {
      for (const session of records.filter((s) => s.status_summary === 'Refunded')) {
        for (const item of items(session)) {
          expect(item.total_refundable).toBe(0);
          expect(item.quantity_refundable).toBe(0);
        }
      }
    });
  });

  describe('truemed_fee', () => {
    it('is present exactly when money was captured', () => {
      for (const session of records) expect(session.truemed_fee !== undefined).toBe((session.captured_amount ?? 0) > 0);
    });

    it('is a two-decimal dollar string, sometimes a JSON number', () => {
      const fees = records.map((s) => s.truemed_fee).filter((fee) => fee !== undefined);
      const strings = fees.filter((fee) => typeof fee === 'string');
      const numbers = fees.filter((fee) => typeof fee === 'number');
      expect(strings.length).toBeGreaterThan(0);
      expect(numbers.length).toBeGreaterThan(0);
      for (const fee of strings) expect(fee).toMatch(/^\d+\.\d{2}$/);
      for (const fee of numbers) {
        expect(fee).toBeGreaterThan(0);
        expect(Number(fee.toFixed(2))).toBe(fee);
      }
      // At least one numeric fee is a float whose naive ×100 is not a whole number (e.g. 0.29 * 100).
      expect(numbers.some((fee) => !Number.isInteger(fee * 100))).toBe(true);
    });

    it('is a few percent of the captured amount', () => {
      for (const session of records.filter((s) => s.truemed_fee !== undefined)) {
        const feeCents = Math.round(Number(session.truemed_fee) * 100);
        expect(feeCents / session.captured_amount!).toBeGreaterThan(0.02);
        expect(feeCents / session.captured_amount!).toBeLessThan(0.06);
      }
    });
  });

  describe('customers and references', () => {
    it('includes customers with accented and non-Latin names, each with an email and business id', () => {
      const names = new Set(records.map((s) => s.customer_name));
      for (const name of ['José Núñez', 'Zoë Brontë', 'Ætheling Ørsted', '李雷']) expect(names).toContain(name);
      for (const session of records) {
        expect(session.customer_email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
        expect(session.user_business_id).toMatch(/^ub_[A-Za-z0-9]{12}$/);
      }
    });

    it('gives payment tokens like pt_…, none to pending sessions, and lets a few sessions share one', () => {
      for (const session of records) {
        if (session.status === 'pending') expect(session.payment_token).toBeUndefined();
        if (session.payment_token !== undefined) expect(session.payment_token).toMatch(/^pt_[A-Za-z0-9]+$/);
      }
      const uses = new Map<string, number>();
      for (const token of records.map((s) => s.payment_token).filter((t) => t !== undefined)) {
        uses.set(token, (uses.get(token) ?? 0) + 1);
      }
      const shared = [...uses.values()].filter((count) => count > 1);
      expect(shared.length).toBeGreaterThan(0);
      expect(shared.length).toBeLessThan(uses.size / 5);
    });

    it('has a metadata object and an https redirect_url on every session', () => {
      for (const session of records) {
        expect(session.metadata).toBeTypeOf('object');
        expect(Array.isArray(session.metadata)).toBe(false);
        expect(new URL(session.redirect_url!).protocol).toBe('https:');
      }
    });

    it('never contains null (optional fields are left out instead)', () => {
      expect(JSON.stringify(records)).not.toContain('null');
    });
  });
});
