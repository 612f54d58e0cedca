import { normalizeQuery } from '../../src/core/query';
import { pageKey, sessionKey, targetOfKey } from '../../src/hooks/cache-keys';
import { paymentSessionCacheKey, paymentSessionsCacheKey, isPaymentSessionsCacheKey } from 'react-payment-sessions/headless';
import { createFakeFetcher } from './fake-fetcher';

describe('cache keys', () => {
  it('keep the query a page key was made from beside it, for the key string itself', () => {
    const query = normalizeQuery({ page: 2, status: ['refunded', 'captured'], search: ' a|b ' });
    const key = pageKey(7, query);
    expect(targetOfKey(key)).toEqual({ fetcherId: 7, entry: { kind: 'page', query } });
    // Another object with the same meaning makes the same key, and finds the same record.
    const again = pageKey(7, normalizeQuery({ search: 'a|b', status: ['captured', 'refunded'], page: 2 }));
    expect(again).toBe(key);
    expect(targetOfKey(again)?.entry).toEqual({ kind: 'page', query });
  });

  it('tell fetchers, pages and sessions apart, and know no key they did not make', () => {
    const query = normalizeQuery({});
    expect(pageKey(1, query)).not.toBe(pageKey(2, query));
    expect(targetOfKey(pageKey(2, query))?.fetcherId).toBe(2);
    // An id with the separator in it is still one id: nothing is read back out of the string.
    expect(targetOfKey(sessionKey(3, 'ps|1"}'))).toEqual({ fetcherId: 3, entry: { kind: 'session', id: 'ps|1"}' } });
    expect(targetOfKey('react-payment-sessions|1|{"page":9,"pageSize":30}')).toBeUndefined();
    expect(targetOfKey('/api/user')).toBeUndefined();
  });

  it('are the strings the public key helpers give', () => {
    const fetcher = createFakeFetcher();
    const key = paymentSessionsCacheKey(fetcher, { page: 3 });
    expect(isPaymentSessionsCacheKey(key)).toBe(true);
    expect(targetOfKey(key)?.entry).toEqual({ kind: 'page', query: { page: 3, pageSize: 30 } });
    const session = paymentSessionCacheKey(fetcher, 'ps_0001');
    expect(isPaymentSessionsCacheKey(session)).toBe(false);
    expect(targetOfKey(session)?.entry).toEqual({ kind: 'session', id: 'ps_0001' });
  });
});
