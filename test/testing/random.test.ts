import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/testing/random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('gives a usable sequence for seed 0', () => {
    const random = createRandom(0);
    const values = new Set(Array.from({ length: 50 }, () => random.next()));
    expect(values.size).toBe(50);
  });

  it('next() stays within [0, 1)', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('int() covers both ends of its range and nothing outside', () => {
    const random = createRandom(11);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i += 1) seen.add(random.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('pick() returns members of the list and refuses an empty one', () => {
    const random = createRandom(5);
    const items = ['a', 'b', 'c'];
    const picked = new Set(Array.from({ length: 200 }, () => random.pick(items)));
    expect([...picked].sort()).toEqual(items);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('chance() honours 0 and 1 and roughly matches a probability in between', () => {
    const random = createRandom(9);
    const draws = 20_000;
    let hits = 0;
    let zeroHits = 0;
    let oneMisses = 0;
    for (let i = 0; i < draws; i += 1) {
      if (random.chance(0)) zeroHits += 1;
      if (!random.chance(1)) oneMisses += 1;
      if (random.chance(0.3)) hits += 1;
    }
    expect(zeroHits).toBe(0);
    expect(oneMisses).toBe(0);
    expect(hits / draws).toBeGreaterThan(0.28);
    expect(hits / draws).toBeLessThan(0.32);
  });

  it('weighted() never returns a zero-weight value and follows the weights', () => {
    const random = createRandom(21);
    const counts = { rare: 0, common: 0, never: 0 };
    const entries = [['rare', 1], ['never', 0], ['common', 3]] as const;
    for (let i = 0; i < 8_000; i += 1) counts[random.weighted(entries)] += 1;
    expect(counts.never).toBe(0);
    expect(counts.common / counts.rare).toBeGreaterThan(2.6);
    expect(counts.common / counts.rare).toBeLessThan(3.4);
    expect(() => random.weighted([['x', 0]])).toThrow(RangeError);
  });

  it('dateBetween() stays within its bounds, inclusive', () => {
    const random = createRandom(13);
    const start = Date.UTC(2026, 0, 1);
    const end = start + 5;
    const seen = new Set<number>();
    for (let i = 0; i < 500; i += 1) {
      const date = random.dateBetween(new Date(start), end);
      expect(date).toBeInstanceOf(Date);
      seen.add(date.getTime());
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([start, start + 1, start + 2, start + 3, start + 4, start + 5]);
  });

  it('string() has the asked length and alphabet', () => {
    const random = createRandom(17);
    expect(random.string(20)).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(random.string(12, 'xy')).toMatch(/^[xy]{12}$/);
  });

  it('shuffle() returns a permutation and leaves the input alone', () => {
    const random = createRandom(19);
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const shuffled = random.shuffle(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual([...input]);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const orders = new Set(Array.from({ length: 20 }, () => random.shuffle(input).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});
