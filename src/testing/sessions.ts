import { mapTruemedSession } from '../adapters/truemed/map';
import type { PaymentSession } from '../core/types';
import { makeTruemedRecords, type MakeTruemedRecordsOptions } from './truemed-data';

/**
 * Ready-made `PaymentSession` model objects for component and hook tests: the fake Truemed dataset mapped
 * through the real adapter, so they look exactly like what a fetcher returns (every status and kind,
 * refunds, disputes, line items, fees, accented customer names). Deterministic by `seed`.
 *
 * @example
 * const sessions = makeSessions({ count: 30 });
 * render(<RefundSummary sessions={sessions} />);
 * render(<SessionList fallbackData={{ sessions, total: 30, page: 1, pageSize: 30, pageCount: 1 }} />); // in a provider
 */
export function makeSessions(options: MakeTruemedRecordsOptions = {}): PaymentSession[] {
  return makeTruemedRecords(options).map((record, index) => {
    const mapped = mapTruemedSession(record);
    // The generated dataset is valid by construction; a failure here is a bug in the fake, not input.
    if (!mapped.ok) throw new Error(`makeSessions: generated record ${index} failed validation: ${mapped.issues.join('; ')}`);
    return mapped.value;
  });
}
