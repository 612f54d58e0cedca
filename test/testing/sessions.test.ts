import { describe, expect, it } from 'vitest';
import { makeSessions, makeTruemedRecords } from 'react-payment-sessions/testing';
import { SESSION_STATUSES } from '../../src/core/status';

describe('makeSessions', () => {
  it('maps the fake dataset through the real adapter, one session per record', () => {
    const records = makeTruemedRecords({ count: 120, seed: 7 });
    const sessions = makeSessions({ count: 120, seed: 7 });
    expect(sessions.map((s) => s.id)).toEqual(records.map((r) => r.id));
    expect(new Set(sessions.map((s) => s.source))).toEqual(new Set(['truemed']));
  });

  it('covers the statuses a UI must draw and never carries a NaN or a secret', () => {
    const sessions = makeSessions({ count: 240 });
    const statuses = new Set(sessions.map((s) => s.status));
    for (const status of ['pending', 'captured', 'refunded', 'partially_refunded', 'disputed', 'authorized', 'voided', 'expired']) {
      expect(statuses, status).toContain(status);
    }
    for (const status of statuses) expect(SESSION_STATUSES).toContain(status);
    const json = JSON.stringify(sessions);
    expect(json).not.toMatch(/NaN|secret/i);
    expect(sessions.some((s) => s.fee && Number.isInteger(s.fee.amountMinor))).toBe(true);
  });

  it('is deterministic by seed', () => {
    expect(makeSessions({ count: 10, seed: 3 })).toEqual(makeSessions({ count: 10, seed: 3 }));
    expect(makeSessions({ count: 10, seed: 3 })[0]?.id).not.toBe(makeSessions({ count: 10, seed: 4 })[0]?.id);
  });
});
