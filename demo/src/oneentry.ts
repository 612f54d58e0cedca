/**
 * The OneEntry backend of the demo: the real `oneentry` SDK in the browser, as a OneEntry storefront runs
 * it, against the fake OneEntry API the demo server mounts on this origin (`/api/oneentry`). The SDK is
 * configured once the signed-in user's tokens are known (`/api/oneentry-session`); its access token
 * expires and it refreshes it itself.
 */
import type { defineOneEntry } from 'oneentry';
import { createOneEntryFetcher, type OneEntryPaymentsLike } from 'react-payment-sessions';

interface OneEntryCredentials {
  baseUrl: string;
  appToken: string;
  accessToken: string;
  refreshToken: string;
}

type Payments = ReturnType<typeof defineOneEntry>['Payments'];

let payments: Promise<Payments> | undefined;

/** The SDK's `Payments` for the signed-in user, configured on first use. */
function signedInPayments(): Promise<Payments> {
  payments ??= (async () => {
    const response = await fetch('/api/oneentry-session', { headers: { accept: 'application/json' } });
    if (!response.ok) {
      // Shaped like the SDK's own error body, so the fetcher reports it as the auth error it is.
      throw { statusCode: response.status, message: 'Sign in to see OneEntry payment sessions.' };
    }
    const credentials = (await response.json()) as OneEntryCredentials;
    // Loaded when first needed: the SDK (with zod and socket.io) is most of the demo's weight otherwise.
    const { defineOneEntry } = await import('oneentry');
    const { Payments } = defineOneEntry(`${window.location.origin}${credentials.baseUrl}`, {
      token: credentials.appToken,
      auth: { refreshToken: credentials.refreshToken },
    });
    Payments.setAccessToken(credentials.accessToken);
    return Payments;
  })();
  // A failed set-up is not cached: the next call (Retry) asks again.
  payments.catch(() => {
    payments = undefined;
  });
  return payments;
}

/** Forgets the user's SDK set-up (at sign-out: the next user gets their own tokens). */
export function forgetOneEntrySession(): void {
  payments = undefined;
}

const lazyPayments: OneEntryPaymentsLike = {
  getSessions: async (offset, limit) => (await signedInPayments()).getSessions(offset, limit),
  getSessionById: async (id) => (await signedInPayments()).getSessionById(id),
};

/** OneEntry through its real SDK; its amounts carry no currency, this shop's are in euros. */
export const oneEntryFetcher = createOneEntryFetcher(lazyPayments, { currency: 'EUR' });
