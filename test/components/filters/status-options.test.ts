import { describe, expect, it } from 'vitest';
import { createOneEntryFetcher } from '../../../src/adapters/oneentry/fetcher';
import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { TRUEMED_STATUSES } from '../../../src/adapters/truemed/wire';
import { statusOptions } from '../../../src/components/filters/labels';
import { defaultMessages } from '../../../src/components/messages';
import type { FetcherCapabilities, SessionStatus } from '../../../src/core/types';

const withStatuses = (statuses: string[]): FetcherCapabilities => ({ search: false, filters: ['status'], statuses });

describe('statusOptions', () => {
  it("labels a backend's raw values through the fetcher's statusOf, keeping the raw value to send", () => {
    const truemed = createTruemedFetcher({ baseUrl: 'https://api.example' });
    const options = statusOptions(truemed.capabilities, truemed.statusOf, defaultMessages);
    expect(options.map((option) => option.value)).toEqual([...TRUEMED_STATUSES]);
    expect(options.find((option) => option.value === 'authorization_voided')?.label).toBe('Voided');
    expect(options.find((option) => option.value === 'authorization_expired')?.label).toBe('Expired');
    // Every documented Truemed status reads as a known one, so none is shown raw.
    for (const option of options) expect(option.label).not.toBe(option.value);
  });

  it('shows a value statusOf reads as unknown as the backend wrote it', () => {
    const statusOf = (raw: string): SessionStatus => (raw === 'paid' ? 'captured' : 'unknown');
    expect(statusOptions(withStatuses(['paid', 'on_hold']), statusOf, defaultMessages)).toEqual([
      { value: 'paid', label: 'Captured' },
      { value: 'on_hold', label: 'on_hold' },
    ]);
  });

  it('without statusOf, labels the raw values that are normalized statuses and shows the others raw', () => {
    // `authorization_voided` is Truemed's, but nothing says this fetcher is Truemed: it stays as sent.
    expect(statusOptions(withStatuses(['refunded', 'authorization_voided']), undefined, defaultMessages)).toEqual([
      { value: 'refunded', label: 'Refunded' },
      { value: 'authorization_voided', label: 'authorization_voided' },
    ]);
  });

  it('without a list of statuses, offers every normalized status but unknown', () => {
    const options = statusOptions(undefined, undefined, defaultMessages);
    expect(options.map((option) => option.value)).not.toContain('unknown');
    expect(options.find((option) => option.value === 'partially_refunded')?.label).toBe(defaultMessages.status.partially_refunded);
  });
});

describe("the adapters' statusOf", () => {
  it('Truemed: reads a `status` on its own', () => {
    const statusOf = createTruemedFetcher({ baseUrl: 'https://api.example' }).statusOf!;
    expect(statusOf).toBeTypeOf('function');
    expect(statusOf('authorization_voided')).toBe('voided');
    expect(statusOf('CAPTURED')).toBe('captured');
    expect(statusOf('on_hold')).toBe('unknown');
  });

  it('OneEntry: reads the free-text status as the mapper does', () => {
    const statusOf = createOneEntryFetcher({ getSessions: async () => [] }).statusOf!;
    expect(statusOf).toBeTypeOf('function');
    expect(statusOf(' Completed ')).toBe('captured');
    expect(statusOf('requires-capture')).toBe('authorized');
    expect(statusOf('refund_requested')).toBe('unknown');
  });
});
