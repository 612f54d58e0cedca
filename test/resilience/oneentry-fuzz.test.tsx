/**
 * Property-based fuzzing of the OneEntry adapter through the components: 1000 generated answers of a fake
 * `Payments.getSessions` (mostly `{ total, items }` and bare arrays of valid, broken and junk entities;
 * also resolved `{ statusCode }` errors, junk, values JSON cannot carry, rejections and synchronous throws)
 * go through the real `createOneEntryFetcher` inside a `PaymentSessionsProvider`, and are rendered by
 * `SessionList` and `RefundSummary`; in a third of the cases one row is then opened in `SessionDetail`.
 * A failure prints fast-check's seed and path, so it replays exactly.
 */
import fc from 'fast-check';
import { createOneEntryFetcher, preloadSessionDetail } from 'react-payment-sessions';
import { checkAnswer, emptyTally } from './harness';

// The detail dialog's chunk, loaded once up front so that opening a row is synchronous in every case.
beforeAll(() => preloadSessionDetail());
import { oneEntryCase } from './oneentry-payloads';

const SEED = 20_260_602;
const NUM_RUNS = 1000;

const settings = fc.record({
  locale: fc.constantFrom('en-US', 'de-DE', 'ja-JP', 'ar-EG'),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Not/AZone'),
});

describe('OneEntry adapter under fuzzed SDK answers', () => {
  it(`renders ${NUM_RUNS} generated answers without a crash, junk in the DOM or a lost valid record`, async () => {
    const consoleError = vi.spyOn(console, 'error');
    const tally = emptyTally();
    try {
      await fc.assert(
        fc.asyncProperty(oneEntryCase, settings, fc.nat(), async (answer, locale, detailIndex) => {
          const fetcher = createOneEntryFetcher({ getSessions: () => answer.getSessions() as Promise<unknown> }, { currency: answer.currency });
          await checkAnswer(fetcher, answer.expect, { label: answer.label, settings: locale, detailIndex, tally, consoleError });
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
    } finally {
      consoleError.mockRestore();
    }
    // The generators must reach every branch (counts over the 1000 runs of this seed).
    expect(tally.pages).toBeGreaterThan(NUM_RUNS * 0.35);
    expect(tally.failures).toBeGreaterThan(NUM_RUNS * 0.2);
    expect(tally.validShown).toBeGreaterThan(NUM_RUNS);
    expect(tally.invalidDropped).toBeGreaterThan(NUM_RUNS / 2);
    expect(tally.repeatsDropped).toBeGreaterThan(NUM_RUNS / 10);
    expect(tally.details).toBeGreaterThan(NUM_RUNS / 10);
  }, 120_000);
});
