// Issue 11, finding 7, in a real browser: a page on another port of 127.0.0.1 is *same-site* (SameSite
// ignores ports), so the signed-in user's SameSite=Strict cookie rides along on its POSTs. It must still not
// be able to inject an upstream failure (which replaced every user's list) or sign the browser in.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeContextsAfterEachTest } from './browser';
import { cookieHeader, demoUrl, expectRows, idsOf, openDemo, openPortal, PAGE_SIZE, rangeFor, setUpstreamFailure, truemedRecords } from './portal';

const LIST = '/api/truemed/payments/v1/payment_sessions?page=1&page_size=5';

let attacker: Server;
let attackerUrl: string;
const closeAfterTest = closeContextsAfterEachTest({ cleanUpFirst: () => setUpstreamFailure(null) });

beforeAll(async () => {
  const demoOrigin = new URL(demoUrl()).origin;
  // The attacker's page fires the POSTs a CSRF would, with the browser's cookies, and says when it is done.
  const page = `<!doctype html><title>cat pictures</title><script>
    const demo = ${JSON.stringify(demoOrigin)};
    const body = JSON.stringify({ status: 500, body: { error: 'Injected', message: 'Injected by another site' } });
    Promise.allSettled([
      fetch(demo + '/__demo/upstream-failure', { method: 'POST', mode: 'no-cors', credentials: 'include', body }),
      fetch(demo + '/api/login', { method: 'POST', mode: 'no-cors', credentials: 'include' }),
    ]).then(() => { document.title = 'done'; });
  </script>`;
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const address = attacker.address();
  attackerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});
afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test('a same-site page on another port cannot inject an upstream failure with the signed-in user’s cookie', async () => {
  const { context, page } = closeAfterTest(await openPortal());
  const cookie = await cookieHeader(context);
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));

  const evil = await context.newPage();
  await evil.goto(attackerUrl);
  await expect.poll(() => evil.title(), { timeout: 10_000 }).toBe('done');

  // Nothing was injected: the route still answers, and the signed-in page reloads its rows.
  expect((await fetch(demoUrl(LIST), { headers: { cookie } })).status).toBe(200);
  await page.reload();
  await expectRows(page, idsOf(truemedRecords.slice(0, PAGE_SIZE)), rangeFor(1, 240));
});

test('a same-site page on another port cannot sign the browser in', async () => {
  const { context } = closeAfterTest(await openDemo());
  const evil = await context.newPage();
  await evil.goto(attackerUrl);
  await expect.poll(() => evil.title(), { timeout: 10_000 }).toBe('done');
  const cookies = await context.cookies(demoUrl());
  expect(cookies.find((entry) => entry.name === 'rps_demo_session')).toBeUndefined();
});
