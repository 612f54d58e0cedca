// A failing upstream: the list says so with Retry, keeps the last good rows, and recovers on Retry.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { expectRows, expectedRecords, idsOf, openPortal, PAGE_SIZE, rangeFor, rowIds, setUpstreamFailure, truemedRecords } from './portal';

const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: () => setUpstreamFailure(null) });

const errorAlert = (page: Page) => page.locator('.rps-session-list [role="alert"]');

for (const [name, failure] of [
  ['an upstream 500', { status: 500 }],
  ['an unreachable upstream', { kind: 'network' }],
] as const) {
  test(`${name}: an error with Retry over the last good rows; Retry recovers once the upstream is back`, async () => {
    const { page, errors } = closeAfterTest(await openPortal());
    const firstPage = idsOf(truemedRecords.slice(0, PAGE_SIZE));
    await expectRows(page, firstPage, rangeFor(1, 240));

    await setUpstreamFailure(failure);
    // A query the page has not fetched yet (no prefetch of it), so it must ask the upstream.
    await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Canceled', exact: true }).check();
    const alert = errorAlert(page);
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Payment sessions could not be loaded');
    // The proxy's safe message, not the fake's internals.
    expect(await alert.textContent()).toMatch(/payment provider/i);
    const retry = alert.getByRole('button', { name: 'Retry' });
    expect(await retry.isVisible()).toBe(true);
    // The last good rows stay, marked stale.
    expect(await rowIds(page)).toEqual(firstPage);
    expect(await page.locator('.rps-session-list').getAttribute('data-state')).toBe('error');
    expect(await page.locator('.rps-session-list').getAttribute('data-stale')).toBe('true');

    // Still failing: Retry asks the route again (502) and the error stays.
    const answer = page.waitForResponse((response) => response.url().includes('/api/truemed/'));
    await retry.click();
    expect((await answer).status()).toBe(502);
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await rowIds(page)).toEqual(firstPage);

    await setUpstreamFailure(null);
    await retry.click();
    const canceled = expectedRecords({ status: ['canceled'] });
    await expectRows(page, idsOf(canceled.slice(0, PAGE_SIZE)), rangeFor(1, canceled.length));
    await alert.waitFor({ state: 'detached' });
    expect(await page.locator('.rps-session-list').getAttribute('data-state')).toBe('ready');
    // The only console errors are the browser's own notes about the failed (502) responses.
    expect(errors.filter((error) => !/Failed to load resource: the server responded with a status of 502/.test(error))).toEqual([]);
  });
}
