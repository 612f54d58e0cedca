/**
 * Test wrappers: each call gets a fresh SWR cache (CONVENTIONS #10) and a PaymentSessionsProvider over the
 * given fetcher.
 */
import type { ReactNode } from 'react';
import { act } from '@testing-library/react';
import { SWRConfig, type Cache, type SWRConfiguration } from 'swr';
import { PaymentSessionsProvider, type PaymentSessionsProviderProps, type SessionFetcher } from 'react-payment-sessions/headless';

export interface WrapperOptions extends Omit<PaymentSessionsProviderProps, 'fetcher' | 'children'> {
  /** Options for the test's own SWRConfig. @defaultValue `{ dedupingInterval: 0 }` */
  swrConfig?: SWRConfiguration;
}

/** A wrapper for `renderHook` and the cache it uses. */
export function providerWrapper(fetcher: SessionFetcher, { swrConfig, ...providerProps }: WrapperOptions = {}) {
  const cache: Cache = new Map();
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SWRConfig value={{ provider: () => cache, dedupingInterval: 0, ...swrConfig }}>
        <PaymentSessionsProvider fetcher={fetcher} {...providerProps}>
          {children}
        </PaymentSessionsProvider>
      </SWRConfig>
    );
  }
  return { wrapper: Wrapper, cache };
}

/** Advances fake timers inside `act`, letting promises and React updates settle. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
