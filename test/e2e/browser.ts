// Drives Debian's Chromium with playwright-core (nothing downloaded), one context per test.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A fresh context (own cookies and storage) with a page, and every page error collected. */
export async function openPage(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<{
  context: BrowserContext;
  page: Page;
  errors: string[];
}> {
  const context = await (await launchBrowser()).newContext({
    viewport: { width: 1280, height: 900 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return { context, page, errors };
}

/**
 * Registers the hooks of an end-to-end test file: after each test, `cleanUpFirst` (such as clearing an
 * injected upstream failure, so the next test starts on a healthy upstream) and then closing the browser
 * context the test opened; after the file, closing the browser. Returns what a test wraps each opened
 * page in to have its context closed: `const { page, errors } = closeAfterTest(await openPortal())`.
 */
export function closeContextsAfterEachTest(options: { cleanUpFirst?: () => Promise<void> } = {}) {
  let context: BrowserContext | undefined;
  afterEach(async () => {
    await options.cleanUpFirst?.();
    await context?.close();
    context = undefined;
  });
  afterAll(closeBrowser);
  return <Opened extends { context: BrowserContext }>(opened: Opened): Opened => {
    context = opened.context;
    return opened;
  };
}

/** Saves a screenshot under reports/screenshots/: the full page, or only the viewport (a modal dialog's view). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync('reports/screenshots', { recursive: true });
  const path = `reports/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
