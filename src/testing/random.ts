/**
 * A tiny seeded pseudo-random generator (mulberry32) for the fake datasets: the same seed always yields the
 * same records, so tests, stories and the demo see identical data on every run and every machine.
 * Not for anything security-related.
 */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic source of random values; see {@link createRandom}. */
export interface SeededRandom {
  /** A float in `[0, 1)`. */
  next(): number;
  /** A whole number in `[min, max]`, both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [value: T, weight: number]>): T;
  /** `true` with the given probability (0 never, 1 always). */
  chance(probability: number): boolean;
  /** A date in `[start, end]` at millisecond precision. */
  dateBetween(start: number | Date, end: number | Date): Date;
  /** A string of `length` characters drawn from `alphabet` (letters and digits by default). */
  string(length: number, alphabet?: string): string;
  /** A shuffled copy of the list (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * Creates a seeded generator. The seed is taken as an unsigned 32-bit integer (`1.7` and `1` are the same
 * seed); every seed, including 0, gives a usable sequence.
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same roll every run
 */
export function createRandom(seed: number): SeededRandom {
  let state = seed >>> 0;

  // mulberry32: one 32-bit state, full period, good enough statistics for fake data.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    const low = Math.ceil(Math.min(min, max));
    const high = Math.floor(Math.max(min, max));
    return low + Math.floor(next() * (high - low + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty list.');
    return items[int(0, items.length - 1)] as T;
  };

  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    const totalWeight = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (totalWeight <= 0) throw new RangeError('weighted() needs at least one positive weight.');
    let remaining = next() * totalWeight;
    for (const [value, weight] of entries) {
      remaining -= Math.max(0, weight);
      if (remaining < 0) return value;
    }
    // Floating-point rounding can leave a sliver; the last positive entry owns it.
    const lastPositive = [...entries].reverse().find(([, weight]) => weight > 0);
    return (lastPositive as readonly [T, number])[0];
  };

  const chance = (probability: number): boolean => next() < probability;

  const dateBetween = (start: number | Date, end: number | Date): Date =>
    new Date(int(Number(start), Number(end)));

  const string = (length: number, alphabet: string = ALPHANUMERIC): string => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet.charAt(int(0, alphabet.length - 1));
    return out;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  return { next, int, pick, weighted, chance, dateBetween, string, shuffle };
}
