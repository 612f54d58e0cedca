// Issue 13 in Chromium through the demo's own UI: an admin refunds, captures and voids from a session's
// detail dialog, the list and the refund totals follow, the page sends exactly one write per action, every
// dialog step is axe clean, a void works with the keyboard alone, and a viewer gets no action buttons.
import type { Locator, Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import {
  auditEntries,
  cookieHeader,
  expectNoAxeViolations,
  expectRows,
  idsOf,
  openDemo,
  openPortal,
  PAGE_SIZE,
  rangeFor,
  resetDemoData,
  signInAs,
  truemedRecords,
} from './portal';

// Writes change the fake's data, which the other files' oracles read: put it back after each test.
const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: resetDemoData });
afterAll(resetDemoData);

const firstPageRecords = truemedRecords.slice(0, PAGE_SIZE);
const firstPage = idsOf(firstPageRecords);

/** A captured session on the first page with nothing refunded and no dispute, its email as typed: a partial refund makes it "Partially refunded". */
const refundTarget = firstPageRecords.find(
  (record) =>
    record.status === 'captured' &&
    record.status_summary === 'Captured' &&
    (record.refunds ?? []).length === 0 &&
    (record.disputes ?? []).length === 0 &&
    typeof record.customer_email === 'string' &&
    record.customer_email === record.customer_email.toLowerCase(),
)!;
/** Plain authorizations (nothing captured yet) on the first page: one to capture, one to void, one for the keyboard. */
const authorizations = firstPageRecords.filter((record) => record.status === 'authorized' && record.status_summary === 'Authorized' && !record.captured_amount);
const [captureTarget, voidTarget, keyboardTarget] = authorizations;

/** The page's own money format for USD, computed here with Intl rather than with the library's formatter. */
const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
/** "$1,087.00" → 108700. */
const centsOf = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

/** The list row of a session, found by its trigger's text (the id). */
const rowOf = (page: Page, id: string) =>
  page.locator('tbody .rps-session-list__row').filter({ has: page.locator('[data-rps-trigger]', { hasText: id }) });

/** The status text a row shows, without the badge's glyph. */
async function rowStatus(page: Page, id: string): Promise<string> {
  const text = (await rowOf(page, id).locator('[data-column="status"]').textContent()) ?? '';
  return text.replace(/^[^\p{L}]+/u, '').trim();
}

/** The refund summary's "Refunded" total in USD, in cents; `undefined` while the summary is not showing totals. */
async function refundedTotal(page: Page): Promise<number | undefined> {
  const summary = page.getByRole('region', { name: 'Refund summary' });
  const value = summary.locator('[data-currency="USD"] [data-total="refunded"] dd');
  if ((await summary.getAttribute('data-loading-state')) === 'loading' || (await value.count()) !== 1) return undefined;
  return centsOf((await value.textContent()) ?? '');
}

/** Opens a session's detail with a click on its row and waits for its actions area. */
async function openDetail(page: Page, id: string): Promise<Locator> {
  await page.getByRole('button', { name: `Open session ${id}`, exact: true }).click();
  const detail = page.getByRole('dialog', { name: `Payment session ${id}` });
  await detail.waitFor();
  return detail;
}

/** An action's own dialog (a second Radix dialog over the detail), by its title. */
const actionDialog = (page: Page, title: string) => page.getByRole('dialog', { name: title, exact: true });

/** Every POST the page sends to its own API (the sign-in happened before this starts counting). */
function recordPosts(page: Page): Array<{ path: string; body: unknown }> {
  const posts: Array<{ path: string; body: unknown }> = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    let body: unknown;
    try {
      body = request.postDataJSON();
    } catch {
      body = request.postData();
    }
    posts.push({ path: url.pathname, body });
  });
  return posts;
}

/** What has focus: its text, its aria-label, its class and the title of the dialog it is in (null outside one). */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const dialog = element?.closest('[role="dialog"]');
    const title = dialog?.getAttribute('aria-labelledby');
    return {
      text: element?.textContent?.trim() ?? '',
      label: element?.getAttribute('aria-label') ?? '',
      dialog: title ? (document.getElementById(title)?.textContent?.trim() ?? '') : null,
      className: typeof element?.className === 'string' ? element.className : '',
    };
  });
}

