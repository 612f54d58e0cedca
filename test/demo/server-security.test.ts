/**
 * The demo server's own security (issue 11, finding 7): fault injection needs a signed-in, same-origin
 * caller and caps its body; sign-in answers only the portal's own page; sign-ins expire. Plus the OneEntry
 * credentials and API it serves to the browser's SDK. Runs the real server on 127.0.0.1 over a stand-in page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../demo/server.mjs';
import type { DemoServer } from '../../demo/server.mjs';

const LIST = '/api/truemed/payments/v1/payment_sessions?page=1&page_size=5';
const ONEENTRY_LIST = '/api/oneentry/api/content/payments/sessions/?offset=0&limit=5';

let staticDir: string;
let demo: DemoServer | undefined;

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'rps-demo-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

async function start(options: { sessionTtlMs?: number } = {}): Promise<DemoServer> {
  demo = await startDemoServer({ port: 0, quiet: true, staticDir, ...options });
  return demo;
}

const originOf = (server: DemoServer) => new URL(server.url).origin;

async function signIn(server: DemoServer): Promise<string> {
  const response = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { origin: originOf(server) } });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('rps_demo_session='));
  return cookie!.split(';')[0]!;
}

const failureBody = JSON.stringify({ status: 500, body: { error: 'Injected', message: 'Injected by an attacker' } });

describe('the fault-injection route /__demo/upstream-failure', () => {
  it('refuses a caller that has not signed in (a cross-site POST once replaced every user’s list)', async () => {
    const server = await start();
    const anonymous = await fetch(`${server.url}/__demo/upstream-failure`, { method: 'POST', headers: { origin: originOf(server) }, body: failureBody });
    expect(anonymous.status).toBe(401);
    // Nothing was injected: a signed-in user still gets the list.
    const cookie = await signIn(server);
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a signed-in cookie sent from another origin, or with no Origin', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const attempts: Array<Record<string, string>> = [{ cookie, origin: 'https://evil.example' }, { cookie, origin: 'null' }, { cookie }];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/__demo/upstream-failure`, { method: 'POST', headers, body: failureBody });
      expect(response.status).toBe(403);
    }
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
  });

  it('works for a signed-in page of the portal’s own origin', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const post = (body?: string) => fetch(`${server.url}/__demo/upstream-failure`, { method: 'POST', headers: { cookie, origin: originOf(server) }, body });
    expect((await post(failureBody)).status).toBe(204);
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(502);
    expect((await post()).status).toBe(204);
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
  });

  it('answers 413 to a body over 16 KB and injects nothing', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const huge = JSON.stringify({ status: 500, body: { message: 'x'.repeat(200_000) } });
    const response = await fetch(`${server.url}/__demo/upstream-failure`, { method: 'POST', headers: { cookie, origin: originOf(server) }, body: huge });
    expect(response.status).toBe(413);
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('sign-in', () => {
  it('refuses a cross-site POST, one with no Origin, and a DNS-rebinding Host', async () => {
    const server = await start();
    const { port } = new URL(server.url);
    const attempts: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      {},
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/api/login`, { method: 'POST', headers });
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it('refuses a cross-site sign-out', async () => {
    const server = await start();
    const cookie = await signIn(server);
    expect((await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
  });

  it('expires: past sessionTtlMs the cookie opens nothing, and says so in its Max-Age', async () => {
    const server = await start({ sessionTtlMs: 2_000 });
    const response = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { origin: originOf(server) } });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('rps_demo_session='))!;
    expect(setCookie).toMatch(/; Max-Age=2(;|$)/);
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(`${server.url}${LIST}`, { headers: { cookie } })).status).toBe(401);
    expect(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()).toMatchObject({ signedIn: false });
  });

  it('lasts 8 hours by default, not forever', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { origin: originOf(server) } });
    expect(response.headers.getSetCookie().find((line) => line.startsWith('rps_demo_session='))).toMatch(/; Max-Age=28800(;|$)/);
  });
});

describe('the OneEntry backend the browser’s SDK uses', () => {
  it('hands its credentials to a signed-in user only', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/api/oneentry-session`)).status).toBe(401);
    const cookie = await signIn(server);
    const credentials = await (await fetch(`${server.url}/api/oneentry-session`, { headers: { cookie } })).json();
    expect(credentials).toEqual({
      baseUrl: '/api/oneentry',
      appToken: server.oneEntryApi.appToken,
      accessToken: expect.stringMatching(/^oe_access_/),
      refreshToken: expect.stringMatching(/^oe_refresh_/),
    });
  });

  it('serves the fake OneEntry API to a signed-in browser with its Bearer, and revokes it at sign-out', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const { appToken, accessToken } = (await (await fetch(`${server.url}/api/oneentry-session`, { headers: { cookie } })).json()) as Record<string, string>;
    const oneEntryHeaders = { cookie, 'x-app-token': appToken!, authorization: `Bearer ${accessToken}` };
    const listed = await fetch(`${server.url}${ONEENTRY_LIST}`, { headers: oneEntryHeaders });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ total: 75, items: expect.any(Array) });
    // Without the portal's cookie the route is closed, Bearer or not.
    expect((await fetch(`${server.url}${ONEENTRY_LIST}`, { headers: { 'x-app-token': appToken!, authorization: `Bearer ${accessToken}` } })).status).toBe(401);

    await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: originOf(server) } });
    const cookie2 = await signIn(server);
    // A new sign-in gets new tokens; the old Bearer was revoked with the old session.
    expect((await fetch(`${server.url}${ONEENTRY_LIST}`, { headers: { ...oneEntryHeaders, cookie: cookie2 } })).status).toBe(401);
  });

  it('hands a reloaded page working tokens after the first pair expired and its refresh token rotated', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const credentials = async () => (await (await fetch(`${server.url}/api/oneentry-session`, { headers: { cookie } })).json()) as Record<string, string>;
    const first = await credentials();
    // The page's SDK refreshes once (rotating the refresh token), then the access tokens expire.
    const refreshed = await fetch(`${server.url}/api/oneentry/api/content/users-auth-providers/marker/email/users/refresh`, {
      method: 'POST',
      headers: { cookie, origin: originOf(server), 'x-app-token': first.appToken!, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: first.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    server.oneEntryApi.expireAccessTokens();
    const again = await credentials();
    const listed = await fetch(`${server.url}${ONEENTRY_LIST}`, { headers: { cookie, 'x-app-token': again.appToken!, authorization: `Bearer ${again.accessToken}` } });
    expect(listed.status).toBe(200);
  });

  it('caps the body of what it forwards', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const response = await fetch(`${server.url}/api/oneentry/api/content/users-auth-providers/marker/email/users/refresh`, {
      method: 'POST',
      headers: { cookie, origin: originOf(server), 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(413);
  });
});
