/**
 * Property-based fuzzing of the OneEntry adapter through the components: 1000 generated answers of a fake
 * `Payments.getSessions` (mostly `{ total, items }` and bare arrays of valid, broken and junk entities;
 * also resolved `{ statusCode }` errors, junk, values JSON cannot carry, rejections and synchronous throws)
 * go through the real `createOneEntryFetcher` inside a `PaymentSessionsProvider`, and are rendered by
 * `SessionList` and `RefundSummary`; in a third of the cases one row is then opened in `SessionDetail`.
 * A failure prints fast-check's seed and path, so it replays exactly.
 */
import { createOneEntryFetcher, preloadSessionDetail } from 'react-payment-sessions';
import { expectEveryBranchReached, fuzzThroughComponents } from './harness';
import { oneEntryCase } from './oneentry-payloads';

// The detail dialog's chunk, loaded once up front so that opening a row is synchronous in every case.
beforeAll(() => preloadSessionDetail());

const SEED = 20_260_602;
const NUM_RUNS = 1000;

describe('OneEntry adapter under fuzzed SDK answers', () => {
  it(`renders ${NUM_RUNS} generated answers without a crash, junk in the DOM or a lost valid record`, async () => {
    const tally = await fuzzThroughComponents(
      oneEntryCase,
      (answer) => createOneEntryFetcher({ getSessions: () => answer.getSessions() as Promise<unknown> }, { currency: answer.currency }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // The generators must reach every branch (counts over the 1000 runs of this seed).
    expectEveryBranchReached(tally, NUM_RUNS);
  }, 120_000);
});
