import { usePaymentSessionsConfig } from '../hooks/context';
import { useMessages } from './theme';
import { formatMoney } from '../core/money';
import type { Money } from '../core/types';

/** Display formatters for one locale and time zone, all through `Intl` (no date-fns `format`). */
export interface Formatters {
  locale: string | undefined;
  timeZone: string | undefined;
  /** `$1,234.56`; `fallback` for a missing amount. */
  money(value: Money | undefined): string;
  /** Date and time in the time zone, e.g. `Mar 8, 2026, 1:05 PM`. */
  dateTime(iso: string | undefined): string;
  /** Date only in the time zone. */
  date(iso: string | undefined): string;
  /** A whole number with grouping. */
  number(value: number): string;
  /** `0.42` → `42%`. */
  percent(ratio: number): string;
  /** What is shown for a missing or unreadable value. */
  fallback: string;
}

const cache = new Map<string, Formatters>();

/**
 * Formatters for a locale and an IANA time zone, cached per pair. An invalid time zone falls back to the
 * runtime's own rather than throwing during render; an unreadable date shows `fallback`, never
 * `Invalid Date`.
 */
export function getFormatters(locale?: string, timeZone?: string, fallback = '—'): Formatters {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${fallback}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const zone = isValidTimeZone(timeZone) ? timeZone : undefined;
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const toDate = (iso: string | undefined) => {
    if (!iso) return undefined;
    const time = Date.parse(iso);
    return Number.isNaN(time) ? undefined : new Date(time);
  };

  const formatters: Formatters = {
    locale,
    timeZone: zone,
    fallback,
    money: (value) => {
      if (!value) return fallback;
      try {
        return formatMoney(value, locale);
      } catch {
        return fallback;
      }
    },
    dateTime: (iso) => {
      const date = toDate(iso);
      return date ? dateTimeFormat.format(date) : fallback;
    },
    date: (iso) => {
      const date = toDate(iso);
      return date ? dateFormat.format(date) : fallback;
    },
    number: (value) => (Number.isFinite(value) ? numberFormat.format(value) : fallback),
    percent: (ratio) => (Number.isFinite(ratio) ? percentFormat.format(ratio) : fallback),
  };
  cache.set(key, formatters);
  return formatters;
}

/** Whether the runtime knows this IANA time zone. */
export function isValidTimeZone(timeZone: string | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The formatters for the nearest `PaymentSessionsProvider`'s locale and time zone (a component's own
 * `locale`/`timeZone` props win), showing `messages.unknownValue` for missing values.
 */
export function useFormatters(overrides: { locale?: string; timeZone?: string } = {}): Formatters {
  const config = usePaymentSessionsConfig();
  const messages = useMessages();
  return getFormatters(overrides.locale ?? config?.locale, overrides.timeZone ?? config?.timeZone, messages.unknownValue);
}
