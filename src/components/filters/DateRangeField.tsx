import { useId, useState, type ChangeEvent } from 'react';
import { DATE_PRESETS, datePresetRange, type DatePreset, type DayRange } from '../../core/date-range';
import type { Messages } from '../messages';
import { cx } from '../theme';

/** What the preset menu of a date range shows: no range, a quick range, or two date inputs. */
export type DateRangeMode = 'any' | DatePreset | 'custom';

/** Class-name slots a date range field uses (a subset of `SessionFilters`' slots). */
export interface DateRangeClassNames {
  group?: string;
  legend?: string;
  select?: string;
  dateInputs?: string;
  label?: string;
  input?: string;
  error?: string;
}

export interface DateRangeFieldProps {
  /** `created` or `captured`: names the part in classes and data attributes. */
  name: 'created' | 'captured';
  legend: string;
  range: DayRange;
  onChange: (range: DayRange) => void;
  /** The range is invalid (the hook left it out of the query): shows `errorText`. */
  invalid: boolean;
  errorText: string;
  /** IANA zone whose "today" the presets end on. */
  timeZone: string;
  messages: Messages;
  classNames?: DateRangeClassNames;
}

const PRESET_MESSAGE: Record<DatePreset, keyof Messages> = {
  today: 'presetToday',
  last7Days: 'presetLast7Days',
  last30Days: 'presetLast30Days',
  thisMonth: 'presetThisMonth',
};

const isEmpty = (range: DayRange) => !range.from && !range.to;

/** The mode a range reads as by its content: empty, one of the presets as of now, or custom. */
export function modeOfRange(range: DayRange, now: Date, timeZone: string): DateRangeMode {
  if (isEmpty(range)) return 'any';
  for (const preset of DATE_PRESETS) {
    const presetRange = datePresetRange(preset, now, timeZone);
    if (presetRange.from === range.from && presetRange.to === range.to) return preset;
  }
  return 'custom';
}

/** `range` with one end set, or removed when the input was cleared. */
function withEnd(range: DayRange, end: 'from' | 'to', day: string): DayRange {
  const { [end]: _previous, ...rest } = range;
  return day ? { ...rest, [end]: day } : rest;
}

/**
 * One date range filter: a fieldset whose preset menu (Any time, Today, Last 7 days, Last 30 days, This
 * month, Custom) writes calendar days computed in `timeZone`; "Custom" shows two `<input type="date">`.
 */
export function DateRangeField({
  name,
  legend,
  range,
  onChange,
  invalid,
  errorText,
  timeZone,
  messages,
  classNames,
}: DateRangeFieldProps) {
  const id = useId();
  const legendId = `${id}-legend`;
  const errorId = `${id}-error`;
  // "Custom" cannot be read from the range alone (a custom range may be empty, or equal a preset while
  // being typed), so the range object last written from here in custom mode is remembered. Any other
  // change of the range (a reset, Back in the browser) is a new object and the menu follows the content.
  const [customRange, setCustomRange] = useState<DayRange | null>(null);
  const mode: DateRangeMode = customRange === range ? 'custom' : modeOfRange(range, new Date(), timeZone);

  const writeCustom = (next: DayRange) => {
    setCustomRange(next);
    onChange(next);
  };
  const onModeChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value as DateRangeMode;
    if (next === 'custom') writeCustom({ ...range });
    else {
      setCustomRange(null);
      onChange(next === 'any' ? {} : datePresetRange(next, new Date(), timeZone));
    }
  };
  const describedBy = invalid ? errorId : undefined;

  return (
    <fieldset
      className={cx('rps-session-filters__group', 'rps-session-filters__date-range', classNames?.group)}
      data-field={name}
      data-mode={mode}
      data-invalid={invalid || undefined}
    >
      <legend id={legendId} className={cx('rps-session-filters__legend', classNames?.legend)}>
        {legend}
      </legend>
      <select
        className={cx('rps-session-filters__select', classNames?.select)}
        aria-labelledby={legendId}
        value={mode}
        onChange={onModeChange}
      >
        <option value="any">{messages.presetAny}</option>
        {DATE_PRESETS.map((preset) => (
          <option key={preset} value={preset}>
            {messages[PRESET_MESSAGE[preset]] as string}
          </option>
        ))}
        <option value="custom">{messages.presetCustom}</option>
      </select>
      {mode === 'custom' && (
        <div className={cx('rps-session-filters__date-inputs', classNames?.dateInputs)}>
          {(['from', 'to'] as const).map((end) => (
            <label key={end} className={cx('rps-session-filters__label', classNames?.label)}>
              <span className="rps-session-filters__label-text">{end === 'from' ? messages.from : messages.to}</span>
              <input
                type="date"
                className={cx('rps-session-filters__input', classNames?.input)}
                value={range[end] ?? ''}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => writeCustom(withEnd(range, end, event.target.value))}
              />
            </label>
          ))}
        </div>
      )}
      <p id={errorId} className={cx('rps-session-filters__error', classNames?.error)} aria-live="polite">
        {invalid ? errorText : null}
      </p>
    </fieldset>
  );
}
