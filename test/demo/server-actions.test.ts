/**
 * The demo's write path over real HTTP (issue 13): its embedded proxy forwards Truemed's four writes for a
 * signed-in admin only, a viewer lists but every write is a 403, a cross-site page is refused, every attempt
 * lands in the audit log at /__demo/audit, and the fake's API key is in no answer. Runs the real server on
 * 127.0.0.1 over a stand-in page, as server-security.test.ts does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTruemedFetcher } from 'react-payment-sessions';
import { makeTruemedRecords } from 'react-payment-sessions/testing';
import { startDemoServer } from '../../demo/server.mjs';
import type { DemoAuditEntry, DemoServer } from '../../demo/server.mjs';

const PROXY = '/api/truemed';
const LIST = `${PROXY}/payments/v1/payment_sessions?page=1&page_size=5`;
/** The demo's dataset (same count and seed as demo/server.mjs), read independently of the proxy. */
const records = makeTruemedRecords({ count: 240, seed: 42 });

const capturedToRefund = records.find(
  (record) =>
    record.status === 'captured' &&
    (record.refunds ?? []).length === 0 &&
    !record.refund_amount &&
    (record.disputes ?? []).length === 0 &&
    record.total_amount >= 200,
)!;
/** Authorized with nothing captured yet (the list reads it as `authorized`, not `partially_captured`). */
const authorizedOnly = records.filter((record) => record.status === 'authorized' && record.status_summary === 'Authorized');
const authorized = authorizedOnly[0]!;
const pending = records.find((record) => record.status === 'pending')!;

let staticDir: string;
let demo: DemoServer | undefined;
/** Every response body read by a test, to check the key appears in none. */
let bodies: string[] = [];

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'rps-demo-actions-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
beforeEach(() => {
  bodies = [];
});
afterEach(async () => {
  // No answer of the test carried the key the proxy holds.
  if (demo?.apiKeyForTests) for (const body of bodies) expect(body).not.toContain(demo.apiKeyForTests);
  await demo?.close();
  demo = undefined;
});

async function start(): Promise<DemoServer> {
  demo = await startDemoServer({ port: 0, quiet: true, staticDir });
  return demo;
}

const originOf = (server: DemoServer) => new URL(server.url).origin;

async function signIn(server: DemoServer, role?: 'admin' | 'viewer'): Promise<string> {
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { origin: originOf(server), 'content-type': 'application/json' },
    body: role === undefined ? undefined : JSON.stringify({ role }),
  });
  expect(response.status).toBe(200);
  const setCookies = response.headers.getSetCookie();
  expect(setCookies).toContain(`rps_demo_role=${role ?? 'admin'}; SameSite=Strict; Path=/; Max-Age=28800`);
  const cookie = setCookies.find((line) => line.startsWith('rps_demo_session='));
  return cookie!.split(';')[0]!;
}

/** A response's status and body text (kept for the key check). */
async function read(response: Response): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const text = await response.text();
  bodies.push(text, JSON.stringify([...response.headers]));
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: only the status and text are of interest.
  }
  return { status: response.status, text, json };
}

/** A write as the page's actions client sends it: same origin, JSON, the idempotency key twice. */
function write(server: DemoServer, cookie: string, path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const key = String(body.idempotency_key);
  return fetch(`${server.url}${PROXY}${path}`, {
    method: 'POST',
    headers: { cookie, origin: originOf(server), 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key, ...headers },
    body: JSON.stringify(body),
  }).then(read);
}

const refundBody = (key: string, amount: number) => ({ payment_id: capturedToRefund.id, amount, reason: 'customer_request', idempotency_key: key });
/** One request of each of the four writes, on sessions where each is allowed. */
const everyWrite = (prefix: string) =>
  [
    ['refund', '/payments/v1/refund', refundBody(`${prefix}-refund`, 100)],
    ['capture', `/payments/v1/payment_session/${authorized.id}/capture`, { total_amount: authorized.total_amount, idempotency_key: `${prefix}-capture` }],
    ['void', `/payments/v1/payment_session/${authorized.id}/void`, { idempotency_key: `${prefix}-void` }],
    ['cancel', `/payments/v1/payment_session/${pending.id}/cancel`, { idempotency_key: `${prefix}-cancel` }],
  ] as const;

