// examples/nextjs — the App Router app a user writes from the README, installed from the packed tarball and
// built with `next build` (scripts/nextjs-example.mjs prepare; npm test runs it first) — served by
// `next start` over the fake Truemed API and driven in Debian's Chromium.
import { randomBytes } from 'node:crypto';
import type { Request as PageRequest } from 'playwright-core';
import { createFakeTruemedApi, type FakeTruemedApi } from 'react-payment-sessions/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextExample } from '../../scripts/nextjs-example.mjs';
import { closeBrowser, openPage } from './browser';

const LIST = '/api/truemed/payments/v1/payment_sessions';
const PAGE_SIZE = 30;

let api: FakeTruemedApi;
let apiKey: string;
let baseUrl: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  apiKey = `next_example_${randomBytes(16).toString('hex')}`;
  api = createFakeTruemedApi({ sessions: 120, seed: 11, apiKey, latencyMs: 20 });
  const upstream = await api.listen();
  cleanups.push(upstream.close);
  const next = await startNextExample({ apiKey, truemedBaseUrl: upstream.url });
  cleanups.push(next.close);
  baseUrl = next.url;
});

afterAll(async () => {
  await closeBrowser();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the Next.js App Router example', () => {
  it('server-renders the workspace from a Server Component page that imports the package', async () => {
    const response = await fetch(baseUrl);
    expect(response.status).toBe(200);
    const html = await response.text();
    // The client components rendered on the server: the list is in the HTML before any script runs.
    expect(html).toContain('rps-session-list');
    expect(html).toContain('rps-session-filters');
    expect(html).not.toContain(apiKey);
  });

  it('renders the rows in Chromium with no hydration warning, no console error, and the key nowhere the browser sees', async () => {
    const { context, page, errors } = await openPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const seen: Array<{ url: string; type: string; status: number; text: string }> = [];
    const pending: Promise<void>[] = [];
    // Every completed request with its response: headers both ways and the whole body.
    page.on('requestfinished', (request: PageRequest) => {
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response) return;
          const body = (await response.body()).toString('utf8');
          const headers = JSON.stringify([await response.allHeaders(), await request.allHeaders()]);
          seen.push({ url: response.url(), type: request.resourceType(), status: response.status(), text: `${headers}\n${body}` });
        })(),
      );
    });
    try {
      await page.goto(baseUrl);
      const ids = api.records.slice(0, PAGE_SIZE).map((record) => String(record.id));
      const rowIds = () =>
        page.locator('tbody .rps-session-list__row [data-rps-trigger]').evaluateAll((cells) => cells.map((cell) => cell.textContent?.trim() ?? ''));
      await expect.poll(rowIds, { timeout: 15_000 }).toEqual(ids);
      await expect.poll(() => page.locator('.rps-pagination__range').textContent(), { timeout: 10_000 }).toContain('120');

      // The page is interactive (hydrated), not only server HTML: the next page loads through the proxy.
      await page.getByRole('button', { name: 'Next page' }).click();
      const secondPage = api.records.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((record) => String(record.id));
      await expect.poll(rowIds, { timeout: 15_000 }).toEqual(secondPage);
      // The page is in the URL (syncWithUrl): a reload hydrates server HTML made without it, then shows page 2.
      expect(new URL(page.url()).search).not.toBe('');
      await page.waitForLoadState('networkidle');
      await Promise.all(pending); // read every body before the reload discards them
      await page.reload();
      await expect.poll(rowIds, { timeout: 15_000 }).toEqual(secondPage);
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);

      expect(seen.filter((entry) => entry.status >= 400).map((entry) => `${entry.status} ${entry.url}`)).toEqual([]);
      expect(errors).toEqual([]);
      expect(warnings.filter((text) => /hydrat|did not match|server rendered/i.test(text))).toEqual([]);

      // The recording saw the real traffic: the document, its JS chunks and the list calls through the proxy.
      expect(seen.filter((entry) => entry.type === 'document').length).toBeGreaterThanOrEqual(1);
      expect(seen.filter((entry) => entry.type === 'script').length).toBeGreaterThanOrEqual(3);
      expect(seen.filter((entry) => entry.url.includes(LIST)).length).toBeGreaterThanOrEqual(2);
      expect(seen.filter((entry) => entry.text.includes(apiKey)).map((entry) => entry.url)).toEqual([]);
      expect(await page.content()).not.toContain(apiKey);

      // …while the proxy did send it upstream, and only from the server.
      const upstreamCalls = api.requests.filter((request) => request.url.includes('/payments/v1/payment_sessions'));
      expect(upstreamCalls.length).toBeGreaterThanOrEqual(2);
      expect(upstreamCalls.every((request) => request.headers['x-truemed-api-key'] === apiKey)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
