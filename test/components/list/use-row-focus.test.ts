// Which row the list's keyboard navigation moves to (the rest of the hook is covered through SessionList).
import { describe, expect, it } from 'vitest';
import { rowKeyTarget } from '../../../src/components/list/use-row-focus';

describe('rowKeyTarget', () => {
  it('moves one row down and up, never past either end', () => {
    expect(rowKeyTarget('ArrowDown', 2, 5)).toBe(3);
    expect(rowKeyTarget('ArrowDown', 4, 5)).toBe(4);
    expect(rowKeyTarget('ArrowUp', 2, 5)).toBe(1);
    expect(rowKeyTarget('ArrowUp', 0, 5)).toBe(0);
  });

  it('jumps to the first and the last row with Home and End', () => {
    expect(rowKeyTarget('Home', 3, 5)).toBe(0);
    expect(rowKeyTarget('End', 1, 5)).toBe(4);
  });

  it('leaves every other key to the browser', () => {
    for (const key of ['Enter', ' ', 'Tab', 'ArrowLeft', 'ArrowRight', 'PageDown', 'a']) expect(rowKeyTarget(key, 1, 5)).toBeUndefined();
  });
});
