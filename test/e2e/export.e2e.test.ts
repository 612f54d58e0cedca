// ExportButton in the portal: every page of the current filter as a CSV download, without secrets.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { parseCsv } from '../support/csv-reader';
import { closeContextsAfterEachTest } from './browser';
import { expectRows, expectedRecords, idsOf, oneEntryRecords, openPortal, PAGE_SIZE, rangeFor } from './portal';

const closeAfterTest = closeContextsAfterEachTest();

/** Clicks Export CSV, waits for the automatic download, then downloads again through the "Download CSV" link. */
async function exportCsv(page: Page): Promise<{ file: string; link: string; fileName: string }> {
  const download = page.waitForEvent('download', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const done = await download;
  const path = await done.path();
  const file = readFileSync(path, 'utf8');
  // The "Download CSV" link that stays offers the same file.
  const anchor = page.getByRole('link', { name: 'Download CSV' });
  await anchor.waitFor();
  expect(await anchor.getAttribute('download')).toBe(done.suggestedFilename());
  const again = page.waitForEvent('download');
  await anchor.click();
  const link = readFileSync(await (await again).path(), 'utf8');
  return { file, link, fileName: done.suggestedFilename() };
}

/** Nothing that looks like a credential: no secret-named column, no Stripe client secret, not the proxy's key. */
function expectNoSecrets(csv: string, header: string[]): void {
  for (const name of header) expect(name).not.toMatch(/secret|api.?key|password|token.*access/i);
  expect(csv).not.toMatch(/_secret_/);
  expect(csv).not.toMatch(/client.?secret/i);
  const apiKey = inject('demoApiKey');
  expect(apiKey.length).toBeGreaterThan(10);
  expect(csv).not.toContain(apiKey);
}

test('exporting a filtered view downloads every page of it: one data row per filtered session, no secrets', async () => {
  const { page, errors } = closeAfterTest(await openPortal());
  await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true }).check();
  const captured = expectedRecords({ status: ['captured'] });
  // More than one page of the list and of the export (at most 100 rows per request).
  expect(captured.length).toBeGreaterThan(100);
  await expectRows(page, idsOf(captured.slice(0, PAGE_SIZE)), rangeFor(1, captured.length));

  const { file, link, fileName } = await exportCsv(page);
  expect(fileName).toMatch(/^payment-sessions-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(link).toBe(file);
  const [header, ...rows] = parseCsv(file.replace(/^\uFEFF/, ''));
  expect(header).toBeDefined();
  expect(rows.length).toBe(captured.length);
  const idColumn = header!.findIndex((name) => /^id$/i.test(name));
  expect(idColumn).toBeGreaterThanOrEqual(0);
  expect(rows.map((row) => row[idColumn]).sort()).toEqual(idsOf(captured).sort());
  // Each row has as many cells as the header (quoted commas and newlines were written correctly).
  for (const row of rows) expect(row.length).toBe(header!.length);
  expectNoSecrets(file, header!);
  await expect.poll(() => page.locator('.rps-export-button [role="status"]').textContent()).toBe(`${captured.length} rows exported`);
  expect(errors).toEqual([]);
});

test('exporting OneEntry sessions (whose records carry client secrets) leaves every secret out', async () => {
  const { page, errors } = closeAfterTest(await openPortal('/?backend=oneentry'));
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));

  const { file } = await exportCsv(page);
  const [header, ...rows] = parseCsv(file.replace(/^\uFEFF/, ''));
  expect(rows.length).toBe(75);
  const idColumn = header!.findIndex((name) => /^id$/i.test(name));
  expect(rows.map((row) => row[idColumn]).sort()).toEqual(idsOf(oneEntryRecords).sort());
  const secrets = oneEntryRecords.map((record) => (record as { clientSecret?: string }).clientSecret).filter(Boolean);
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(file).not.toContain(secret);
  expectNoSecrets(file, header!);
  expect(errors).toEqual([]);
});
