/**
 * The Truemed fetcher in a browser-like environment (jsdom: `window` and `location` exist), as a host's
 * portal page would use it: through its own proxy path, never with the API key.
 */
import { createTruemedFetcher } from '../../../src/adapters';
import { jsonFetch, liveSignal, truemedBody, truemedRecord } from '../helpers';

describe('createTruemedFetcher in a browser', () => {
  it('refuses an API key at creation, naming the server-side proxy', () => {
    expect(typeof window).toBe('object');
    expect(() => createTruemedFetcher({ baseUrl: '/api/truemed', apiKey: 'sk_live_123' })).toThrow(
      /createTruemedProxy.*react-payment-sessions\/server/s,
    );
  });

  it('calls the relative proxy path on the page’s own origin, without a key header', async () => {
    const stub = jsonFetch(truemedBody([truemedRecord()]));
    const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed', fetch: stub.fetch });
    const page = await fetcher({ page: 1, pageSize: 30 }, { signal: liveSignal() });
    expect(page.sessions).toHaveLength(1);
    const call = stub.calls[0]!;
    expect(call.url.origin).toBe(window.location.origin);
    expect(call.url.pathname).toBe('/api/truemed/payments/v1/payment_sessions');
    expect(call.headers.has('x-truemed-api-key')).toBe(false);
  });
});
