'use client';
// The provider takes a fetcher, a function: functions cannot pass from a Server Component to a Client
// Component, so the fetcher is made here, on the client side of the boundary.
import type { ReactNode } from 'react';
import { createTruemedFetcher, PaymentSessionsProvider } from 'react-payment-sessions';

const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed' });

export function PaymentsProvider({ children }: { children: ReactNode }) {
  return (
    <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="America/New_York">
      {children}
    </PaymentSessionsProvider>
  );
}
