// Server only: the one place the Truemed key lives. Imported by the route handler, never by a page:
// 'server-only' makes `next build` fail if a client component ever imports this file.
import 'server-only';
import { createTruemedProxy, type FetchHandler } from 'react-payment-sessions/server';
import { isSignedInMerchant } from './auth';

let proxy: FetchHandler | undefined;

/**
 * The proxy, made on the first request rather than at import: `next build` loads route modules to
 * collect their config, and a build machine has no Truemed key (nor should it).
 */
export function truemedProxy(request: Request): Promise<Response> {
  proxy ??= createTruemedProxy({
    apiKey: process.env.TRUEMED_API_KEY ?? '',
    // Unset: the real API. The example's test points it at the fake from 'react-payment-sessions/testing'.
    ...(process.env.TRUEMED_BASE_URL ? { baseUrl: process.env.TRUEMED_BASE_URL } : {}),
    authorize: isSignedInMerchant,
  });
  return proxy(request);
}
