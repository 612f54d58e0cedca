/**
 * What every story file shares: the loader's fetcher, the provider parameters a story may set, a fresh
 * SWR cache per story, and an in-memory backend.
 */
import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsProvider,
  type PaymentSession,
  type PaymentSessionsSWROptions,
  type SessionFetcher,
  type SessionFilterState,
  type SessionPage,
  type SessionQuery,
} from 'react-payment-sessions';

/** What a story's loader hands to the decorator and the play function. */
export interface Loaded {
  fetcher: SessionFetcher;
}

/** Provider (and workspace) settings a story can change through `parameters.provider`. */
export interface ProviderParameters {
  locale?: string;
  timeZone?: string;
  swr?: PaymentSessionsSWROptions;
  /** The workspace's initial filters, in files whose decorator adds a workspace. */
  defaultValue?: Partial<SessionFilterState>;
  /** Render the story without the decorator's workspace (controlled / standalone stories). */
  noWorkspace?: boolean;
}

/** The loader's fetcher and the story's provider parameters, from a decorator's context. */
export function storySetup(context: { loaded: unknown; parameters: { provider?: unknown } }): {
  fetcher: SessionFetcher;
  provider: ProviderParameters;
} {
  return { fetcher: (context.loaded as Loaded).fetcher, provider: (context.parameters.provider ?? {}) as ProviderParameters };
}

/**
 * A fresh SWR cache per story (stories must not share cached pages) and a provider over the fetcher the
 * story's loader created — never one at module scope, so a failure injected in one story stays there.
 */
export function StoryProviders({
  fetcher,
  provider,
  swr,
  children,
}: {
  fetcher: SessionFetcher;
  provider: ProviderParameters;
  /** SWR options of the file, used unless the story sets `parameters.provider.swr`. */
  swr?: PaymentSessionsSWROptions;
  children: ReactNode;
}) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      <PaymentSessionsProvider
        fetcher={fetcher}
        locale={provider.locale ?? 'en-US'}
        timeZone={provider.timeZone ?? 'America/New_York'}
        swr={provider.swr ?? swr}
      >
        {children}
      </PaymentSessionsProvider>
    </SWRConfig>
  );
}

/** A custom backend (any `SessionFetcher`) answering one page of fixed sessions. */
export function memoryFetcher(sessions: PaymentSession[], source = 'memory'): SessionFetcher {
  const fetcher = async (query: SessionQuery): Promise<SessionPage> => ({
    sessions,
    total: sessions.length,
    page: 1,
    pageSize: query.pageSize,
    pageCount: 1,
  });
  return Object.assign(fetcher, { source, capabilities: { search: false, filters: [] } });
}
