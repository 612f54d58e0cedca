import { PaymentSessionsError } from '../../src/core/errors';
import { raceWithAbort } from '../../src/core/deadline';
import { toIsoInstant } from '../../src/core/iso-date';
import { errorForStatus, parseRetryAfter, surfacedMessage } from '../../src/adapters/http-errors';
import { cleanText } from '../../src/adapters/text';

describe('toIsoInstant', () => {
  it.each([
    ['2024-06-13T16:03:07.473Z', '2024-06-13T16:03:07.473Z'],
    ['2024-06-13T16:03:07+02:00', '2024-06-13T14:03:07.000Z'],
    ['2024-06-13T16:03:07.473123+0000', '2024-06-13T16:03:07.473Z'],
    ['2024-06-13 16:03:07.473000+00:00', '2024-06-13T16:03:07.473Z'],
    // No offset: read as UTC, never as the machine's local time.
    ['2024-06-13T16:03:07', '2024-06-13T16:03:07.000Z'],
    ['2024-06-13', '2024-06-13T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(toIsoInstant(input)).toBe(expected);
  });

  it.each([
    ['an impossible day that Date.parse rolls over', '2024-02-30T00:00:00Z'],
    ['February 29 of a common year', '2023-02-29'],
    ['month 13', '2024-13-01'],
    ['hour 25', '2024-06-13T25:00:00Z'],
    ['a bare number', '1'],
    ['English text', 'June 5, 2024'],
    ['an empty string', ''],
    ['a number value', 1718294587473],
    ['null', null],
    ['a huge string', `2024-06-13T00:00:00Z${' '.repeat(100)}`],
  ])('rejects %s', (_label, input) => {
    expect(toIsoInstant(input)).toBeUndefined();
  });
});

describe('cleanText', () => {
  it('trims, and turns blank or non-string values into undefined', () => {
    expect(cleanText('  Zoë  ')).toBe('Zoë');
    expect(cleanText('   ')).toBeUndefined();
    expect(cleanText(42)).toBeUndefined();
  });

  it('keeps HTML as plain text', () => {
    expect(cleanText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('caps absurd lengths at 500 characters, ending with an ellipsis', () => {
    const capped = cleanText('x'.repeat(2_000_000));
    expect(capped).toHaveLength(500);
    expect(capped?.endsWith('…')).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until then', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
  });

  it('reads an HTTP-date in the past as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', 'soon', '-5', '1.5', '2026-01-01T12:00:30Z', '99999999999'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('surfacedMessage', () => {
  it('passes short plain text and refuses HTML or very long text', () => {
    expect(surfacedMessage(' page_size must be at most 100. ')).toBe('page_size must be at most 100.');
    expect(surfacedMessage('<html><body>Bad gateway</body></html>')).toBeUndefined();
    expect(surfacedMessage('x'.repeat(301))).toBeUndefined();
    expect(surfacedMessage({ message: 'nested' })).toBeUndefined();
  });
});

describe('errorForStatus', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [429, 'rate_limit'],
    [400, 'http'],
    [404, 'http'],
    [500, 'http'],
  ] as const)('maps %i to %s', (status, kind) => {
    const error = errorForStatus({ backend: 'Truemed', status });
    expect(error).toBeInstanceOf(PaymentSessionsError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status}`);
  });
});

describe('raceWithAbort', () => {
  it('settles like the promise when nothing aborts', async () => {
    await expect(raceWithAbort(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(raceWithAbort(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });

  it('rejects with an aborted error as soon as the signal aborts, without waiting for the promise', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const raced = raceWithAbort(never, controller.signal);
    controller.abort();
    await expect(raced).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('rejects at once for a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(raceWithAbort(Promise.resolve(1), controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
