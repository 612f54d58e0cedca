/**
 * Property-based fuzzing of the Truemed adapter through the components: 1000 generated HTTP answers
 * (mostly pages of valid, broken and junk records; also wrong envelopes, non-JSON bodies, error statuses
 * and network failures) go through the real `createTruemedFetcher` (with an injected `fetch`) inside a
 * `PaymentSessionsProvider`, and are rendered by `SessionList` and `RefundSummary`; in a third of the
 * cases one row is then opened in `SessionDetail`. A failure prints fast-check's seed and path, so it
 * replays exactly.
 */
import fc from 'fast-check';
import { createTruemedFetcher, preloadSessionDetail } from 'react-payment-sessions';
import { checkAnswer, emptyTally } from './harness';

// The detail dialog's chunk, loaded once up front so that opening a row is synchronous in every case.
beforeAll(() => preloadSessionDetail());
import { truemedCase } from './truemed-payloads';

const SEED = 20_260_601;
const NUM_RUNS = 1000;

const settings = fc.record({
  locale: fc.constantFrom('en-US', 'de-DE', 'ja-JP', 'ar-EG'),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Not/AZone'),
});

describe('Truemed adapter under fuzzed responses', () => {
  it(`renders ${NUM_RUNS} generated answers without a crash, junk in the DOM or a lost valid record`, async () => {
    const consoleError = vi.spyOn(console, 'error');
    const tally = emptyTally();
    try {
      await fc.assert(
        fc.asyncProperty(truemedCase, settings, fc.nat(), async (answer, locale, detailIndex) => {
          const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed', fetch: () => answer.respond() });
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
