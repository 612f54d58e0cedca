// The view lives in the URL (SessionWorkspace syncWithUrl): Back/Forward, reload and a shared link restore it.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { expectRows, expectedRecords, idsOf, openPortal, PAGE_SIZE, rangeFor, truemedRecords } from './portal';

const closeAfterTest = closeContextsAfterEachTest();

const captured = expectedRecords({ status: ['captured'] });
const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const capturedBox = (page: Page) =>
  page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true });

test('Back and Forward restore the previous filters and page; reload keeps the view', async () => {
  const { page, errors } = closeAfterTest(await openPortal());
  const all = idsOf(truemedRecords.slice(0, PAGE_SIZE));
  await expectRows(page, all, rangeFor(1, 240));
  expect(params(page)).toEqual({});

  await capturedBox(page).check();
  await expectRows(page, idsOf(captured.slice(0, 30)), rangeFor(1, captured.length));
  expect(params(page)).toEqual({ status: 'captured' });
  await page.getByRole('button', { name: 'Next page' }).click();
  await expectRows(page, idsOf(captured.slice(30, 60)), rangeFor(2, captured.length));
  expect(params(page)).toEqual({ status: 'captured', page: '2' });

  await page.goBack();
  await expectRows(page, idsOf(captured.slice(0, 30)), rangeFor(1, captured.length));
  expect(params(page)).toEqual({ status: 'captured' });
  await page.goBack();
  await expectRows(page, all, rangeFor(1, 240));
  expect(await capturedBox(page).isChecked()).toBe(false);
  expect(params(page)).toEqual({});

  await page.goForward();
  await expectRows(page, idsOf(captured.slice(0, 30)), rangeFor(1, captured.length));
  expect(await capturedBox(page).isChecked()).toBe(true);
  await page.goForward();
  await expectRows(page, idsOf(captured.slice(30, 60)), rangeFor(2, captured.length));

  await page.reload();
  await page.locator('tbody .rps-session-list__row [data-rps-trigger]').first().waitFor();
  await expectRows(page, idsOf(captured.slice(30, 60)), rangeFor(2, captured.length));
  expect(await capturedBox(page).isChecked()).toBe(true);
  expect(await page.getByRole('button', { name: 'Page 2', exact: true }).getAttribute('aria-current')).toBe('page');
  expect(params(page)).toEqual({ status: 'captured', page: '2' });
  expect(errors).toEqual([]);
});

test('a shared link with a status, a date range, a page and a page size opens that view after sign-in', async () => {
  const { page, errors } = closeAfterTest(await openPortal('/?status=captured,canceled&created_from=2026-06-01&created_to=2026-10-31&page=3&page_size=10'));
  const expected = expectedRecords({ status: ['captured', 'canceled'], createdFrom: '2026-06-01', createdTo: '2026-10-31' });
  expect(expected.length).toBeGreaterThan(30);
  await expectRows(page, idsOf(expected.slice(20, 30)), rangeFor(3, expected.length, 10));
  const status = page.getByRole('group', { name: 'Status', exact: true });
  expect(await status.getByRole('checkbox', { name: 'Captured', exact: true }).isChecked()).toBe(true);
  expect(await status.getByRole('checkbox', { name: 'Canceled', exact: true }).isChecked()).toBe(true);
  expect(await status.getByRole('checkbox', { name: 'Authorized', exact: true }).isChecked()).toBe(false);
  const created = page.getByRole('group', { name: 'Created', exact: true });
  expect(await created.getByLabel('From').inputValue()).toBe('2026-06-01');
  expect(await created.getByLabel('To').inputValue()).toBe('2026-10-31');
  expect(await page.getByRole('combobox', { name: 'Rows per page' }).inputValue()).toBe('10');
  expect(errors).toEqual([]);
});

test('a signed-in reload asks for the sessions at once, not after the sign-in check answers', async () => {
  const { page, errors } = closeAfterTest(await openPortal());
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));

  const events: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/api/me' || path.startsWith('/api/truemed/')) events.push(`request ${path === '/api/me' ? 'me' : 'list'}`);
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/me') events.push('response me');
  });
  await page.reload();
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
  const firstList = events.indexOf('request list');
  expect(firstList).toBeGreaterThanOrEqual(0);
  // The list request is under way before /api/me has answered (no waterfall).
  expect(events.indexOf('response me') === -1 || firstList < events.indexOf('response me')).toBe(true);
  expect(errors).toEqual([]);
});

test('a stale sign-in hint (the session is gone) ends on the sign-in page, not on an error', async () => {
  const { context, page } = closeAfterTest(await openPortal());
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
  // Forget the HttpOnly session but keep the readable hint, as after a server restart.
  const cookies = await context.cookies();
  await context.clearCookies();
  await context.addCookies(cookies.filter((cookie) => cookie.name === 'rps_demo_signed_in'));
  await page.reload();
  await expect.poll(() => page.getByRole('button', { name: /sign in/i }).count(), { timeout: 10_000 }).toBe(1);
});
