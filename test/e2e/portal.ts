// Shared steps and oracles of the end-to-end tests. The oracle is the fake's own dataset (same count and
// seed as demo/server.mjs), filtered here independently of the library, so a test compares what the
// page shows with what the data says, not with what the same code computed.
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { makeOneEntryRecords, makeTruemedRecords } from 'react-payment-sessions/testing';
import { openPage, screenshot } from './browser';

/** What demo/server.mjs serves: `createFakeTruemedApi({ sessions: 240, seed: 42 })`, newest first. */
export const truemedRecords = makeTruemedRecords({ count: 240, seed: 42 });
/** What demo/server.mjs's fake OneEntry API serves to the browser's SDK: `createFakeOneEntryApi({ sessions: 75, seed: 7 })`. */
export const oneEntryRecords = makeOneEntryRecords({ count: 75, seed: 7 });
/** The demo's page size unless the URL says otherwise. */
export const PAGE_SIZE = 30;
/** The time zone the demo's English locale interprets date filters in. */
export const EN_TIME_ZONE = 'America/New_York';

export type TruemedRecord = (typeof truemedRecords)[number];

export const demoUrl = (path = '/') => new URL(path, inject('demoUrl')).href;

/** The calendar day of an instant in `timeZone`, as `YYYY-MM-DD`. */
export function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** Records matching an independent reading of the filters the tests use. */
export function expectedRecords(filter: {
  status?: string[];
  createdFrom?: string;
  createdTo?: string;
  search?: string;
}): TruemedRecord[] {
  const needle = filter.search?.toLowerCase();
  return truemedRecords.filter((record) => {
    if (filter.status && !filter.status.includes(record.status)) return false;
    const day = dayIn(record.created_on, EN_TIME_ZONE);
    if (filter.createdFrom && day < filter.createdFrom) return false;
    if (filter.createdTo && day > filter.createdTo) return false;
    if (needle) {
      const texts = [record.id, record.user_business_id, record.customer_email, record.customer_name];
      if (!texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle))) return false;
    }
    return true;
  });
}

export const idsOf = (records: readonly { id: string | number }[]) => records.map((record) => String(record.id));

/** "31–60 of 240", as the English Pagination writes it. */
export function rangeFor(page: number, total: number, pageSize = PAGE_SIZE): string {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  return `${from}–${to} of ${total}`;
}

/** Opens the demo (optionally at a path with a query string) in a fresh context. */
export async function openDemo(path = '/', options: Parameters<typeof openPage>[0] = {}) {
  const opened = await openPage(options);
  await opened.page.goto(demoUrl(path));
  return opened;
}

/** Signs in with the page's own button and waits for the first real rows (not the loading skeleton's). */
export async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in as the demo merchant' }).click();
  await page.locator('.rps-session-list[data-state="ready"] tbody .rps-session-list__row [data-rps-trigger]').first().waitFor();
}

/** Signs in with the page's own form as `role` (the Role select, then the button) and waits for the first real rows. */
export async function signInAs(page: Page, role: 'admin' | 'viewer'): Promise<void> {
  await page.getByRole('combobox', { name: 'Role' }).selectOption(role);
  await signIn(page);
}

/** Opens the demo and signs in: the portal with its first page of rows. */
export async function openPortal(path = '/', options: Parameters<typeof openPage>[0] = {}) {
  const opened = await openDemo(path, options);
  await signIn(opened.page);
  return opened;
}

/** The session ids of the rows shown, in order. */
export function rowIds(page: Page): Promise<string[]> {
  return page
    .locator('tbody .rps-session-list__row [data-rps-trigger]')
    .evaluateAll((buttons) => buttons.map((button) => button.textContent?.trim() ?? ''));
}

/** The "x–y of N" text of the pagination bar. */
export async function rangeText(page: Page): Promise<string> {
  return ((await page.locator('.rps-pagination__range').textContent()) ?? '').trim();
}

/** Waits until the list shows exactly `ids` (stale rows of the previous query do not count) and the range text. */
export async function expectRows(page: Page, ids: string[], range?: string): Promise<void> {
  await expect.poll(() => rowIds(page), { timeout: 10_000 }).toEqual(ids);
  await expect.poll(() => page.locator('.rps-session-list').getAttribute('data-stale'), { timeout: 10_000 }).toBeNull();
  if (range !== undefined) await expect.poll(() => rangeText(page), { timeout: 10_000 }).toBe(range);
}

/** The page's session cookie as a `cookie` header, for calling the demo's API from the test. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies(demoUrl());
  const session = cookies.find((cookie) => cookie.name === 'rps_demo_session');
  expect(session, 'the sign-in set the session cookie').toBeDefined();
  return `${session!.name}=${session!.value}`;
}

/** A signed-in session of the test itself (not of any page), for the fault-injection route. */
let testSessionCookie: string | undefined;

/** Signs the test in as the page would: a same-origin POST. Returns the session cookie as a header. */
export async function signInAsTest(): Promise<string> {
  const origin = new URL(demoUrl()).origin;
  const response = await fetch(demoUrl('/api/login'), { method: 'POST', headers: { origin } });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('rps_demo_session='));
  expect(cookie, 'the sign-in set the session cookie').toBeDefined();
  return cookie!.split(';')[0]!;
}

/** Injects an upstream failure into the demo's fake Truemed API (`null` clears it), as a signed-in same-origin caller. */
export async function setUpstreamFailure(failure: object | null): Promise<void> {
  testSessionCookie ??= await signInAsTest();
  const response = await fetch(demoUrl('/__demo/upstream-failure'), {
    method: 'POST',
    headers: { origin: new URL(demoUrl()).origin, cookie: testSessionCookie },
    body: failure === null ? undefined : JSON.stringify(failure),
  });
  expect(response.status).toBe(204);
}

/**
 * Puts the demo's fake Truemed API back to its first dataset and empties its audit log, as a signed-in
 * same-origin caller: a test that refunds or captures leaves the data the other files' oracles read as it was.
 */
export async function resetDemoData(): Promise<void> {
  testSessionCookie ??= await signInAsTest();
  const response = await fetch(demoUrl('/__demo/reset'), { method: 'POST', headers: { origin: new URL(demoUrl()).origin, cookie: testSessionCookie } });
  expect(response.status).toBe(204);
}

/** The demo proxy's audit log of write attempts (GET /__demo/audit), read with a signed-in cookie. */
export async function auditEntries(cookie: string): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(demoUrl('/__demo/audit'), { headers: { cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: Array<Record<string, unknown>> }).entries;
}

/** axe finds nothing on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // A dialog still fading in has its text at partial opacity: axe would measure the contrast of a frame of
  // the animation, not of what stays on screen. Wait for the finite animations (not the loading pulses).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  // Passes are only counted, not detailed: that halves the run on a page of 30 rows.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
  // The run really looked at the page.
  expect(results.passes.length).toBeGreaterThan(0);
}

/** Saves reports/screenshots/NAME.png (a fresh file, not one left by an earlier run) and checks it is a PNG. */
export async function expectScreenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  rmSync(`reports/screenshots/${name}.png`, { force: true });
  const path = await screenshot(page, name, options);
  expect(existsSync(path)).toBe(true);
  expect(statSync(path).size).toBeGreaterThan(2_000);
  expect(readFileSync(path).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
}
