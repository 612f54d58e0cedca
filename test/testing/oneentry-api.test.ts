/** The fake OneEntry HTTP API on its own: paths, headers, limits, token refresh and error bodies. */
import { createFakeOneEntryApi, FAKE_ONEENTRY_APP_TOKEN, FAKE_ONEENTRY_SERVER_LIMIT } from 'react-payment-sessions/testing';

const BASE = 'http://oneentry.test';
const LIST = `${BASE}/api/content/payments/sessions/`;

function setUp(options: Parameters<typeof createFakeOneEntryApi>[0] = {}) {
  const api = createFakeOneEntryApi({ sessions: 150, ...options });
  const grant = api.signIn();
  const get = (url: string, headers: Record<string, string> = { 'x-app-token': api.appToken, authorization: `Bearer ${grant.accessToken}` }) =>
    api.fetch(url, { headers });
  return { api, grant, get };
}

describe('createFakeOneEntryApi', () => {
  it('lists { total, items } by offset and limit (defaults 0 and 30)', async () => {
    const { api, get } = setUp();
    const body = (await (await get(`${LIST}?offset=40&limit=20`)).json()) as { total: number; items: Array<{ id: number }> };
    expect(body.total).toBe(150);
    expect(body.items.map((item) => item.id)).toEqual(api.records.slice(40, 60).map((record) => record.id));
    const defaults = (await (await get(LIST)).json()) as { items: unknown[] };
    expect(defaults.items).toHaveLength(30);
  });

  it(`caps limit at the server limit (${FAKE_ONEENTRY_SERVER_LIMIT} by default, or serverLimit)`, async () => {
    const { get } = setUp();
    expect(((await (await get(`${LIST}?offset=0&limit=500`)).json()) as { items: unknown[] }).items).toHaveLength(FAKE_ONEENTRY_SERVER_LIMIT);
    const capped = setUp({ serverLimit: 10 });
    expect(((await (await capped.get(`${LIST}?offset=0&limit=30`)).json()) as { items: unknown[] }).items).toHaveLength(10);
  });

  it('answers 400 with NestJS’s message list for a bad offset or limit', async () => {
    const { get } = setUp();
    const response = await get(`${LIST}?offset=-1&limit=abc`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      statusCode: 400,
      message: ['offset must be a non-negative integer', 'limit must be a non-negative integer'],
      pageData: null,
    });
  });

  it('serves one session by id, 404 when there is none, 400 for an id that is not a number', async () => {
    const { api, get } = setUp();
    const target = api.records[7]!;
    expect(await (await get(`${BASE}/api/content/payments/sessions/${target.id}`)).json()).toEqual(target);
    const missing = await get(`${BASE}/api/content/payments/sessions/99999999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, message: 'Payment session 99999999 not found.', pageData: null, timestamp: expect.any(String) });
    expect((await get(`${BASE}/api/content/payments/sessions/abc`)).status).toBe(400);
  });

  it('refuses a wrong app token with 403 and a missing, unknown or expired Bearer with 401', async () => {
    const { api, grant, get } = setUp();
    expect((await get(LIST, { authorization: `Bearer ${grant.accessToken}` })).status).toBe(403);
    expect((await get(LIST, { 'x-app-token': 'nope', authorization: `Bearer ${grant.accessToken}` })).status).toBe(403);
    expect((await get(LIST, { 'x-app-token': FAKE_ONEENTRY_APP_TOKEN })).status).toBe(401);
    expect((await get(LIST, { 'x-app-token': FAKE_ONEENTRY_APP_TOKEN, authorization: 'Bearer made_up' })).status).toBe(401);
    expect((await get(LIST)).status).toBe(200);
    api.expireAccessTokens();
    const expired = await get(LIST);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ statusCode: 401, message: 'Unauthorized' });
  });

  it('refreshes tokens once per refresh token (it rotates), and not after revoke', async () => {
    const { api, grant } = setUp();
    const refresh = (refreshToken: string) =>
      api.fetch(`${BASE}/api/content/users-auth-providers/marker/email/users/refresh`, {
        method: 'POST',
        headers: { 'x-app-token': api.appToken, 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    const first = await refresh(grant.refreshToken);
    expect(first.status).toBe(200);
    const tokens = (await first.json()) as { accessToken: string; refreshToken: string };
    expect(tokens.accessToken).not.toBe(grant.accessToken);
    expect((await api.fetch(LIST, { headers: { 'x-app-token': api.appToken, authorization: `Bearer ${tokens.accessToken}` } })).status).toBe(200);
    expect((await refresh(grant.refreshToken)).status).toBe(401);
    grant.revoke();
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    expect((await api.fetch(LIST, { headers: { 'x-app-token': api.appToken, authorization: `Bearer ${tokens.accessToken}` } })).status).toBe(401);
  });

  it('issues fresh tokens for the same grant, which end with it', async () => {
    const { api, grant } = setUp();
    const fresh = grant.issueTokens();
    expect(fresh.accessToken).not.toBe(grant.accessToken);
    const list = (token: string) => api.fetch(LIST, { headers: { 'x-app-token': api.appToken, authorization: `Bearer ${token}` } });
    expect((await list(fresh.accessToken)).status).toBe(200);
    grant.revoke();
    expect((await list(fresh.accessToken)).status).toBe(401);
  });

  it('lives under basePath when given one, and nowhere else', async () => {
    const { get } = setUp({ basePath: '/api/oneentry' });
    expect((await get(`${BASE}/api/oneentry/api/content/payments/sessions/?offset=0&limit=1`)).status).toBe(200);
    expect((await get(LIST)).status).toBe(404);
  });

  it('injects failures: an error body, a raw body, a dropped connection', async () => {
    const { api, get } = setUp();
    api.setFailure({ status: 500 });
    const failed = await get(LIST);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ statusCode: 500, message: 'Internal server error', pageData: null });
    api.setFailure({ status: 502, rawBody: '<html>Bad gateway</html>' });
    expect(await (await get(LIST)).text()).toBe('<html>Bad gateway</html>');
    api.setFailure({ kind: 'network' });
    await expect(get(LIST)).rejects.toThrow();
    api.setFailure(null);
    expect((await get(LIST)).status).toBe(200);
  });

  it('records every request with its headers', async () => {
    const { api, get } = setUp();
    await get(`${LIST}?offset=0&limit=5`);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: 'GET', headers: { 'x-app-token': api.appToken } });
  });
});
