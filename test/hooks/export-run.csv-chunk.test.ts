// Not from the package entry: it re-exports core's CSV writer, which would load it up front.
import { PaymentSessionsError } from '../../src/core/errors';
import { createExportRun } from '../../src/hooks/export-run';
import { createFakeFetcher } from './fake-fetcher';

// The CSV writer is loaded only when an export has its rows; here that load fails as often as `failures` says
// (offline, or a deployment removed the chunk).
const writer = vi.hoisted(() => ({ failures: 0, loads: 0 }));
vi.mock('../../src/core/csv', async (importOriginal) => {
  writer.loads += 1;
  if (writer.failures > 0) {
    writer.failures -= 1;
    throw new Error('Failed to fetch dynamically imported module');
  }
  return importOriginal();
});

describe('given an export whose CSV writer cannot be loaded', () => {
  it('checks the options without the writer, ends as an error keeping its pages, and Resume writes the file', async () => {
    writer.failures = 1;
    const fetcher = createFakeFetcher({ delayMs: 1 });
    const exportRun = createExportRun({ fetcher, query: { pageSize: 40 }, concurrency: 2, csvOptions: () => ({ separator: ';' }) });

    // A secret column is refused at start, before any request and without loading the writer.
    const refused = createExportRun({ fetcher, query: { pageSize: 40 }, concurrency: 1, csvOptions: () => ({ columns: ['client_secret'] }) });
    expect(() => refused.start()).toThrow(/names a secret/);
    expect(fetcher.calls).toHaveLength(0);
    expect(writer.loads).toBe(0);

    exportRun.start();
    await vi.waitFor(() => expect(exportRun.getState().status).toBe('error'));
    // vitest wraps the factory's error in its own message; what matters is one readable error, not a crash.
    expect(exportRun.getState().error).toBeInstanceOf(PaymentSessionsError);
    expect(fetcher.calls.map((call) => call.query.page)).toEqual([1, 2, 3]);

    exportRun.resume();
    await vi.waitFor(() => expect(exportRun.getState().status).toBe('done'));
    expect(exportRun.getState().rows).toBe(95);
    expect(exportRun.getState().csv?.split('\r\n')[0]).toContain(';');
    // The pages were kept: Resume only loaded the writer again.
    expect(fetcher.calls).toHaveLength(3);
    expect(writer.loads).toBe(2);
  });
});
