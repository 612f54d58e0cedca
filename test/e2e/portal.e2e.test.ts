// The portal as a merchant uses it: sign in, list, filter, search, paginate, open a session, switch backend.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import {
  cookieHeader,
  dayIn,
  EN_TIME_ZONE,
  demoUrl,
  expectRows,
  expectedRecords,
  idsOf,
  oneEntryRecords,
  openDemo,
  openPortal,
  PAGE_SIZE,
  rangeFor,
  rowIds,
  signIn,
  truemedRecords,
} from './portal';

const closeAfterTest = closeContextsAfterEachTest();

/** The total the demo's own API route reports for a query string, with the signed-in cookie. */
async function apiTotal(cookie: string, query: string): Promise<number> {
  const response = await fetch(demoUrl(`/api/truemed/payments/v1/payment_sessions?${query}&page_size=1`), { headers: { cookie } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { pagination: { count: number } };
  return body.pagination.count;
}

describe('list', () => {
  test('signing in with the button shows the first page of the fake’s sessions and their total', async () => {
    const { page, errors } = closeAfterTest(await openDemo());
    // Signed out: the sign-in page, no table.
    await expect.poll(() => page.getByRole('button', { name: 'Sign in as the demo merchant' }).isVisible()).toBe(true);
    expect(await page.locator('table').count()).toBe(0);

    await signIn(page);
    await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
    await expect.poll(() => page.getByRole('table', { name: 'Payment sessions' }).isVisible()).toBe(true);
    // The first row shows the newest session's customer.
    const first = truemedRecords[0]!;
    const firstRow = page.locator('tbody .rps-session-list__row').first();
    expect(await firstRow.locator('[data-column="customer"]').textContent()).toContain(first.customer_name);
    expect(errors).toEqual([]);
  });

  test('filtering by status changes the rows and the total to the fake’s sessions of that status', async () => {
    const { context, page, errors } = closeAfterTest(await openPortal());
    const status = page.getByRole('group', { name: 'Status', exact: true });
    await status.getByRole('checkbox', { name: 'Authorized', exact: true }).check();

    const authorized = expectedRecords({ status: ['authorized'] });
    expect(authorized.length).toBeGreaterThan(0);
    expect(authorized.length).toBeLessThan(240);
    await expectRows(page, idsOf(authorized.slice(0, PAGE_SIZE)), rangeFor(1, authorized.length));
    // Every row's badge agrees (Truemed's "authorized" reads as Authorized or Partially captured).
    const badges = (await page.locator('tbody [data-column="status"]').allTextContents()).map((text) => text.replace('•', '').trim());
    expect(badges).toEqual(
      authorized.slice(0, PAGE_SIZE).map((record) => (record.status_summary === 'Partially Captured' ? 'Partially captured' : 'Authorized')),
    );

    // A second status widens it; the demo's own API route agrees with the oracle.
    await status.getByRole('checkbox', { name: 'Canceled', exact: true }).check();
    const both = expectedRecords({ status: ['authorized', 'canceled'] });
    await expectRows(page, idsOf(both.slice(0, PAGE_SIZE)), rangeFor(1, both.length));
    expect(await apiTotal(await cookieHeader(context), 'status=authorized,canceled')).toBe(both.length);
    expect(errors).toEqual([]);
  });

  test('filtering by a custom created date range shows the sessions created on those days (New York time)', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    const created = page.getByRole('group', { name: 'Created', exact: true });
    await created.getByRole('combobox', { name: 'Created', exact: true }).selectOption('custom');
    await created.getByLabel('From').fill('2026-09-01');
    await created.getByLabel('To').fill('2026-09-15');

    const inRange = expectedRecords({ createdFrom: '2026-09-01', createdTo: '2026-09-15' });
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.length).toBeLessThan(PAGE_SIZE * 2);
    await expectRows(page, idsOf(inRange.slice(0, PAGE_SIZE)), rangeFor(1, inRange.length));
    // Every row shown was created within the range, read in the portal's time zone.
    const times = await page.locator('tbody [data-column="created"] time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));
    expect(times.length).toBe(Math.min(PAGE_SIZE, inRange.length));
    for (const time of times) expect(dayIn(time!, EN_TIME_ZONE)).toMatch(/^2026-09-(0[1-9]|1[0-5])$/);

    // Narrowing by status too: both filters apply.
    await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true }).check();
    const capturedInRange = expectedRecords({ status: ['captured'], createdFrom: '2026-09-01', createdTo: '2026-09-15' });
    expect(capturedInRange.length).toBeLessThan(inRange.length);
    await expectRows(page, idsOf(capturedInRange.slice(0, PAGE_SIZE)), rangeFor(1, capturedInRange.length));
    expect(errors).toEqual([]);
  });

  test('search shows only the matching sessions', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    await page.getByRole('searchbox', { name: 'Search' }).fill('holm');

    const matching = expectedRecords({ search: 'holm' });
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(PAGE_SIZE);
    await expectRows(page, idsOf(matching), rangeFor(1, matching.length));
    const customers = await page.locator('tbody [data-column="customer"]').allTextContents();
    for (const customer of customers) expect(customer.toLowerCase()).toContain('holm');

    // A search nothing matches: the no-results state, with a way out.
    await page.getByRole('searchbox', { name: 'Search' }).fill('no such customer zzz');
    await expect.poll(() => page.locator('.rps-session-list').getAttribute('data-state')).toBe('no-results');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
    expect(errors).toEqual([]);
  });

  test('Next and a page number show other rows and the right “x–y of N”', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    const first = await rowIds(page);

    await page.getByRole('button', { name: 'Next page' }).click();
    await expectRows(page, idsOf(truemedRecords.slice(30, 60)), rangeFor(2, 240));
    expect(await rowIds(page)).not.toEqual(first);
    expect(await page.getByRole('button', { name: 'Page 2', exact: true }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('button', { name: 'Page 4', exact: true }).click();
    await expectRows(page, idsOf(truemedRecords.slice(90, 120)), rangeFor(4, 240));

    await page.getByRole('button', { name: 'Last page' }).click();
    await expectRows(page, idsOf(truemedRecords.slice(210, 240)), rangeFor(8, 240));
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    // A filtered view pages through its own total.
    await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true }).check();
    const captured = expectedRecords({ status: ['captured'] });
    await expectRows(page, idsOf(captured.slice(0, PAGE_SIZE)), rangeFor(1, captured.length));
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectRows(page, idsOf(captured.slice(30, 60)), rangeFor(2, captured.length));
    expect(errors).toEqual([]);
  });
});

