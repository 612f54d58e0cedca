import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/core/lookup';
import { normalizeTruemedStatus } from '../../src/adapters/truemed/status';
import { normalizeOneEntryStatus } from '../../src/adapters/oneentry/status';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__lookupGetter__'];

describe('lookup', () => {
  it('finds own entries only, never a member of Object.prototype', () => {
    const table: Record<string, string> = { captured: 'Captured' };
    expect(lookup(table, 'captured')).toBe('Captured');
    for (const key of PROTOTYPE_KEYS) expect(lookup(table, key)).toBeUndefined();
    expect(lookup(table, 42)).toBeUndefined();
    expect(lookup(undefined, 'captured')).toBeUndefined();
  });

  it('still finds an own entry named like a prototype member', () => {
    expect(lookup({ constructor: 'own' }, 'constructor')).toBe('own');
  });
});

describe.each(PROTOTYPE_KEYS)('status normalization given %j', (key) => {
  it('is unknown as a Truemed status, summary or both, and as a OneEntry status', () => {
    expect(normalizeTruemedStatus(key)).toBe('unknown');
    expect(normalizeTruemedStatus(key, key)).toBe('unknown');
    expect(normalizeTruemedStatus(key.toUpperCase(), ` ${key} `)).toBe('unknown');
    expect(normalizeTruemedStatus('captured', key)).toBe('captured');
    expect(normalizeOneEntryStatus(key)).toBe('unknown');
  });
});
