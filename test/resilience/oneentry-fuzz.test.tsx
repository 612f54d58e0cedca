/**
 * Property-based fuzzing of the OneEntry adapter through the components: 1000 generated answers of a fake
 * `Payments.getSessions` (mostly `{ total, items }` and bare arrays of valid, broken and junk entities;
 * also resolved `{ statusCode }` errors, junk, values JSON cannot carry, rejections and synchronous throws)
 * go through the real `createOneEntryFetcher` inside a `PaymentSessionsProvider`, and are rendered by
 * `SessionList` and `RefundSummary`; in a third of the cases one row is then opened in `SessionDetail`.
 * A failure prints fast-check's seed and path, so it replays exactly.
 */
import { createOneEntryFetcher } from 'react-payment-sessions';
import { describeFuzzSuite } from './harness';
import { oneEntryCase } from './oneentry-payloads';

describeFuzzSuite('OneEntry adapter under fuzzed SDK answers', {
  answers: oneEntryCase,
  fetcherFor: (answer) => createOneEntryFetcher({ getSessions: () => answer.getSessions() as Promise<unknown> }, { currency: answer.currency }),
  seed: 20_260_602,
  numRuns: 1000,
});