describe('session detail', () => {
  const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

  test('a click on a row opens its detail; Escape closes it and focus returns to the row', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    const record = truemedRecords[2]!;
    await page.locator('tbody .rps-session-list__row').nth(2).locator('[data-column="customer"]').click();

    const dialog = page.getByRole('dialog', { name: `Payment session ${record.id}` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(record.customer_email);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedLabel(page)).toBe(`Open session ${record.id}`);
    expect(errors).toEqual([]);
  });

  test('Arrow keys move between rows and Enter opens the focused one; Escape returns focus to it', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    const record = truemedRecords[1]!;
    await page.getByRole('button', { name: `Open session ${truemedRecords[0]!.id}` }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedLabel(page)).toBe(`Open session ${record.id}`);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: `Payment session ${record.id}` });
    await dialog.waitFor();
    // Focus moved into the dialog.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedLabel(page)).toBe(`Open session ${record.id}`);
    expect(errors).toEqual([]);
  });
});

describe('OneEntry backend', () => {
  test('switching backend shows OneEntry’s sessions and says this backend cannot filter or search', async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('oneentry');

    await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));
    expect(new URL(page.url()).searchParams.get('backend')).toBe('oneentry');
    const note = page.getByRole('note');
    await note.waitFor();
    expect(await note.isVisible()).toBe(true);
    const noteText = await note.textContent();
    expect(noteText).toContain('This backend does not support search.');
    expect(noteText).toMatch(/This backend cannot filter by .*Status/);
    // What it cannot do is not offered.
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Status', exact: true }).count()).toBe(0);
    // Amounts in the fake SDK's currency.
    expect(await page.locator('tbody [data-column="amount"]').first().textContent()).toContain('€');

    // Its detail opens too, and never shows the record's client secret.
    const record = oneEntryRecords[0]!;
    await page.getByRole('button', { name: `Open session ${record.id}` }).click();
    const dialog = page.getByRole('dialog', { name: `Payment session ${record.id}` });
    await dialog.waitFor();
    const secret = (record as { clientSecret?: string }).clientSecret;
    expect(secret).toMatch(/_secret_/);
    expect(await dialog.textContent()).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
    expect(errors).toEqual([]);
  });
});
