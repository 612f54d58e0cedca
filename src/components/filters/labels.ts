import { lookup } from '../../core/lookup';
import { isSessionStatus, SESSION_STATUSES } from '../../core/status';
import type { FetcherCapabilities, SessionFetcher, SessionFilterName, SessionStatus } from '../../core/types';
import type { Messages } from '../messages';

/** A filter `SessionFilters` can show; `search` is the text search, the rest map to fetcher filters. */
export type SessionFilterField =
  | 'search'
  | 'status'
  | 'kind'
  | 'created'
  | 'captured'
  | 'excludePending'
  | 'excludeVoided'
  | 'paymentToken';

/** Every field, in the order the form shows them. */
export const SESSION_FILTER_FIELDS: readonly SessionFilterField[] = [
  'search',
  'status',
  'kind',
  'created',
  'captured',
  'excludePending',
  'excludeVoided',
  'paymentToken',
];

/** The fetcher capability each (non-search) field needs. */
const CAPABILITY: Record<Exclude<SessionFilterField, 'search'>, SessionFilterName> = {
  status: 'status',
  kind: 'kind',
  created: 'createdAt',
  captured: 'capturedAt',
  excludePending: 'excludePending',
  excludeVoided: 'excludeVoided',
  paymentToken: 'paymentToken',
};

/**
 * Whether the backend can apply a field. Without capabilities (no provider: the host applies the query
 * itself) every field is assumed to work.
 */
export function isFieldSupported(field: SessionFilterField, capabilities: FetcherCapabilities | undefined): boolean {
  if (!capabilities) return true;
  if (field === 'search') return capabilities.search;
  return capabilities.filters.includes(CAPABILITY[field]);
}

/** The visible name of a non-search field, as used in its label and in the "cannot filter by" note. */
export function fieldLabel(field: Exclude<SessionFilterField, 'search'>, messages: Messages): string {
  switch (field) {
    case 'status':
      return messages.statusFilter;
    case 'kind':
      return messages.kindFilter;
    case 'created':
      return messages.createdRange;
    case 'captured':
      return messages.capturedRange;
    case 'excludePending':
      return messages.excludePending;
    case 'excludeVoided':
      return messages.excludeVoided;
    case 'paymentToken':
      return messages.paymentToken;
  }
}

/** One checkbox of a multi-select: the raw value sent to the backend and its visible label. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * The status checkboxes. `capabilities.statuses` are the backend's raw values (Truemed's
 * `authorization_voided`), which are what the query must carry; the label is the message of the
 * normalized status the fetcher's `statusOf` reads it as (`Voided`). Without `statusOf`, a raw value that
 * is a normalized status gets its message; any value left `unknown` is shown as the backend wrote it.
 * Without a list, the normalized statuses are offered (a custom fetcher filters by those), except `unknown`.
 */
export function statusOptions(
  capabilities: FetcherCapabilities | undefined,
  statusOf: SessionFetcher['statusOf'],
  messages: Messages,
): FilterOption[] {
  const values = capabilities?.statuses ?? SESSION_STATUSES.filter((status) => status !== 'unknown');
  return values.map((raw) => ({ value: raw, label: statusLabel(raw, statusOf, messages) }));
}

function statusLabel(raw: string, statusOf: SessionFetcher['statusOf'], messages: Messages): string {
  const status: SessionStatus = statusOf ? statusOf(raw) : isSessionStatus(raw) ? raw : 'unknown';
  return status === 'unknown' ? raw : (lookup(messages.status, status) ?? raw);
}

/** The kind checkboxes: the backend's kinds labelled through `messages.kind` (else as sent). */
export function kindOptions(capabilities: FetcherCapabilities | undefined, messages: Messages): FilterOption[] {
  return (capabilities?.kinds ?? []).map((kind) => ({
    value: kind,
    label: lookup(messages.kind, kind) ?? kind,
  }));
}

/** `a, b and c` in the locale (falls back to commas where `Intl.ListFormat` is missing). */
export function joinNames(names: readonly string[], locale: string | undefined): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
