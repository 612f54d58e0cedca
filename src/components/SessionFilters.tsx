import { useId, useRef, useState, type FormEvent } from 'react';
import { filterDefinition, type SESSION_FILTER_DEFINITIONS } from '../core/filters';
import type { FetcherCapabilities } from '../core/types';
import { usePaymentSessionsConfig } from '../hooks/context';
import { filterSetterOf } from '../hooks/filter-store';
import { useSessionFilters, type UseSessionFiltersOptions, type UseSessionFiltersResult } from '../hooks/use-session-filters';
import { DateRangeField } from './filters/DateRangeField';
import {
  fieldLabel,
  isFieldSupported,
  joinNames,
  listOptions,
  SESSION_FILTER_FIELDS,
  statusOptions,
  type FilterOption,
  type SessionFilterField,
} from './filters/labels';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';
import { useResolvedFilters } from './workspace';

export { SESSION_FILTER_FIELDS, type SessionFilterField } from './filters/labels';

/** The parts of `SessionFilters` that take a class name. */
export type SessionFiltersPart =
  | 'root'
  | 'field'
  | 'label'
  | 'input'
  | 'pending'
  | 'group'
  | 'legend'
  | 'option'
  | 'select'
  | 'dateInputs'
  | 'error'
  | 'toggles'
  | 'reset'
  | 'note';

/** Props of {@link SessionFilters}. */
export interface SessionFiltersProps extends ThemeProps, UseSessionFiltersOptions {
  /**
   * The filter state to drive, from `useSessionFilters()`. Without it the surrounding `SessionWorkspace`'s
   * state is used; with neither, the component holds its own state from the `value`/`defaultValue`/
   * `onValueChange`/`syncWithUrl`/`debounceMs`/`timeZone` props (read only in that case) — then pair
   * `onValueChange` (or `syncWithUrl`) with your list, since nothing else sees that state.
   */
  filters?: UseSessionFiltersResult;
  /**
   * Which filters to offer, in this order. Those the fetcher's `capabilities` cannot apply are left out
   * and named in a note.
   * @defaultValue every field: `SESSION_FILTER_FIELDS`
   */
  fields?: readonly SessionFilterField[];
  className?: string;
  /** A class per part, after its stable `rps-session-filters__*` class. */
  classNames?: ClassNames<SessionFiltersPart>;
}

/**
 * The filter bar of a session list: search, status and kind checkboxes, created and captured date ranges
 * with presets (interpreted in the provider's `timeZone`), hide-pending/hide-voided toggles, payment
 * token and Reset. It shows only what the provider's fetcher says it can filter by
 * (`fetcher.capabilities`), and says in a note what it cannot. Every change goes back to page 1; the
 * search reaches the query after a pause in typing. A `<form role="search">` that never submits.
 *
 * @example
 * <PaymentSessionsProvider fetcher={fetcher} timeZone="America/New_York">
 *   <SessionWorkspace>
 *     <SessionFilters fields={['search', 'status', 'created']} />
 *     <SessionList />
 *   </SessionWorkspace>
 * </PaymentSessionsProvider>
 */
