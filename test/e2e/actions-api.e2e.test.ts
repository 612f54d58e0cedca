// Issue 13 in Chromium, through the demo's real write path: the page's own origin POSTs to the proxy's write
// route as its actions client does. An admin's partial refund changes the row after a reload; a viewer's
// same POST is a 403 and the portal gives a viewer no action buttons, in the list or the detail.
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { auditEntries, cookieHeader, expectRows, idsOf, openDemo, openPortal, PAGE_SIZE, rangeFor, resetDemoData, signInAs, truemedRecords } from './portal';

// Writes change the fake's data, which the other files' oracles read: put it back after each test.
const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: resetDemoData });
afterAll(resetDemoData);

/** A captured session on the first page with nothing refunded and no dispute: a partial refund makes it "Partially refunded". */
const target = truemedRecords
  .slice(0, PAGE_SIZE)
  .find((record) => record.status === 'captured' && (record.refunds ?? []).length === 0 && !record.refund_amount && (record.disputes ?? []).length === 0)!;
const firstPage = idsOf(truemedRecords.slice(0, PAGE_SIZE));
const ACTION_BUTTON = /^(Refund|Capture|Void|Cancel)\b/i;

/** The list row of a session, found by its trigger's text (the id). */
const rowOf = (page: Page, id: string) =>
  page.locator('tbody .rps-session-list__row').filter({ has: page.locator('[data-rps-trigger]', { hasText: id }) });

/** POSTs a partial refund from the page's own JS context (same origin, its cookies), as the actions client would. */
function refundFromPage(page: Page, body: { payment_id: string; amount: number; idempotency_key: string }) {
  return page.evaluate(async (refund) => {
    const response = await fetch('/api/truemed/payments/v1/refund', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': refund.idempotency_key },
      body: JSON.stringify({ ...refund, reason: 'customer_request' }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }, body);
}

test('an admin’s partial refund from the page goes through, and after a reload the row says "Partially refunded"', async () => {
  expect(target, 'the first page has a captured session with nothing refunded').toBeDefined();
  const { context, page, errors } = closeAfterTest(await openPortal());
  await expectRows(page, firstPage, rangeFor(1, 240));
  expect(await rowOf(page, target.id).textContent()).toContain('Captured');

  const answer = await refundFromPage(page, { payment_id: target.id, amount: 100, idempotency_key: 'e2e-admin-refund-1' });
  expect(answer.status).toBe(200);
  expect(answer.body.refund_id).toEqual(expect.any(String));

  await page.reload();
  await expectRows(page, firstPage, rangeFor(1, 240));
  await expect.poll(() => rowOf(page, target.id).textContent(), { timeout: 10_000 }).toContain('Partially refunded');

  const entries = await auditEntries(await cookieHeader(context));
  expect(entries).toEqual([
    expect.objectContaining({ role: 'admin', action: 'refund', sessionId: target.id, amountMinor: 100, outcome: 'succeeded', status: 200 }),
  ]);
  expect(errors).toEqual([]);
});

test('a viewer’s same POST is a 403 and changes nothing; the portal shows a viewer no action buttons', async () => {
  const { context, page, errors } = closeAfterTest(await openDemo());
  await signInAs(page, 'viewer');
  await expectRows(page, firstPage, rangeFor(1, 240));

  const answer = await refundFromPage(page, { payment_id: target.id, amount: 100, idempotency_key: 'e2e-viewer-refund-1' });
  expect(answer.status).toBe(403);
  expect(answer.body.error).toBe('Forbidden');

  // The role survives a reload (the hint cookie), and the row is unchanged.
  await page.reload();
  await expectRows(page, firstPage, rangeFor(1, 240));
  expect(await rowOf(page, target.id).textContent()).toContain('Captured');
  expect(await rowOf(page, target.id).textContent()).not.toContain('Partially refunded');
  expect(await page.getByRole('button', { name: ACTION_BUTTON }).count()).toBe(0);

  // Nor in the detail of a session an admin could refund.
  await page.goto(new URL(`/?session=${target.id}`, page.url()).href);
  const dialog = page.getByRole('dialog', { name: `Payment session ${target.id}` });
  await dialog.waitFor({ timeout: 10_000 });
  expect(await dialog.getByRole('button', { name: ACTION_BUTTON }).count()).toBe(0);
  expect(await page.getByRole('button', { name: ACTION_BUTTON }).count()).toBe(0);

  const entries = await auditEntries(await cookieHeader(context));
  expect(entries).toEqual([expect.objectContaining({ role: 'viewer', action: 'refund', sessionId: target.id, outcome: 'forbidden', status: 403 })]);
  // The one error is Chromium logging the refused POST itself.
  expect(errors).toEqual(['console.error: Failed to load resource: the server responded with a status of 403 (Forbidden)']);
});
