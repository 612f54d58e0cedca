// A shared link to one session (`?session=<id>`): the detail opens even when the session is on another page,
// fetched by id through the proxy's single-session route.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { expectRows, idsOf, openPortal, PAGE_SIZE, rangeFor, truemedRecords } from './portal';

const closeAfterTest = closeContextsAfterEachTest();

const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

test('a link to a session on page 3 opens its detail over page 1; closing removes it from the URL', async () => {
  const target = truemedRecords[2 * PAGE_SIZE + 7]!;
  const { page, errors } = closeAfterTest(await openPortal(`/?session=${target.id}`));
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
  const dialog = page.getByRole('dialog', { name: `Payment session ${target.id}` });
  await dialog.waitFor({ timeout: 10_000 });
  expect(await page.locator('.rps-session-detail[data-status]').count()).toBe(1);
  expect(params(page)).toEqual({ session: target.id });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(params(page)).toEqual({});
  await page.goBack();
  await page.getByRole('dialog', { name: `Payment session ${target.id}` }).waitFor({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('a link to an id nobody has says so in the dialog', async () => {
  const { page, errors } = closeAfterTest(await openPortal('/?session=ps_no_such_session'));
  const dialog = page.getByRole('dialog', { name: 'Payment session not found' });
  await dialog.waitFor({ timeout: 10_000 });
  expect(await dialog.textContent()).toContain('There is no payment session with the id ps_no_such_session.');
  // A 404 the proxy passed on is an expected answer, not a page error.
  expect(errors.filter((error) => !/404/.test(error))).toEqual([]);
});
