import { lookup } from '../../core/lookup';
import { filterDefinition, SESSION_FILTER_DEFINITIONS, type SessionFilterFieldName } from '../../core/filters';
import { isSessionStatus, SESSION_STATUSES } from '../../core/status';
import type { FetcherCapabilities, SessionFetcher, SessionStatus } from '../../core/types';
import type { Messages } from '../messages';

/** A filter `SessionFilters` can show; `search` is the text search, the rest map to fetcher filters. */
export type SessionFilterField = SessionFilterFieldName;

/** Every field, in the order the form shows them. */
export const SESSION_FILTER_FIELDS: readonly SessionFilterField[] = SESSION_FILTER_DEFINITIONS.map((definition) => definition.field);

/**
 * Whether the backend can apply a field. Without capabilities (no provider: the host applies the query
 * itself) every field is assumed to work.
 */
export function isFieldSupported(field: SessionFilterField, capabilities: FetcherCapabilities | undefined): boolean {
  if (!capabilities) return true;
  const { capability } = filterDefinition(field);
  // The one row without a capability is the text search, which has its own switch.
  return capability === undefined ? capabilities.search : capabilities.filters.includes(capability);
}

/** The visible name of a non-search field, as used in its label and in the "cannot filter by" note. */
export function fieldLabel(field: Exclude<SessionFilterField, 'search'>, messages: Messages): string {
  return messages[labelKey(field)];
}

/** The message naming each filter of the table: a new row fails to compile here until it has one. */
const LABEL_KEYS = {
  search: 'search',
  status: 'statusFilter',
  kind: 'kindFilter',
  created: 'createdRange',
  captured: 'capturedRange',
  excludePending: 'excludePending',
  excludeVoided: 'excludeVoided',
  paymentToken: 'paymentToken',
} as const satisfies Record<SessionFilterField, keyof Messages>;

/** The message naming a field. */
function labelKey(field: SessionFilterField): (typeof LABEL_KEYS)[SessionFilterField] {
  return LABEL_KEYS[field];
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

/** The list filters of the table other than status, whose values come from the backend's capabilities. */
type ValueListDefinition = Exclude<Extract<(typeof SESSION_FILTER_DEFINITIONS)[number], { kind: 'list' }>, { field: 'status' }>;

/** The messages that label each value of a list filter other than status (a record by value). */
const VALUE_LABEL_KEYS = { kind: 'kind' } as const satisfies Record<ValueListDefinition['field'], keyof Messages>;

/**
 * The checkboxes of a list filter other than status: the values the backend lists in its row's
 * `knownValues` capability, labelled through its value messages (else as sent). None when the backend
 * lists none.
 */
export function listOptions(definition: ValueListDefinition, capabilities: FetcherCapabilities | undefined, messages: Messages): FilterOption[] {
  const labels = messages[VALUE_LABEL_KEYS[definition.field]];
  return (capabilities?.[definition.knownValues] ?? []).map((value) => ({
    value,
    label: lookup(labels, value) ?? value,
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
