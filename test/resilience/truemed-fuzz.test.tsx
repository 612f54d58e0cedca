/**
 * Property-based fuzzing of the Truemed adapter through the components: 1000 generated HTTP answers
 * (mostly pages of valid, broken and junk records; also wrong envelopes, non-JSON bodies, error statuses
 * and network failures) go through the real `createTruemedFetcher` (with an injected `fetch`) inside a
 * `PaymentSessionsProvider`, and are rendered by `SessionList` and `RefundSummary`; in a third of the
 * cases one row is then opened in `SessionDetail`. A failure prints fast-check's seed and path, so it
 * replays exactly.
 */
import { createTruemedFetcher } from 'react-payment-sessions';
import { describeFuzzSuite } from './harness';
import { truemedCase } from './truemed-payloads';

describeFuzzSuite('Truemed adapter under fuzzed responses', {
  answers: truemedCase,
  fetcherFor: (answer) => createTruemedFetcher({ baseUrl: '/api/truemed', fetch: () => answer.respond() }),
  seed: 20_260_601,
  numRuns: 1000,
});
