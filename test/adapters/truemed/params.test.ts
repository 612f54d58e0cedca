import { describe, expect, it } from 'vitest';
import { validateTruemedParams } from '../../../src/adapters/truemed/params';

describe('validateTruemedParams', () => {
  describe('given a query with many undocumented names', () => {
    it('drops 100,000 distinct names in linear time, each listed once', () => {
      const names = Array.from({ length: 100_000 }, (_, index) => `junk_${index}`);
      const query = new URLSearchParams(names.flatMap((name) => [[name, '1'], [name, '2']]));
      query.append('page', '2');
      const started = performance.now();
      const check = validateTruemedParams(query);
      const elapsedMs = performance.now() - started;
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.dropped).toHaveLength(100_000);
      expect(check.dropped[0]).toBe('junk_0');
      expect(check.dropped.at(-1)).toBe('junk_99999');
      expect(check.params.toString()).toBe('page=2');
      // The quadratic version took 13–34 s here (machine under load); linear ~0.4 s. The bound is far from both.
      expect(elapsedMs).toBeLessThan(2_000);
    });

    it('costs about the same per name at 20k and 200k names (no growth with n)', () => {
      const perName = (count: number) => {
        const query = new URLSearchParams(Array.from({ length: count }, (_, index) => [`x${index}`, '']));
        const started = performance.now();
        validateTruemedParams(query);
        return (performance.now() - started) / count;
      };
      perName(20_000); // warm-up
      const small = perName(20_000);
      const large = perName(200_000);
      // Quadratic: 10x the names is 10x the cost per name. Linear stays within noise (allow 4x).
      expect(large).toBeLessThan(Math.max(small, 0.0005) * 4);
    });
  });

  describe('given dates', () => {
    it('normalizes a date-time to the UTC instant it checked and keeps a bare day as the day', () => {
      const check = validateTruemedParams(
        new URLSearchParams({
          created_on_start: '2026-03-01 10:30',
          created_on_end: '2026-03-31',
          captured_on_start: '2026-03-01T10:30:00-05:00',
        }),
      );
      expect(check.ok && Object.fromEntries(check.params)).toEqual({
        created_on_start: '2026-03-01T10:30:00.000Z',
        created_on_end: '2026-03-31',
        captured_on_start: '2026-03-01T15:30:00.000Z',
      });
    });
  });
});