async function audit(server: DemoServer, cookie: string): Promise<DemoAuditEntry[]> {
  const answer = await read(await fetch(`${server.url}/__demo/audit`, { headers: { cookie } }));
  expect(answer.status).toBe(200);
  return answer.json.entries as DemoAuditEntry[];
}

/** How the library's own fetcher, through the demo's list route, reads one session now. */
async function listedStatus(server: DemoServer, cookie: string, id: string): Promise<string | undefined> {
  const fetcher = createTruemedFetcher({ baseUrl: `${server.url}${PROXY}`, headers: { cookie } });
  const page = await fetcher({ page: 1, pageSize: 10, search: id }, { signal: new AbortController().signal });
  return page.sessions.find((session) => session.id === id)?.status;
}

describe('the demo’s write routes', () => {
  it('the dataset has the sessions these tests act on', () => {
    expect(capturedToRefund).toBeDefined();
    expect(authorizedOnly.length).toBeGreaterThanOrEqual(2);
    expect(pending).toBeDefined();
  });

  it('an admin’s partial refund goes through; the list then shows the session partially refunded', async () => {
    const server = await start();
    const cookie = await signIn(server);
    expect(await listedStatus(server, cookie, capturedToRefund.id)).toBe('captured');

    const refunded = await write(server, cookie, '/payments/v1/refund', refundBody('admin-refund-1', 100));
    expect(refunded.status).toBe(200);
    expect(refunded.json.refund_id).toEqual(expect.any(String));
    expect(await listedStatus(server, cookie, capturedToRefund.id)).toBe('partially_refunded');

    // The same key again: the remembered answer, no second refund.
    const again = await write(server, cookie, '/payments/v1/refund', refundBody('admin-refund-1', 100));
    expect(again.status).toBe(200);
    expect(again.json.refund_id).toBe(refunded.json.refund_id);
    const entries = await audit(server, cookie);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ role: 'admin', user: expect.stringMatching(/^demo admin #\d+$/), action: 'refund', sessionId: capturedToRefund.id, amountMinor: 100, reason: 'customer_request', outcome: 'succeeded', status: 200 });
  });

  it('an admin may capture, void and cancel too', async () => {
    const server = await start();
    const cookie = await signIn(server, 'admin');
    const [, capture, , cancel] = everyWrite('admin');
    expect((await write(server, cookie, capture[1], capture[2])).status).toBe(200);
    expect(await listedStatus(server, cookie, authorized.id)).toBe('captured');
    expect((await write(server, cookie, cancel[1], cancel[2])).status).toBe(200);
    expect(await listedStatus(server, cookie, pending.id)).toBe('canceled');
    // Void on a session not captured yet: a second authorized one.
    const another = authorizedOnly[1]!;
    expect((await write(server, cookie, `/payments/v1/payment_session/${another.id}/void`, { idempotency_key: 'admin-void' })).status).toBe(200);
    expect(await listedStatus(server, cookie, another.id)).toBe('voided');
    expect((await audit(server, cookie)).map((entry) => [entry.action, entry.outcome])).toEqual([
      ['capture', 'succeeded'],
      ['cancel', 'succeeded'],
      ['void', 'succeeded'],
    ]);
  });

  it('a viewer lists and reads, but each of the four writes is a 403 Forbidden and changes nothing', async () => {
    const server = await start();
    const viewer = await signIn(server, 'viewer');
    expect(await read(await fetch(`${server.url}${LIST}`, { headers: { cookie: viewer } }))).toMatchObject({ status: 200 });
    const one = await read(await fetch(`${server.url}${PROXY}/payments/v1/payment_session/${authorized.id}`, { headers: { cookie: viewer } }));
    expect(one.status).toBe(200);
    expect(await (await fetch(`${server.url}/api/me`, { headers: { cookie: viewer } })).json()).toMatchObject({ signedIn: true, role: 'viewer' });

    for (const [, path, body] of everyWrite('viewer')) {
      const answer = await write(server, viewer, path, body);
      expect(answer.status).toBe(403);
      expect(answer.json.error).toBe('Forbidden');
    }
    expect(await listedStatus(server, viewer, capturedToRefund.id)).toBe('captured');
    expect(await listedStatus(server, viewer, authorized.id)).toBe('authorized');
    expect(await listedStatus(server, viewer, pending.id)).toBe('pending');

    const entries = await audit(server, viewer);
    expect(entries.map((entry) => [entry.role, entry.action, entry.outcome, entry.status])).toEqual([
      ['viewer', 'refund', 'forbidden', 403],
      ['viewer', 'capture', 'forbidden', 403],
      ['viewer', 'void', 'forbidden', 403],
      ['viewer', 'cancel', 'forbidden', 403],
    ]);
    expect(entries.every((entry) => /^demo viewer #\d+$/.test(entry.user))).toBe(true);
  });

  it('refuses a write from another origin, or without a JSON body, even with an admin’s cookie', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const [refund] = everyWrite('cross');
    const crossSite = await write(server, cookie, refund[1], refund[2], { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error).toBe('CrossSiteRequest');
    const fetchSite = await write(server, cookie, refund[1], refund[2], { 'sec-fetch-site': 'same-site' });
    expect(fetchSite.status).toBe(403);
    const { port } = new URL(server.url);
    const rebinding = await write(server, cookie, refund[1], refund[2], { host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expect(rebinding.status).toBe(403);
    const form = await write(server, cookie, refund[1], refund[2], { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(await listedStatus(server, cookie, capturedToRefund.id)).toBe('captured');
  });

  it('a signed-out caller gets a 401 on a write and on the audit log', async () => {
    const server = await start();
    const [refund] = everyWrite('anonymous');
    const anonymous = await write(server, '', refund[1], refund[2]);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${server.url}/__demo/audit`)).status).toBe(401);
    const cookie = await signIn(server);
    expect(await audit(server, cookie)).toEqual([
      expect.objectContaining({ role: null, user: 'signed out', action: 'refund', outcome: 'forbidden', status: 401 }),
    ]);
  });

  it('the audit log records a rejected and an invalid attempt with their outcome', async () => {
    const server = await start();
    const cookie = await signIn(server);
    const tooMuch = await write(server, cookie, '/payments/v1/refund', refundBody('too-much', capturedToRefund.total_amount + 1));
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error).toBe('AmountInvalid');
    const noKey = await write(server, cookie, '/payments/v1/refund', { ...refundBody('x', 100), idempotency_key: '' });
    expect(noKey.status).toBe(400);
    expect((await audit(server, cookie)).map((entry) => [entry.action, entry.outcome, entry.status, entry.code])).toEqual([
      ['refund', 'rejected', 400, 'AmountInvalid'],
      ['refund', 'invalid', 400, expect.any(String)],
    ]);
  });

  it('sign-in takes a role: nothing is an admin, an unknown role is a 400 and signs nobody in', async () => {
    const server = await start();
    const post = (body?: string) => fetch(`${server.url}/api/login`, { method: 'POST', headers: { origin: originOf(server) }, body });
    const unknown = await post(JSON.stringify({ role: 'owner' }));
    expect(unknown.status).toBe(400);
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'viewer', padding: 'x'.repeat(20_000) }))).status).toBe(413);
    const admin = await post();
    expect(await admin.json()).toEqual({ signedIn: true, role: 'admin' });
    // Sign-out clears the role hint with the rest.
    const cookie = admin.headers.getSetCookie().find((line) => line.startsWith('rps_demo_session='))!.split(';')[0]!;
    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: originOf(server) } });
    expect(out.headers.getSetCookie()).toContain('rps_demo_role=; SameSite=Strict; Path=/; Max-Age=0');
  });

  it('reset puts the dataset back and empties the audit log (signed-in, same origin only)', async () => {
    const server = await start();
    const cookie = await signIn(server);
    expect((await write(server, cookie, '/payments/v1/refund', refundBody('before-reset', 100))).status).toBe(200);
    expect(await listedStatus(server, cookie, capturedToRefund.id)).toBe('partially_refunded');
    expect((await fetch(`${server.url}/__demo/reset`, { method: 'POST', headers: { origin: originOf(server) } })).status).toBe(401);
    expect((await fetch(`${server.url}/__demo/reset`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${server.url}/__demo/reset`, { method: 'POST', headers: { cookie, origin: originOf(server) } })).status).toBe(204);
    expect(await listedStatus(server, cookie, capturedToRefund.id)).toBe('captured');
    expect(await audit(server, cookie)).toEqual([]);
  });
});
