import { act, renderHook } from '@testing-library/react';
import { useControllableState, type UseControllableStateOptions } from 'react-payment-sessions/headless';

function renderState(initial: UseControllableStateOptions<number>) {
  return renderHook((options: UseControllableStateOptions<number>) => useControllableState(options), { initialProps: initial });
}

describe('useControllableState', () => {
  describe('given no value (uncontrolled)', () => {
    it('starts from defaultValue, updates itself and reports each change', () => {
      const onValueChange = vi.fn();
      const { result } = renderState({ defaultValue: 1, onValueChange });
      expect(result.current[0]).toBe(1);

      act(() => result.current[1](5));
      expect(result.current[0]).toBe(5);
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith(5);
    });

    it('applies updater functions in sequence within one event', () => {
      const onValueChange = vi.fn();
      const { result } = renderState({ defaultValue: 1, onValueChange });
      act(() => {
        result.current[1]((n) => n + 1);
        result.current[1]((n) => n + 1);
      });
      expect(result.current[0]).toBe(3);
      expect(onValueChange.mock.calls).toEqual([[2], [3]]);
    });

    it('does not report a set that leaves the value unchanged', () => {
      const onValueChange = vi.fn();
      const { result } = renderState({ defaultValue: 1, onValueChange });
      act(() => result.current[1](1));
      expect(onValueChange).not.toHaveBeenCalled();
    });
  });

  describe('given a value (controlled)', () => {
    it('shows the value, asks onValueChange to change it and waits for the new value', () => {
      const onValueChange = vi.fn();
      const { result, rerender } = renderState({ value: 10, defaultValue: 0, onValueChange });
      expect(result.current[0]).toBe(10);

      act(() => result.current[1]((n) => n * 2));
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith(20);
      expect(result.current[0]).toBe(10); // the parent has not accepted it yet

      rerender({ value: 20, defaultValue: 0, onValueChange });
      expect(result.current[0]).toBe(20);
    });

    it('keeps the setter identity across renders and calls the latest onValueChange', () => {
      const first = vi.fn();
      const second = vi.fn();
      const { result, rerender } = renderState({ value: 1, defaultValue: 0, onValueChange: first });
      const setter = result.current[1];
      rerender({ value: 2, defaultValue: 0, onValueChange: second });
      expect(result.current[1]).toBe(setter);

      act(() => result.current[1](3));
      expect(first).not.toHaveBeenCalled();
      expect(second).toHaveBeenCalledExactlyOnceWith(3);
    });
  });

  describe('given a component that flips between controlled and uncontrolled', () => {
    it('warns once per flip in development, naming the caller', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { rerender } = renderState({ value: undefined, defaultValue: 0, caller: 'SessionFilters' });
      rerender({ value: undefined, defaultValue: 0, caller: 'SessionFilters' });
      expect(warn).not.toHaveBeenCalled();

      rerender({ value: 4, defaultValue: 0, caller: 'SessionFilters' });
      rerender({ value: 5, defaultValue: 0, caller: 'SessionFilters' });
      expect(warn).toHaveBeenCalledOnce();
      expect(warn.mock.calls[0]?.[0]).toMatch(/SessionFilters is changing from uncontrolled to controlled/);

      rerender({ value: undefined, defaultValue: 0, caller: 'SessionFilters' });
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn.mock.calls[1]?.[0]).toMatch(/from controlled to uncontrolled/);
      warn.mockRestore();
    });

    it('stays silent in production', () => {
      vi.stubEnv('NODE_ENV', 'production');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { rerender } = renderState({ value: undefined, defaultValue: 0 });
      rerender({ value: 1, defaultValue: 0 });
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
      vi.unstubAllEnvs();
    });
  });
});
