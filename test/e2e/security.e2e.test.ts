// The API key stays on the server; the payments route answers only a signed-in merchant.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Request as PageRequest } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { closeContextsAfterEachTest, openPage } from './browser';
import { demoUrl, expectRows, expectedRecords, idsOf, openDemo, PAGE_SIZE, rangeFor, setUpstreamFailure, signIn, truemedRecords } from './portal';

const LIST = '/api/truemed/payments/v1/payment_sessions';

const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: () => setUpstreamFailure(null) });

function apiKey(): string {
  const key = inject('demoApiKey');
  // The demo runs over its embedded fake, whose key is fresh per run: a test that looked for '' would find it everywhere.
  expect(key).toMatch(/^demo_[0-9a-f]{32}$/);
  return key;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the API key', () => {
  test('is in no response body or header, no request header and not in the page source, even when the upstream echoes it', async () => {
    const key = apiKey();
    const { page } = closeAfterTest(await openPage());
    const seen: Array<{ url: string; text: string }> = [];
    const unreadable: string[] = [];
    const pending: Promise<void>[] = [];
    // Every request that completed, with its response: headers both ways and the whole body (a request
    // the page aborted has no response to look at).
    const record = (request: PageRequest) => {
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response) return;
          const body = await response.body().then(
            (buffer) => buffer.toString('utf8'),
            () => {
              unreadable.push(response.url());
              return '';
            },
          );
          const headers = JSON.stringify(await response.allHeaders());
          const requestHeaders = JSON.stringify(await request.allHeaders());
          seen.push({ url: response.url(), text: `${headers}\n${requestHeaders}\n${body}` });
        })(),
      );
    };
    page.on('requestfinished', record);
    await page.goto(demoUrl('/'));

    await signIn(page);
    await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Captured', exact: true }).check();
    const captured = expectedRecords({ status: ['captured'] });
    await expectRows(page, idsOf(captured.slice(0, PAGE_SIZE)), rangeFor(1, captured.length));
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectRows(page, idsOf(captured.slice(30, 60)), rangeFor(2, captured.length));
    await page.getByRole('button', { name: `Open session ${captured[30]!.id}` }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await download;

    // An upstream error whose message repeats the key: the proxy must not pass it on.
    await setUpstreamFailure({ status: 400, body: { error: 'InvalidParameter', message: `The key ${key} may not list sessions.` } });
    await page.getByRole('searchbox', { name: 'Search' }).fill('holm');
    const alert = page.locator('.rps-session-list [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('[redacted]');
    await setUpstreamFailure(null);

    page.off('requestfinished', record);
    await Promise.all(pending);
    // The recording saw the real traffic: the page, its assets, sign-in and many list pages.
    const listResponses = seen.filter((entry) => entry.url.includes(LIST));
    expect(listResponses.length).toBeGreaterThanOrEqual(5);
    expect(listResponses.some((entry) => entry.text.includes(captured[0]!.id))).toBe(true);
    expect(seen.some((entry) => entry.url.endsWith('.js'))).toBe(true);
    // Only the CSV download (a blob: URL, made in the page) has no body to read.
    expect(unreadable.filter((url) => !url.startsWith('blob:'))).toEqual([]);
    expect(seen.filter((entry) => entry.text.includes(key)).map((entry) => entry.url)).toEqual([]);

    // Page source, as rendered and as served.
    expect(await page.content()).not.toContain(key);
    const html = await (await fetch(demoUrl('/'))).text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toContain(key);
  });

  test('is in no file of the built page (demo/dist) or the built library (dist)', () => {
    const key = apiKey();
    const files = [...filesUnder('demo/dist'), ...filesUnder('dist')];
    expect(files.some((file) => file.endsWith('index.html'))).toBe(true);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((file) => readFileSync(file).includes(key))).toEqual([]);
  });
});

describe('the payments route', () => {
  const list = (headers: Record<string, string> = {}) => fetch(demoUrl(`${LIST}?page=1&page_size=5`), { headers });

  test('answers 401 without the sign-in cookie, and with a forged or signed-out one', async () => {
    const anonymous = await list();
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as Record<string, unknown>;
    expect(body.error).toBe('Unauthorized');
    expect(body).not.toHaveProperty('payment_sessions');
    expect(JSON.stringify(body)).not.toContain(truemedRecords[0]!.id);

    expect((await list({ cookie: 'rps_demo_session=forged-token' })).status).toBe(401);

    // A real sign-in opens it, signing out closes it again.
    // Sign-in and sign-out answer only same-origin POSTs (see demo-security.e2e.test.ts), as a page sends them.
    const origin = new URL(demoUrl()).origin;
    const login = await fetch(demoUrl('/api/login'), { method: 'POST', headers: { origin } });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^rps_demo_session=.+/);
    const allowed = await list({ cookie });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { payment_sessions: unknown[] }).payment_sessions).toHaveLength(5);
    expect((await fetch(demoUrl('/api/logout'), { method: 'POST', headers: { cookie, origin } })).status).toBe(200);
    expect((await list({ cookie })).status).toBe(401);
  });

  test('answers 401 to a browser that has not signed in', async () => {
    const { page } = closeAfterTest(await openDemo());
    await page.getByRole('button', { name: 'Sign in as the demo merchant' }).waitFor();
    const status = await page.evaluate(async (url) => (await fetch(url)).status, LIST);
    expect(status).toBe(401);
    // The sign-in page shows no sessions.
    expect(await page.locator('.rps-session-list').count()).toBe(0);
  });
});

describe('the page server', () => {
  test('answers 400 to a malformed escape in the path and keeps serving (it used to crash the process)', async () => {
    const malformed = await fetch(demoUrl('/%E0%A4%A'));
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await fetch(demoUrl('/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