test('an admin’s partial refund from the detail: exact confirmation, one POST, then the row, the totals and the audit log change', async () => {
  expect(refundTarget, 'the first page has a captured session with nothing refunded').toBeDefined();
  const refundable = refundTarget.captured_amount!;
  const partial = 1200;
  expect(refundable).toBeGreaterThan(partial);

  const { context, page, errors } = closeAfterTest(await openPortal());
  await expectRows(page, firstPage, rangeFor(1, 240));
  expect(await rowStatus(page, refundTarget.id)).toBe('Captured');
  // The first page already holds partial and full refunds, so the total is a real number above zero.
  await expect.poll(() => refundedTotal(page), { timeout: 10_000 }).toBeGreaterThan(0);
  const refundedBefore = (await refundedTotal(page))!;
  const posts = recordPosts(page);

  const detail = await openDetail(page, refundTarget.id);
  const actions = detail.getByRole('group', { name: 'Actions' });
  await actions.getByRole('button', { name: 'Refund', exact: true }).click();
  const dialog = actionDialog(page, 'Refund');
  await dialog.waitFor();

  // The form: all that is refundable by default, a reason.
  const amount = dialog.getByRole('textbox', { name: 'Amount (USD)' });
  expect(await amount.inputValue()).toBe((refundable / 100).toFixed(2));
  expect(await dialog.textContent()).toContain(`At most ${usd(refundable)}.`);
  await expectNoAxeViolations(page);

  // One cent more than is left is refused in the form, tied to the field, and sends nothing.
  await amount.fill(((refundable + 1) / 100).toFixed(2));
  await dialog.getByRole('button', { name: 'Review', exact: true }).click();
  await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.textContent()).toContain('That is more than is left.');

  await amount.fill('12.00');
  await dialog.getByRole('combobox', { name: 'Reason' }).selectOption({ label: 'Duplicate payment' });
  await dialog.getByRole('button', { name: 'Review', exact: true }).click();

  // The confirmation says exactly what happens; nothing was sent yet.
  const summary = dialog.locator('.rps-session-actions__summary');
  await summary.waitFor();
  expect((await summary.textContent())?.trim()).toBe(`Refund ${usd(partial)} of ${usd(refundable)} to ${refundTarget.customer_email}.`);
  expect(posts).toEqual([]);
  await expectNoAxeViolations(page);

  await dialog.getByRole('button', { name: 'Refund now', exact: true }).click();
  await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Done.');
  expect(await dialog.textContent()).toContain('Done.');
  await expectNoAxeViolations(page);

  // Close the refund dialog, then the detail: the list row and the totals show the refund.
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  await expect.poll(() => rowStatus(page, refundTarget.id), { timeout: 10_000 }).toBe('Partially refunded');
  await expect.poll(() => refundedTotal(page), { timeout: 10_000 }).toBe(refundedBefore + partial);

  // Exactly one write, with what was confirmed (the key is the client's own).
  expect(posts).toEqual([
    {
      path: '/api/truemed/payments/v1/refund',
      body: expect.objectContaining({ payment_id: refundTarget.id, amount: partial, reason: 'duplicate_payment', idempotency_key: expect.any(String) }),
    },
  ]);

  const entries = await auditEntries(await cookieHeader(context));
  expect(entries).toEqual([
    expect.objectContaining({ role: 'admin', action: 'refund', sessionId: refundTarget.id, amountMinor: partial, outcome: 'succeeded' }),
  ]);
  expect(errors).toEqual([]);
});

