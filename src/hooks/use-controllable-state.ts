import { useCallback, useEffect, useInsertionEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';

/** Options of {@link useControllableState}. */
export interface UseControllableStateOptions<T> {
  /** The controlled value. Passing anything but `undefined` makes the state controlled. */
  value?: T | undefined;
  /** The initial value when uncontrolled. */
  defaultValue: T;
  /** Called with every new value, controlled or not; not called when a set leaves the value unchanged. */
  onValueChange?: ((value: T) => void) | undefined;
  /** Who is asking, for the development warning (e.g. `"useSessionFilters"`). */
  caller?: string;
}

/** `process.env.NODE_ENV` as bundlers replace it; `true` where no bundler defined `process`. */
function isDevelopment(): boolean {
  return typeof process === 'undefined' || process.env.NODE_ENV !== 'production';
}

/**
 * Warns in development when `isControlled` flips between renders, which is almost always a bug (a `value`
 * that is sometimes `undefined`). `caller` names who is asking.
 * @internal
 */
export function useControlledSwitchWarning(isControlled: boolean, caller: string): void {
  const wasControlled = useRef(isControlled);
  useEffect(() => {
    if (wasControlled.current === isControlled) return;
    if (isDevelopment()) {
      const [from, to] = wasControlled.current ? ['controlled', 'uncontrolled'] : ['uncontrolled', 'controlled'];
      console.warn(
        `${caller} is changing from ${from} to ${to}. Decide between using a controlled or uncontrolled value ` +
          `for the lifetime of the component (a controlled value must never be undefined).`,
      );
    }
    wasControlled.current = isControlled;
  }, [isControlled, caller]);
}

/**
 * One state that is either controlled (`value` + `onValueChange`) or uncontrolled (`defaultValue`), with
 * the same setter either way — the pattern of Radix's `useControllableState`. In development it warns
 * when a component flips between controlled and uncontrolled, which is almost always a bug (a `value`
 * that is sometimes `undefined`). `T` must not be a function type (setters accept updater functions).
 *
 * @example
 * function Toggle({ on, defaultOn = false, onOnChange }: { on?: boolean; defaultOn?: boolean; onOnChange?: (on: boolean) => void }) {
 *   const [isOn, setOn] = useControllableState({ value: on, defaultValue: defaultOn, onValueChange: onOnChange, caller: 'Toggle' });
 *   return <button aria-pressed={isOn} onClick={() => setOn((v) => !v)}>Toggle</button>;
 * }
 */
export function useControllableState<T>({
  value,
  defaultValue,
  onValueChange,
  caller = 'useControllableState',
}: UseControllableStateOptions<T>): [T, Dispatch<SetStateAction<T>>] {
  const isControlled = value !== undefined;
  const [uncontrolledValue, setUncontrolledValue] = useState(defaultValue);
  const current = isControlled ? value : uncontrolledValue;

  // Latest value and callback for the stable setter below (updated before any layout or passive effect
  // of this render can call the setter).
  const latest = useRef({ current, isControlled, onValueChange });
  useInsertionEffect(() => {
    latest.current = { current, isControlled, onValueChange };
  });

  useControlledSwitchWarning(isControlled, caller);

  const setValue = useCallback<Dispatch<SetStateAction<T>>>((next) => {
    const { current: previous, isControlled: controlled, onValueChange: notify } = latest.current;
    const resolved = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
    if (Object.is(resolved, previous)) return;
    // Seen by the next call in the same event, before React re-renders (e.g. two updaters in a row).
    latest.current = { ...latest.current, current: resolved };
    if (!controlled) setUncontrolledValue(resolved);
    notify?.(resolved);
  }, []);

  return [current, setValue];
}
