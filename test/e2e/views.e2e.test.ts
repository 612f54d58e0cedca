// Every view of the portal: axe finds no violation, and a screenshot is saved under reports/screenshots/.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import {
  expectNoAxeViolations,
  expectRows,
  expectScreenshot,
  expectedRecords,
  idsOf,
  oneEntryRecords,
  openDemo,
  openPortal,
  PAGE_SIZE,
  rangeFor,
  rowIds,
  setUpstreamFailure,
  truemedRecords,
} from './portal';

const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: () => setUpstreamFailure(null) });

/** Relative luminance (0 black … 1 white) of a computed CSS color like `rgb(15, 23, 42)`. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The background the list's table is drawn on: the first non-transparent one up the tree. */
function listBackground(page: Page): Promise<string> {
  return page.locator('.rps-session-list__table').evaluate((element) => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
    }
    return getComputedStyle(document.body).backgroundColor;
  });
}

async function checkView(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await expectNoAxeViolations(page);
  await expectScreenshot(page, name, options);
}

test('sign-in page', async () => {
  const { page } = closeAfterTest(await openDemo());
  await page.getByRole('button', { name: 'Sign in as the demo merchant' }).waitFor();
  await checkView(page, 'sign-in');
  // Signing in from the keyboard: the button goes, focus lands on the portal's heading, not on <body>.
  await page.getByRole('button', { name: 'Sign in as the demo merchant' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Acme Wellness · Payments');
});

test('portal list', async () => {
  const { page } = closeAfterTest(await openPortal());
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
  await checkView(page, 'portal-list');
});

test('portal with filters applied', async () => {
  const { page } = closeAfterTest(await openPortal());
  await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true }).check();
  const created = page.getByRole('group', { name: 'Created', exact: true });
  await created.getByRole('combobox', { name: 'Created', exact: true }).selectOption('custom');
  await created.getByLabel('From').fill('2026-08-01');
  await created.getByLabel('To').fill('2026-09-30');
  await page.getByRole('checkbox', { name: 'Hide pending' }).check();
  const expected = expectedRecords({ status: ['captured'], createdFrom: '2026-08-01', createdTo: '2026-09-30' });
  await expectRows(page, idsOf(expected.slice(0, PAGE_SIZE)), rangeFor(1, expected.length));
  expect(await page.getByRole('button', { name: 'Reset filters' }).isEnabled()).toBe(true);
  await checkView(page, 'portal-filtered');
});

test('detail dialog open', async () => {
  const { page } = closeAfterTest(await openPortal());
  // A session with refunds, so the dialog shows its fullest form.
  const record = truemedRecords.slice(0, PAGE_SIZE).find((r) => (r.refunds?.length ?? 0) > 0) ?? truemedRecords[0]!;
  await page.getByRole('button', { name: `Open session ${record.id}` }).click();
  await page.getByRole('dialog', { name: `Payment session ${record.id}` }).waitFor();
  // The overlay covers the viewport, not the whole scrolled page: the view as the user sees it.
  await checkView(page, 'detail-dialog', { fullPage: false });
});

test('dark appearance', async () => {
  const { page } = closeAfterTest(await openPortal());
  const light = luminance(await listBackground(page));
  await page.getByRole('combobox', { name: 'Appearance' }).selectOption('dark');
  await expect.poll(async () => luminance(await listBackground(page))).toBeLessThan(0.1);
  expect(light).toBeGreaterThan(0.5);
  expect(new URL(page.url()).searchParams.get('appearance')).toBe('dark');
  // The dark shell covers the whole page, to its very bottom (no light band under the workspace).
  const cover = await page.evaluate(() => ({
    shell: Math.round(document.querySelector('.demo-shell')!.getBoundingClientRect().bottom + window.scrollY),
    page: document.documentElement.scrollHeight,
  }));
  expect(cover.shell).toBe(cover.page);
  await checkView(page, 'dark');
});

test.each(['violet', 'teal'])('dark appearance with the %s brand theme (its dark colors keep contrast)', async (accent) => {
  const { page } = closeAfterTest(await openPortal(`/?appearance=dark&accent=${accent}`));
  await expect.poll(async () => luminance(await listBackground(page))).toBeLessThan(0.1);
  // The dark variant, not the light brand color, is on the workspace.
  const accentColor = await page.locator('.rps-root.demo-workspace').evaluate((element) => getComputedStyle(element).getPropertyValue('--rps-color-accent').trim());
  expect(accentColor).toBe(accent === 'violet' ? '#c4b5fd' : '#5eead4');
  await checkView(page, `dark-${accent}`);
});

test('German locale', async () => {
  const { page } = closeAfterTest(await openPortal('/?lang=de-DE', { locale: 'de-DE' }));
  await expect.poll(() => page.locator('.rps-pagination__range').textContent()).toBe('1–30 von 240');
  expect(await page.getByRole('button', { name: 'Filter zurücksetzen' }).count()).toBe(1);
  expect(await page.getByRole('columnheader').allTextContents()).toContain('Erstellt');
  // Amounts in German notation: "1.234,56 $".
  expect(await page.locator('tbody [data-column="amount"]').first().textContent()).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}\s\$$/);
  // The workspace says its language (the demo's own settings stay English).
  expect(await page.locator('.rps-root.demo-workspace').getAttribute('lang')).toBe('de-DE');
  await checkView(page, 'german');
});

test('OneEntry backend', async () => {
  const { page } = closeAfterTest(await openPortal('/?backend=oneentry'));
  await expectRows(page, idsOf(oneEntryRecords.slice(0, PAGE_SIZE)), rangeFor(1, 75));
  await page.getByRole('note').waitFor();
  await checkView(page, 'oneentry');
});

test('error state', async () => {
  const { page } = closeAfterTest(await openPortal());
  const firstPage = idsOf(truemedRecords.slice(0, PAGE_SIZE));
  await expectRows(page, firstPage, rangeFor(1, 240));
  await setUpstreamFailure({ status: 503 });
  await page.getByRole('searchbox', { name: 'Search' }).fill('holm');
  await page.locator('.rps-session-list [role="alert"]').getByRole('button', { name: 'Retry' }).waitFor();
  // The view as it stays: the alert over the last good rows (whose contrast axe checks too).
  expect(await page.locator('.rps-session-list').getAttribute('data-state')).toBe('error');
  expect(await rowIds(page)).toEqual(firstPage);
  await checkView(page, 'error');
});

test('a 320 px wide screen: nothing scrolls sideways but the tables, and the detail tables are reachable by keyboard', async () => {
  const { page } = closeAfterTest(await openPortal());
  await page.setViewportSize({ width: 320, height: 640 });
  // WCAG 1.4.10: the page itself reflows; only the list's own scroller may be wider than the screen.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
  await checkView(page, 'narrow-320', { fullPage: true });

  // A session with line items, opened from the keyboard.
  const record = truemedRecords.slice(0, PAGE_SIZE).find((r) => (r.order_items?.length ?? 0) > 0) ?? truemedRecords[0]!;
  await page.getByRole('button', { name: `Open session ${record.id}` }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const table = dialog.locator('table[data-table="items"]');
  await table.waitFor();
  const scroller = dialog.locator('.rps-session-detail__table-scroller').first();
  expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  for (let step = 0; step < 10 && !(await table.evaluate((element) => element === document.activeElement)); step += 1) {
    await page.keyboard.press('Tab');
  }
  expect(await table.evaluate((element) => element === document.activeElement)).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
});