test('an admin captures an authorization in full (row: Captured) and voids another (row: Voided), one POST each', async () => {
  expect(captureTarget && voidTarget, 'the first page has two plain authorizations').toBeTruthy();
  const { page, errors } = closeAfterTest(await openPortal());
  await expectRows(page, firstPage, rangeFor(1, 240));
  expect(await rowStatus(page, captureTarget!.id)).toBe('Authorized');
  expect(await rowStatus(page, voidTarget!.id)).toBe('Authorized');
  const posts = recordPosts(page);

  // Capture: the full authorized amount by default.
  let detail = await openDetail(page, captureTarget!.id);
  const authorized = captureTarget!.total_amount;
  await detail.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Capture', exact: true }).click();
  const capture = actionDialog(page, 'Capture');
  await capture.waitFor();
  const amount = capture.getByRole('textbox', { name: 'Amount (USD)' });
  expect(await amount.inputValue()).toBe((authorized / 100).toFixed(2));
  await expectNoAxeViolations(page);
  await capture.getByRole('button', { name: 'Review', exact: true }).click();
  const captureSummary = capture.locator('.rps-session-actions__summary');
  await captureSummary.waitFor();
  expect((await captureSummary.textContent())?.trim()).toBe(`Capture ${usd(authorized)} of ${usd(authorized)} authorized.`);
  await expectNoAxeViolations(page);
  await capture.getByRole('button', { name: 'Capture now', exact: true }).click();
  await expect.poll(() => capture.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Done.');
  await page.keyboard.press('Escape');
  await capture.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  await expect.poll(() => rowStatus(page, captureTarget!.id), { timeout: 10_000 }).toBe('Captured');

  // Void: a confirm step only.
  detail = await openDetail(page, voidTarget!.id);
  await detail.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Void', exact: true }).click();
  const voiding = actionDialog(page, 'Void');
  await voiding.waitFor();
  const voidSummary = voiding.locator('.rps-session-actions__summary');
  expect((await voidSummary.textContent())?.trim()).toBe(`Release the hold of ${usd(voidTarget!.total_amount)}. The customer is not charged.`);
  await expectNoAxeViolations(page);
  await voiding.getByRole('button', { name: 'Void now', exact: true }).click();
  await expect.poll(() => voiding.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Done.');
  await page.keyboard.press('Escape');
  await voiding.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  await expect.poll(() => rowStatus(page, voidTarget!.id), { timeout: 10_000 }).toBe('Voided');

  expect(posts.map((post) => post.path)).toEqual([
    `/api/truemed/payments/v1/payment_session/${captureTarget!.id}/capture`,
    `/api/truemed/payments/v1/payment_session/${voidTarget!.id}/void`,
  ]);
  expect(posts[0]!.body).toEqual(expect.objectContaining({ total_amount: authorized }));
  expect(errors).toEqual([]);
});

test('keyboard only: Tab to a row, Enter opens the detail, a void runs with Tab/Enter/Space, Escape steps back out, focus follows', async () => {
  expect(keyboardTarget, 'the first page has a third plain authorization').toBeDefined();
  const { page, errors } = closeAfterTest(await openPortal());
  await expectRows(page, firstPage, rangeFor(1, 240));
  const trigger = `Open session ${keyboardTarget!.id}`;

  /** Presses Tab until `matches` holds for the focused element (a bound, so a focus trap fails rather than spins). */
  async function tabTo(matches: (now: Awaited<ReturnType<typeof focused>>) => boolean, limit = 200): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      if (matches(await focused(page))) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached the element; focus is on ${JSON.stringify(await focused(page))}`);
  }

  await tabTo((now) => now.label === trigger);
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: `Payment session ${keyboardTarget!.id}` });
  await detail.waitFor();
  await detail.getByRole('group', { name: 'Actions' }).waitFor();

  // Escape on the void dialog closes it alone; focus is back on its button inside the detail.
  await tabTo((now) => now.dialog === `Payment session ${keyboardTarget!.id}` && now.text === 'Void');
  await page.keyboard.press('Enter');
  const voiding = actionDialog(page, 'Void');
  await voiding.waitFor();
  await expect.poll(() => focused(page)).toMatchObject({ dialog: 'Void', text: 'Void now' });
  await page.keyboard.press('Escape');
  await voiding.waitFor({ state: 'detached' });
  expect(await detail.isVisible()).toBe(true);
  await expect.poll(() => focused(page)).toMatchObject({ dialog: `Payment session ${keyboardTarget!.id}`, text: 'Void' });

  // Again, and this time Space on "Void now": the hold is released, focus lands on Close.
  await page.keyboard.press('Space');
  await voiding.waitFor();
  await expect.poll(() => focused(page)).toMatchObject({ dialog: 'Void', text: 'Void now' });
  await page.keyboard.press('Space');
  await expect.poll(() => voiding.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Done.');
  await expect.poll(() => focused(page)).toMatchObject({ dialog: 'Void', text: 'Close' });
  await page.keyboard.press('Enter');
  await voiding.waitFor({ state: 'detached' });
  // A voided session offers no void: its button is gone, so focus is on the actions area, still in the detail.
  await expect.poll(() => detail.getByRole('button', { name: 'Void', exact: true }).count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => focused(page)).toMatchObject({ dialog: `Payment session ${keyboardTarget!.id}`, className: expect.stringContaining('rps-session-actions') });

  // Escape closes the detail; focus is back on the row's button, which now says Voided.
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  await expect.poll(() => focused(page)).toMatchObject({ label: trigger });
  await expect.poll(() => rowStatus(page, keyboardTarget!.id), { timeout: 10_000 }).toBe('Voided');
  expect(errors).toEqual([]);
});

test('a viewer’s detail dialog has no actions area and no action buttons', async () => {
  const { page, errors } = closeAfterTest(await openDemo());
  await signInAs(page, 'viewer');
  await expectRows(page, firstPage, rangeFor(1, 240));
  for (const id of [refundTarget.id, captureTarget!.id]) {
    const detail = await openDetail(page, id);
    // The detail is fully there (its customer), only the actions are not.
    await expect.poll(() => detail.textContent()).toContain(truemedRecords.find((record) => record.id === id)!.customer_email);
    expect(await detail.getByRole('group', { name: 'Actions' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: /^(Refund|Capture|Void|Cancel session)$/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  }
  expect(errors).toEqual([]);
});
