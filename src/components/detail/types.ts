/**
 * The types `SessionDetail` and its lazily loaded dialog both speak, in a module of their own so that
 * neither imports the other for them.
 */
import type { PaymentSessionsError } from '../../core/errors';

/** The parts of `SessionDetail` that take a class name from `classNames`. */
export type SessionDetailPart =
  | 'root'
  | 'overlay'
  | 'content'
  | 'header'
  | 'title'
  | 'description'
  | 'close'
  | 'section'
  | 'heading'
  | 'list'
  | 'table'
  | 'timeline'
  | 'metadata'
  | 'link'
  | 'loadError';

/**
 * A session opened by id (a shared link) that is not there to show yet: what the dialog says instead.
 * `SessionList` fills it in from `usePaymentSession`; pass it yourself around your own lookup.
 */
export interface SessionLookup {
  /** The id asked for (shown in the loading and not-found texts). */
  sessionId: string;
  /** `loading`: being fetched; `not-found`: the backend has no such session; `error`: fetching failed. */
  state: 'loading' | 'not-found' | 'error';
  /** Why it failed, for `error` (its reason is shown in the messages' language, its text under Details). */
  error?: PaymentSessionsError;
  /** Fetches again; shown as a Retry button for `error`. */
  onRetry?: () => void;
}
