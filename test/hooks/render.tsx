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

/** How much fake time one `act` may cover in {@link advance}. */
const ACT_STEP_MS = 10;

/**
 * Advances fake timers inside `act`, letting promises and React updates settle. The time passes in
 * `act`s of at most 10 ms: React 18 runs the effects of an update only when its `act` ends, so one long
 * `act` would hold back whatever an effect schedules (the idle prefetch) until the end, unlike a browser,
 * where effects run within a frame. React 19 flushes them inside the `act` either way.
 */
export async function advance(ms: number): Promise<void> {
  let left = ms;
  do {
    const step = Math.min(left, ACT_STEP_MS);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
    });
    left -= step;
  } while (left > 0);
}
