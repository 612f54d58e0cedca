/**
 * Property-based fuzzing of the Truemed adapter through the components: 1000 generated HTTP answers
 * (mostly pages of valid, broken and junk records; also wrong envelopes, non-JSON bodies, error statuses
 * and network failures) go through the real `createTruemedFetcher` (with an injected `fetch`) inside a
 * `PaymentSessionsProvider`, and are rendered by `SessionList` and `RefundSummary`; in a third of the
 * cases one row is then opened in `SessionDetail`. A failure prints fast-check's seed and path, so it
 * replays exactly.
 */
import { createTruemedFetcher, preloadSessionDetail } from 'react-payment-sessions';
import { expectEveryBranchReached, fuzzThroughComponents } from './harness';
import { truemedCase } from './truemed-payloads';

// The detail dialog's chunk, loaded once up front so that opening a row is synchronous in every case.
beforeAll(() => preloadSessionDetail());

const SEED = 20_260_601;
const NUM_RUNS = 1000;

describe('Truemed adapter under fuzzed responses', () => {
  it(`renders ${NUM_RUNS} generated answers without a crash, junk in the DOM or a lost valid record`, async () => {
    const tally = await fuzzThroughComponents(
      truemedCase,
      (answer) => createTruemedFetcher({ baseUrl: '/api/truemed', fetch: () => answer.respond() }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // The generators must reach every branch (counts over the 1000 runs of this seed).
    expectEveryBranchReached(tally, NUM_RUNS);
  }, 120_000);
});
