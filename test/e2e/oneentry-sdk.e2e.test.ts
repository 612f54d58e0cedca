// The OneEntry backend is the real `oneentry` SDK in Chromium, talking to the demo's fake OneEntry API on
// the same origin with the signed-in user's tokens; a refused connection is a network error with Retry.
import type { Page, Request as PageRequest } from 'playwright-core';
import { expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { demoUrl, expectRows, idsOf, oneEntryRecords, openPortal, PAGE_SIZE, rangeFor, rowIds } from './portal';

const SESSIONS_PATH = '/api/oneentry/api/content/payments/sessions/';

const closeAfterTest = closeContextsAfterEachTest();

const errorAlert = (page: Page) => page.locator('.rps-session-list [role="alert"]');

test('lists OneEntry sessions through the real SDK: its paths, its x-app-token and Bearer, pages by offset', async () => {
  const { page, errors } = closeAfterTest(await openPortal('/?backend=oneentry'));
  const sdkRequests: PageRequest[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/oneentry/')) sdkRequests.push(request);
  });
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));

  // A fresh load, watched from the start: the SDK asks the page's own origin, as the SDK does it.
  sdkRequests.length = 0;
  await page.reload();
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));
  const first = sdkRequests.find((request) => new URL(request.url()).pathname === SESSIONS_PATH);
  expect(first, 'the SDK listed sessions').toBeDefined();
  const url = new URL(first!.url());
  expect(url.origin).toBe(new URL(demoUrl()).origin);
  expect(url.search).toBe(`?offset=0&limit=${PAGE_SIZE}`);
  const headers = await first!.allHeaders();
  expect(headers['x-app-token']).toMatch(/\S/);
  expect(headers.authorization).toMatch(/^Bearer oe_access_/);

  await page.getByRole('button', { name: /next/i }).first().click();
  await expectRows(page, idsOf(oneEntryRecords.slice(PAGE_SIZE, 2 * PAGE_SIZE)), rangeFor(2, 75));
  expect(sdkRequests.some((request) => new URL(request.url()).search === `?offset=${PAGE_SIZE}&limit=${PAGE_SIZE}`)).toBe(true);

  // The records carry Stripe client secrets; the page shows none of them.
  const html = await page.content();
  for (const record of oneEntryRecords) expect(html).not.toContain(record.clientSecret);
  expect(errors).toEqual([]);
});

test('a refused connection to OneEntry is a network error with Retry (not "an unexpected value"); Retry recovers', async () => {
  const { page } = closeAfterTest(await openPortal('/?backend=oneentry'));
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));

  // The browser's fetch fails as for a server that is down: the SDK resolves the TypeError it caught.
  // A reload, so no cached or prefetched page can answer instead.
  await page.route(`**${SESSIONS_PATH}**`, (route) => route.abort('connectionrefused'));
  await page.reload();
  const alert = errorAlert(page);
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text).toContain('Could not reach OneEntry to list payment sessions');
  expect(text).not.toMatch(/unexpected value/);
  const retry = alert.getByRole('button', { name: 'Retry' });
  expect(await retry.isVisible()).toBe(true);

  await page.unroute(`**${SESSIONS_PATH}**`);
  await retry.click();
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));
  await alert.waitFor({ state: 'detached' });
  expect(await rowIds(page)).toHaveLength(PAGE_SIZE);
});