export function SessionFilters(props: SessionFiltersProps) {
  const { fields = SESSION_FILTER_FIELDS, className, classNames } = props;
  const root = useThemeRoot(props);
  const messages = root.messages;
  const config = usePaymentSessionsConfig();
  const external = useResolvedFilters(props.filters);
  // Hooks cannot be conditional: the own state always exists, but is only fed the options (and so only
  // touches the URL) when there is no external state to drive.
  const own = useSessionFilters(external ? { timeZone: props.timeZone } : ownOptions(props));
  const filters = external ?? own;
  const timeZone = props.timeZone ?? config?.timeZone ?? 'UTC';

  const capabilities: FetcherCapabilities | undefined = config?.fetcher.capabilities;
  const shown = fields.filter((field) => isFieldSupported(field, capabilities));
  const unsupported = fields.filter(
    (field): field is Exclude<SessionFilterField, 'search'> => field !== 'search' && !isFieldSupported(field, capabilities),
  );
  const searchUnsupported = fields.includes('search') && !isFieldSupported('search', capabilities);
  const statuses = statusOptions(capabilities, config?.fetcher.statusOf, messages);

  const formRef = useRef<HTMLFormElement>(null);
  const searchId = useId();
  const tokenId = useId();
  // The payment token is an exact match: it is applied on Enter or when leaving the field, not per keystroke.
  const [tokenDraft, setTokenDraft] = useState<string | null>(null);
  const commitToken = () => {
    if (tokenDraft === null) return;
    if (tokenDraft.trim() !== filters.value.paymentToken.trim()) filters.setPaymentToken(tokenDraft.trim());
    setTokenDraft(null);
  };
  const onSubmit = (event: FormEvent) => {
    // Enter in a lone field submits the form; reloading the host's page would lose everything.
    event.preventDefault();
    commitToken();
  };
  const onReset = () => {
    setTokenDraft(null);
    filters.reset();
    // Reset disables itself; keep keyboard focus in the form instead of dropping it on <body>.
    formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  };

  const slot = (part: SessionFiltersPart) => classNames?.[part];
  const checkboxGroup = (field: ListField, options: FilterOption[], selected: string[], set: (next: string[]) => void) => (
    <fieldset key={field} className={cx('rps-session-filters__group', slot('group'))} data-field={field}>
      <legend className={cx('rps-session-filters__legend', slot('legend'))}>{fieldLabel(field, messages)}</legend>
      <div className="rps-session-filters__options">
        {options.map((option) => (
          <label key={option.value} className={cx('rps-session-filters__option', slot('option'))}>
            <input
              type="checkbox"
              className="rps-session-filters__checkbox"
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) =>
                set(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))
              }
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  const renderField = (field: SessionFilterField) => {
    const definition = filterDefinition(field);
    // Every other filter is drawn by its kind in the filter table.
    if (field !== 'search' && field !== 'paymentToken') return renderByKind(definition as KindDrawnDefinition);
    switch (field) {
      case 'search':
        return (
          <div key={field} className={cx('rps-session-filters__field', 'rps-session-filters__search', slot('field'))} data-field={field}>
            <label htmlFor={searchId} className={cx('rps-session-filters__label', slot('label'))}>
              {messages.search}
            </label>
            <div className="rps-session-filters__search-box">
              <input
                id={searchId}
                type="search"
                className={cx('rps-session-filters__input', slot('input'))}
                placeholder={messages.searchPlaceholder}
                value={filters.value.search}
                onChange={(event) => filters.setSearch(event.target.value)}
                autoComplete="off"
              />
              <span className={cx('rps-session-filters__pending', slot('pending'))} role="status" data-pending={filters.isSearchPending || undefined}>
                {filters.isSearchPending && (
                  <>
                    <span className="rps-session-filters__spinner" aria-hidden="true" />
                    <span className="rps-visually-hidden">{messages.searchPending}</span>
                  </>
                )}
              </span>
            </div>
          </div>
        );
      case 'paymentToken':
        return (
          <div key={field} className={cx('rps-session-filters__field', slot('field'))} data-field={field}>
            <label htmlFor={tokenId} className={cx('rps-session-filters__label', slot('label'))}>
              {messages.paymentToken}
            </label>
            <input
              id={tokenId}
              type="text"
              className={cx('rps-session-filters__input', slot('input'))}
              value={tokenDraft ?? filters.value.paymentToken}
              onChange={(event) => setTokenDraft(event.target.value)}
              onBlur={commitToken}
              onKeyDown={(event) => {
                // A form with several fields and no submit button does not submit on Enter: apply it here.
                if (event.key === 'Enter') commitToken();
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        );
    }
  };

  const renderByKind = (definition: KindDrawnDefinition) => {
    switch (definition.kind) {
      case 'list': {
        const { field } = definition;
        // The status labels come from the status tables; other lists offer what the backend lists, if anything.
        const options = field === 'status' ? statuses : listOptions(definition, capabilities, messages);
        if (field !== 'status' && options.length === 0) return null;
        return checkboxGroup(field, options, filters.value[field], filterSetterOf(filters, field));
      }
      case 'dayRange': {
        const { field } = definition;
        return (
          <DateRangeField
            key={field}
            name={field}
            legend={fieldLabel(field, messages)}
            range={filters.value[field]}
            onChange={filterSetterOf(filters, field)}
            invalid={filters.dateRangeErrors[field] !== undefined}
            errorText={messages.dateRangeInvalid}
            timeZone={timeZone}
            messages={messages}
            classNames={classNames}
          />
        );
      }
      case 'flag': {
        const { field } = definition;
        return (
          <label key={field} className={cx('rps-session-filters__option', 'rps-session-filters__toggle', slot('option'))} data-field={field}>
            <input
              type="checkbox"
              className="rps-session-filters__checkbox"
              checked={filters.value[field]}
              onChange={(event) => filterSetterOf(filters, field)(event.target.checked)}
            />
            <span>{fieldLabel(field, messages)}</span>
          </label>
        );
      }
    }
  };

  const toggles = shown.filter(isToggle);
  const firstToggle = toggles[0];

  return (
    <ThemeScope value={root.context}>
      <form
        ref={formRef}
        role="search"
        aria-label={messages.filtersLabel}
        noValidate
        onSubmit={onSubmit}
        className={cx('rps-session-filters', root.className, className, slot('root'))}
        style={root.style}
        {...root.dataAttributes}
        data-filtered={filters.isFiltered || undefined}
        data-search-pending={filters.isSearchPending || undefined}
      >
        {shown.map((field) => {
          // The two toggles sit together, where the first of them is listed.
          if (isToggle(field)) {
            return field === firstToggle ? (
              <div key="toggles" className={cx('rps-session-filters__toggles', slot('toggles'))}>
                {toggles.map(renderField)}
              </div>
            ) : null;
          }
          return renderField(field);
        })}
        {(unsupported.length > 0 || searchUnsupported) && (
          <div role="note" className={cx('rps-session-filters__note', slot('note'))}>
            {searchUnsupported && <p className="rps-session-filters__note-text">{messages.searchUnsupported}</p>}
            {unsupported.length > 0 && (
              <p className="rps-session-filters__note-text">
                {messages.unsupportedFilters(joinNames(unsupported.map((field) => fieldLabel(field, messages)), config?.locale))}
              </p>
            )}
          </div>
        )}
        {shown.length > 0 && (
          <button
            type="button"
            className={cx('rps-button', 'rps-session-filters__reset', slot('reset'))}
            disabled={!filters.isFiltered}
            onClick={onReset}
          >
            {messages.reset}
          </button>
        )}
      </form>
    </ThemeScope>
  );
}

/** The rows drawn by their kind alone: all but the search and the payment token, which have controls of their own. */
type KindDrawnDefinition = Exclude<(typeof SESSION_FILTER_DEFINITIONS)[number], { field: 'search' | 'paymentToken' }>;
type ListField = Extract<KindDrawnDefinition, { kind: 'list' }>['field'];

/** The on/off filters, which sit together where the first of them is listed. */
function isToggle(field: SessionFilterField): boolean {
  return filterDefinition(field).kind === 'flag';
}

/** The `useSessionFilters` options among the component's props. */
function ownOptions(props: SessionFiltersProps): UseSessionFiltersOptions {
  const { value, defaultValue, onValueChange, syncWithUrl, debounceMs, timeZone } = props;
  return { value, defaultValue, onValueChange, syncWithUrl, debounceMs, timeZone };
}
