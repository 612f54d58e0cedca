import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeTruemedApi,
  FAKE_TRUEMED_API_KEY,
  type FakeTruemedApi,
  type FetchServer,
} from 'react-payment-sessions/testing';
import type {
  TruemedListResponseWire,
  TruemedPaymentSessionWire,
  TruemedErrorWire,
} from '../../src/adapters/truemed/wire';
import { mapTruemedSession } from '../../src/adapters/truemed/map';

const PATH = '/payments/v1/payment_sessions';
const KEY_HEADERS = { 'x-truemed-api-key': FAKE_TRUEMED_API_KEY };

type Query = Record<string, string>;
type Session = TruemedPaymentSessionWire;

const ids = (sessions: readonly Session[]) => sessions.map((session) => session.id);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('createFakeTruemedApi over real HTTP', () => {
  let api: FakeTruemedApi;
  let server: FetchServer;
  let records: readonly Session[];

  beforeAll(async () => {
    api = createFakeTruemedApi();
    server = await api.listen();
    records = api.records;
  });
  afterAll(() => server.close());

  async function get(query: Query | string = {}, headers: Record<string, string> = KEY_HEADERS) {
    const search = typeof query === 'string' ? query : new URLSearchParams(query).toString();
    const response = await fetch(`${server.url}${PATH}?${search}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  async function list(query: Query = {}): Promise<TruemedListResponseWire> {
    const { status, body } = await get(query);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as TruemedListResponseWire;
  }

  /** Walks every page of a query and returns all sessions in the order served. */
  async function listAll(query: Query = {}, pageSize = 100): Promise<Session[]> {
    const all: Session[] = [];
    const first = await list({ ...query, page_size: String(pageSize) });
    all.push(...first.payment_sessions);
    for (let page = 2; page <= first.pagination!.last_page; page += 1) {
      all.push(...(await list({ ...query, page_size: String(pageSize), page: String(page) })).payment_sessions);
    }
    return all;
  }

  describe('dataset', () => {
    it('serves 240 generated records, newest first', () => {
      expect(records).toHaveLength(240);
      const times = records.map((session) => Date.parse(session.created_on));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });
  });

  describe('defaults', () => {
    it('answers the first 30 sessions newest first with the pagination', async () => {
      const body = await list();
      expect(ids(body.payment_sessions)).toEqual(ids(records.slice(0, 30)));
      expect(body.pagination).toEqual({ current_page: 1, page_size: 30, count: 240, last_page: 8 });
    });

    it('includes refunds and disputes but leaves out items, metadata, fee and refund_amount', async () => {
      const { payment_sessions: sessions } = await list({ page_size: '100' });
      for (const session of sessions) {
        const record = records.find((r) => r.id === session.id)!;
        expect(session.refunds).toEqual(record.refunds);
        expect(session.disputes).toEqual(record.disputes);
        for (const key of ['order_items', 'metadata', 'truemed_fee', 'refund_amount']) expect(session).not.toHaveProperty(key);
      }
    });

    it('keeps the always-present fields as in the records', async () => {
      const [session] = (await list({ page_size: '1' })).payment_sessions;
      const { order_items: _items, metadata: _metadata, truemed_fee: _fee, ...expected } = records[0]!;
      expect(session).toEqual(expected);
    });

    it('sends no null values', async () => {
      const { body } = await get({ page_size: '100', include_order_items: 'true', include_metadata: 'true', include_truemed_fee: 'true' });
      expect(JSON.stringify(body)).not.toContain('null');
    });

    it('ignores undocumented parameters', async () => {
      const plain = await list({ page: '2' });
      const withExtra = await list({ page: '2', sort: 'oldest', foo: 'bar' });
      expect(withExtra).toEqual(plain);
    });
  });

  describe('pagination', () => {
    it('page selects the slice of the newest-first list', async () => {
      const body = await list({ page: '3' });
      expect(ids(body.payment_sessions)).toEqual(ids(records.slice(60, 90)));
      expect(body.pagination!.current_page).toBe(3);
    });

    it('page_size changes the slice and the last page', async () => {
      const body = await list({ page_size: '7', page: '2' });
      expect(ids(body.payment_sessions)).toEqual(ids(records.slice(7, 14)));
      expect(body.pagination).toEqual({ current_page: 2, page_size: 7, count: 240, last_page: Math.ceil(240 / 7) });
    });

    it('clamps page_size above 100 to 100', async () => {
      const body = await list({ page_size: '250' });
      expect(body.payment_sessions).toHaveLength(100);
      expect(body.pagination).toEqual({ current_page: 1, page_size: 100, count: 240, last_page: 3 });
    });

    it('answers a page past the last with an empty list and the real pagination', async () => {
      const body = await list({ page: '99' });
      expect(body.payment_sessions).toEqual([]);
      expect(body.pagination).toEqual({ current_page: 99, page_size: 30, count: 240, last_page: 8 });
    });

    it('reports last_page 1 and count 0 when nothing matches', async () => {
      const body = await list({ search: 'no-such-customer-anywhere' });
      expect(body.payment_sessions).toEqual([]);
      expect(body.pagination).toEqual({ current_page: 1, page_size: 30, count: 0, last_page: 1 });
    });

    it.each([
      ['no filter', {}, 30],
      ['captured only', { status: 'captured' }, 13],
      ['authorizations with refunds summarized', { kind: 'authorization', summarize_refunds: 'true' }, 4],
    ])('walking every page (%s) yields each matching session once, newest first', async (_label, query: Query, pageSize) => {
      const expected = (await list({ ...query, page_size: '100' })).pagination!.count;
      const walked = await listAll(query, pageSize);
      expect(walked).toHaveLength(expected);
      expect(new Set(ids(walked)).size).toBe(expected);
      const times = walked.map((session) => Date.parse(session.created_on));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const first = await list({ ...query, page_size: String(pageSize) });
      expect(first.pagination!.last_page).toBe(Math.max(1, Math.ceil(expected / pageSize)));
    });
  });

  describe('filters', () => {
    it('filter_pending drops pending sessions', async () => {
      const expected = records.filter((r) => r.status !== 'pending');
      expect(expected.length).toBeLessThan(records.length);
      expect(ids(await listAll({ filter_pending: 'true' }))).toEqual(ids(expected));
      expect(await listAll({ filter_pending: 'false' })).toHaveLength(records.length);
    });

    it('filter_voided drops voided authorizations (and only those)', async () => {
      const expected = records.filter((r) => r.status !== 'authorization_voided');
      expect(expected.length).toBeLessThan(records.length);
      const served = await listAll({ filter_voided: 'true' });
      expect(ids(served)).toEqual(ids(expected));
      expect(served.some((s) => s.status === 'pending')).toBe(true);
    });

    it('kind keeps the listed kinds', async () => {
      const authorizations = records.filter((r) => r.kind === 'authorization');
      expect(ids(await listAll({ kind: 'authorization' }))).toEqual(ids(authorizations));
      expect(await listAll({ kind: 'one_time_payment,authorization' })).toHaveLength(records.length);
    });

    it('status keeps the listed statuses', async () => {
      const expected = records.filter((r) => r.status === 'captured' || r.status === 'authorization_expired');
      expect(ids(await listAll({ status: 'authorization_expired,captured' }))).toEqual(ids(expected));
      expect(ids(await listAll({ status: 'processing' }))).toEqual(ids(records.filter((r) => r.status === 'processing')));
    });

    it('payment_token keeps the sessions paid with that token', async () => {
      const counts = new Map<string, number>();
      for (const r of records) if (r.payment_token) counts.set(r.payment_token, (counts.get(r.payment_token) ?? 0) + 1);
      const shared = [...counts].find(([, count]) => count > 1)![0];
      const served = await listAll({ payment_token: shared });
      expect(served.length).toBeGreaterThan(1);
      expect(ids(served)).toEqual(ids(records.filter((r) => r.payment_token === shared)));
    });

    it('created_on_start/end keep sessions created within the bounds, both inclusive', async () => {
      const newest = records[20]!.created_on;
      const oldest = records[50]!.created_on;
      const served = await listAll({ created_on_start: oldest, created_on_end: newest });
      const expected = records.filter((r) => r.created_on >= oldest && r.created_on <= newest);
      expect(ids(served)).toEqual(ids(expected));
      expect(ids(served)).toContain(records[20]!.id);
      expect(ids(served)).toContain(records[50]!.id);
    });

    it('created_on bounds accept offsets and dates without a time', async () => {
      // 2026-10-01T02:00:00+02:00 is midnight UTC, the same instant as the bare date.
      const withOffset = await listAll({ created_on_start: '2026-10-01T02:00:00+02:00' });
      const bareDate = await listAll({ created_on_start: '2026-10-01' });
      const expected = records.filter((r) => Date.parse(r.created_on) >= Date.UTC(2026, 9, 1));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(withOffset)).toEqual(ids(expected));
      expect(ids(bareDate)).toEqual(ids(expected));
      const before = await listAll({ created_on_end: '2026-10-01T00:00:00Z' });
      expect(before.length + withOffset.length).toBe(records.length);
    });

    it('a bare date as an end takes in that whole UTC day ("created on or before this date")', async () => {
      const day = records[30]!.created_on.slice(0, 10);
      const throughDay = await listAll({ created_on_end: day });
      const expected = records.filter((r) => r.created_on.slice(0, 10) <= day);
      expect(expected.some((r) => r.created_on.slice(0, 10) === day && !r.created_on.startsWith(`${day}T00:00:00.000`))).toBe(true);
      expect(ids(throughDay)).toEqual(ids(expected));
      // As a start, the same bare date is its midnight: the two bounds meet on that day.
      const fromDay = await listAll({ created_on_start: day, created_on_end: day });
      expect(ids(fromDay)).toEqual(ids(records.filter((r) => r.created_on.slice(0, 10) === day)));
    });

    it('reads a date-time without a zone as UTC, whatever the machine time zone', async () => {
      const previous = process.env.TZ;
      process.env.TZ = 'America/New_York';
      try {
        expect(new Date(2026, 9, 1).getTime()).not.toBe(Date.UTC(2026, 9, 1)); // the zone change took effect
        const boundary = records[30]!.created_on; // e.g. 2026-10-12T08:15:00.123Z
        const zoneless = await listAll({ created_on_start: boundary.slice(0, -1) });
        expect(ids(zoneless)).toEqual(ids(records.slice(0, 31)));
      } finally {
        if (previous === undefined) delete process.env.TZ;
        else process.env.TZ = previous;
      }
    });

    it('captured_on_start/end keep sessions captured within the bounds and exclude never-captured ones', async () => {
      const captured = records.filter((r) => r.captured_on !== undefined);
      const start = captured[40]!.captured_on!;
      const end = captured[10]!.captured_on!;
      const served = await listAll({ captured_on_start: start, captured_on_end: end });
      const expected = captured.filter((r) => Date.parse(r.captured_on!) >= Date.parse(start) && Date.parse(r.captured_on!) <= Date.parse(end));
      expect(ids(served)).toEqual(ids(expected));
      expect(ids(served)).toEqual(expect.arrayContaining([captured[40]!.id, captured[10]!.id]));

      const everCaptured = await listAll({ captured_on_start: '2000-01-01T00:00:00Z' });
      expect(ids(everCaptured)).toEqual(ids(captured));
      expect(captured.length).toBeLessThan(records.length);
    });

    it('combines filters (intersection)', async () => {
      const served = await listAll({ kind: 'authorization', status: 'captured,authorized', filter_voided: 'true' });
      const expected = records.filter((r) => r.kind === 'authorization' && ['captured', 'authorized'].includes(r.status));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(served)).toEqual(ids(expected));
    });
  });

  describe('search', () => {
    /** Expected matches: the named customer's sessions plus any whose id/business id/email contains the text. */
    function expectedFor(text: string, customerNames: string[]) {
      const lower = text.toLowerCase();
      return records.filter(
        (r) =>
          customerNames.includes(r.customer_name!) ||
          [r.id, r.user_business_id!, r.customer_email!].some((value) => value.toLowerCase().includes(lower)),
      );
    }

    it.each([
      ['NUNEZ', ['José Núñez']],
      ['josé núñez', ['José Núñez']],
      ['zoe bronte', ['Zoë Brontë']],
      ['orsted', ['Ætheling Ørsted']],
      ['AETHELING', ['Ætheling Ørsted']],
      ['李雷', ['李雷']],
      ['gross', ['Jürgen Groß']],
    ])('"%s" matches names case- and accent-insensitively', async (text, names) => {
      const expected = expectedFor(text, names);
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await listAll({ search: text }))).toEqual(ids(expected));
    });

    it('matches part of a session id, case-insensitively', async () => {
      const target = records[123]!;
      const fragment = target.id.slice(5, 14).toUpperCase();
      const served = await listAll({ search: fragment });
      expect(ids(served)).toContain(target.id);
      expect(ids(served)).toEqual(ids(expectedFor(fragment, [])));
    });

    it('matches a user business id and an email', async () => {
      const target = records[7]!;
      expect(ids(await listAll({ search: target.user_business_id! }))).toEqual(
        ids(records.filter((r) => r.user_business_id === target.user_business_id)),
      );
      const byDomain = await listAll({ search: '@EXAMPLE.DK' });
      expect(byDomain.length).toBeGreaterThan(0);
      expect(ids(byDomain)).toEqual(ids(records.filter((r) => r.customer_email!.toLowerCase().endsWith('@example.dk'))));
    });

    it('folds letters without a decomposition (Æ, Ø, ß, Ł) when only the name can match', async () => {
      // Emails that share nothing with the names, so a match can only come from the name.
      const people = ['Ætheling Ørsted', 'Jürgen Groß', 'Łucja Wójcik', 'Zoë Brontë', 'İlkay Şahin', 'Plain Person'];
      const sessions = records.slice(0, people.length).map((record, index) => ({
        ...record,
        customer_name: people[index],
        customer_email: `customer${index}@example.net`,
      }));
      const small = createFakeTruemedApi({ sessions });
      const namesFound = async (text: string) => {
        const response = await small.fetch(`http://fake${PATH}?${new URLSearchParams({ search: text })}`, { headers: KEY_HEADERS });
        return ((await response.json()) as TruemedListResponseWire).payment_sessions.map((s) => s.customer_name);
      };
      expect(await namesFound('orsted')).toEqual(['Ætheling Ørsted']);
      expect(await namesFound('AETHELING')).toEqual(['Ætheling Ørsted']);
      expect(await namesFound('jurgen gross')).toEqual(['Jürgen Groß']);
      expect(await namesFound('lucja wojcik')).toEqual(['Łucja Wójcik']);
      expect(await namesFound('ZOË')).toEqual(['Zoë Brontë']);
      expect(await namesFound('ilkay sahin')).toEqual(['İlkay Şahin']);
      expect(await namesFound('person')).toEqual(['Plain Person']);
    });

    it('does not match on other fields (order id, items)', async () => {
      expect((await list({ search: records[0]!.order_id! })).pagination!.count).toBe(0);
      expect((await list({ search: 'Rowing machine' })).pagination!.count).toBe(0);
    });
  });

  describe('include flags', () => {
    it('include_order_items=true adds each record’s order items', async () => {
      const served = await listAll({ include_order_items: 'true' });
      served.forEach((session, index) => expect(session.order_items).toEqual(records[index]!.order_items));
      expect((await list({ include_order_items: 'false' })).payment_sessions[0]).not.toHaveProperty('order_items');
    });

    it('include_metadata=true adds each record’s metadata', async () => {
      const served = await listAll({ include_metadata: 'true' });
      served.forEach((session, index) => expect(session.metadata).toEqual(records[index]!.metadata));
    });

    it('include_refunds=false leaves refunds out', async () => {
      const served = await listAll({ include_refunds: 'false' });
      for (const session of served) expect(session).not.toHaveProperty('refunds');
      expect(served[0]).toHaveProperty('disputes');
    });

    it('include_disputes=false leaves disputes out', async () => {
      const served = await listAll({ include_disputes: 'false' });
      for (const session of served) expect(session).not.toHaveProperty('disputes');
      expect(served[0]).toHaveProperty('refunds');
    });

    it('summarize_refunds=true adds refund_amount in cents and replaces the refunds list', async () => {
      const served = await listAll({ summarize_refunds: 'true' });
      served.forEach((session, index) => {
        const expected = sum((records[index]!.refunds ?? []).map((refund) => refund.amount));
        expect(session.refund_amount).toBe(expected);
        expect(session).not.toHaveProperty('refunds');
      });
      expect(served.some((session) => session.refund_amount! > 0)).toBe(true);
    });

    it('include_truemed_fee=true adds the fee as sent (strings and numbers), only where there is one', async () => {
      const response = await fetch(`${server.url}${PATH}?include_truemed_fee=true&page_size=100`, { headers: KEY_HEADERS });
      const text = await response.text();
      expect(text).toMatch(/"truemed_fee":"\d+\.\d{2}"/);
      expect(text).toMatch(/"truemed_fee":\d+(\.\d+)?[,}]/);
      const served = await listAll({ include_truemed_fee: 'true' });
      served.forEach((session, index) => {
        const record = records[index]!;
        if (record.truemed_fee === undefined) expect(session).not.toHaveProperty('truemed_fee');
        else expect(session.truemed_fee).toStrictEqual(record.truemed_fee);
      });
    });

    it('leaves the records untouched', async () => {
      const before = structuredClone(records);
      await list({ summarize_refunds: 'true', include_refunds: 'false', include_disputes: 'false' });
      expect(records).toEqual(before);
    });
  });

  describe('authentication', () => {
    it('answers 401 without the key header', async () => {
      const { status, body } = await get({}, {});
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'Unauthorized', message: expect.stringContaining('x-truemed-api-key') });
    });

    it('answers 401 with an empty key', async () => {
      expect((await get({}, { 'x-truemed-api-key': '' })).status).toBe(401);
    });

    it('answers 401 with a wrong key without echoing it', async () => {
      const { status, body } = await get({}, { 'x-truemed-api-key': 'sk_guess_1234' });
      expect(status).toBe(401);
      expect((body as TruemedErrorWire).error).toBe('Unauthorized');
      expect(JSON.stringify(body)).not.toContain('sk_guess_1234');
    });

    it('accepts a custom key and rejects the default one then', async () => {
      const custom = createFakeTruemedApi({ sessions: 3, apiKey: 'custom_key' });
      const url = `http://fake${PATH}`;
      expect((await custom.fetch(url, { headers: { 'x-truemed-api-key': 'custom_key' } })).status).toBe(200);
      expect((await custom.fetch(url, { headers: KEY_HEADERS })).status).toBe(401);
    });
  });

  describe('invalid parameters', () => {
    it.each([
      ['page', 'page=0'],
      ['page', 'page=abc'],
      ['page', 'page=-1'],
      ['page_size', 'page_size=0'],
      ['page_size', 'page_size=1.5'],
      ['filter_pending', 'filter_pending=yes'],
      ['include_refunds', 'include_refunds=maybe'],
      ['created_on_start', 'created_on_start=yesterday'],
      ['captured_on_end', 'captured_on_end=2026-13-45'],
      ['kind', 'kind=subscription'],
      ['status', 'status=done'],
      ['status', 'status=,'],
      ['payment_token', 'payment_token=pt%20bad'],
      ['search', 'search=a%07b'],
      ['search', `search=${'x'.repeat(201)}`],
      ['page', 'page=1&page=2'],
    ])('answers 400 naming %s for %s', async (param, query) => {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'InvalidParameter', message: expect.stringContaining(param) });
    });
  });

  describe('routing', () => {
    it('answers 404 for another path', async () => {
      const response = await fetch(`${server.url}/payments/v1/payment_sessions/ps_123`, { headers: KEY_HEADERS });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'NotFound', message: expect.any(String) });
    });

    it('answers 405 with Allow: GET for another method', async () => {
      const response = await fetch(`${server.url}${PATH}`, { method: 'POST', headers: KEY_HEADERS, body: '{}' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
      expect(((await response.json()) as TruemedErrorWire).error).toBe('MethodNotAllowed');
    });

    it('answers JSON', async () => {
      expect((await get()).headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('request log', () => {
    it('records the URL and every header of each request', async () => {
      const before = api.requests.length;
      await fetch(`${server.url}${PATH}?page=2`, {
        headers: { ...KEY_HEADERS, cookie: 'session=abc', 'X-Trace-Id': 't-1' },
      });
      expect(api.requests).toHaveLength(before + 1);
      const recorded = api.requests.at(-1)!;
      expect(recorded.url).toBe(`${server.url}${PATH}?page=2`);
      expect(recorded.method).toBe('GET');
      expect(recorded.headers).toMatchObject({
        'x-truemed-api-key': FAKE_TRUEMED_API_KEY,
        cookie: 'session=abc',
        'x-trace-id': 't-1',
      });
    });

    it('records rejected requests too', async () => {
      const before = api.requests.length;
      await get({}, {});
      expect(api.requests).toHaveLength(before + 1);
      expect(api.requests.at(-1)!.headers).not.toHaveProperty('x-truemed-api-key');
    });
  });
});

describe('createFakeTruemedApi faults and latency', () => {
  let api: FakeTruemedApi;
  let server: FetchServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const listUrl = (origin = 'http://fake.test') => `${origin}${PATH}`;

  describe('setFailure', () => {
    it('answers with the injected status, headers and JSON body until cleared', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      server = await api.listen();
      api.setFailure({ status: 503, body: { error: 'Unavailable', message: 'down' }, headers: { 'retry-after': '7' } });
      const failed = await fetch(listUrl(server.url), { headers: KEY_HEADERS });
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('7');
      expect(await failed.json()).toEqual({ error: 'Unavailable', message: 'down' });

      api.setFailure(null);
      const recovered = await fetch(listUrl(server.url), { headers: KEY_HEADERS });
      expect(recovered.status).toBe(200);
      expect(((await recovered.json()) as TruemedListResponseWire).payment_sessions).toHaveLength(5);
    });

    it('sends a raw body as-is (e.g. broken JSON)', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      server = await api.listen();
      api.setFailure({ status: 200, rawBody: '{"payment_sessions": [', headers: { 'content-type': 'application/json' } });
      const response = await fetch(listUrl(server.url), { headers: KEY_HEADERS });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('{"payment_sessions": [');
    });

    it('gives a default error body when none is given', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      api.setFailure({ status: 500 });
      const response = await api.fetch(listUrl(), { headers: KEY_HEADERS });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    });

    it('drops the connection over HTTP on a network failure', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      server = await api.listen();
      api.setFailure({ kind: 'network' });
      await expect(fetch(listUrl(server.url), { headers: KEY_HEADERS })).rejects.toThrow(TypeError);
      api.setFailure(null);
      expect((await fetch(listUrl(server.url), { headers: KEY_HEADERS })).status).toBe(200);
    });

    it('rejects with a TypeError in handler mode on a network failure', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      api.setFailure({ kind: 'network' });
      await expect(api.handler(new Request(listUrl(), { headers: KEY_HEADERS }))).rejects.toThrow(TypeError);
    });
  });

  describe('latencyMs', () => {
    it('waits the given time before answering over HTTP', async () => {
      api = createFakeTruemedApi({ sessions: 5, latencyMs: 150 });
      server = await api.listen();
      const started = performance.now();
      const response = await fetch(listUrl(server.url), { headers: KEY_HEADERS });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('takes a function of the request', async () => {
      const slowPage = (request: Request) => (new URL(request.url).searchParams.get('page') === '2' ? 300 : 0);
      api = createFakeTruemedApi({ sessions: 5, latencyMs: slowPage });
      const time = async (query: string) => {
        const started = performance.now();
        await api.fetch(`${listUrl()}?${query}`, { headers: KEY_HEADERS });
        return performance.now() - started;
      };
      expect(await time('page=2')).toBeGreaterThanOrEqual(290);
      expect(await time('page=1')).toBeLessThan(250);
    });

    it('stops waiting and rejects with AbortError when the request is aborted', async () => {
      api = createFakeTruemedApi({ sessions: 5, latencyMs: 10_000 });
      const controller = new AbortController();
      const started = performance.now();
      const pending = api.handler(new Request(listUrl(), { headers: KEY_HEADERS, signal: controller.signal }));
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('rejects at once for an already-aborted request', async () => {
      api = createFakeTruemedApi({ sessions: 5 });
      const request = new Request(listUrl(), { headers: KEY_HEADERS, signal: AbortSignal.abort() });
      await expect(api.handler(request)).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('lets an HTTP client abort during the wait and keeps serving afterwards', async () => {
      api = createFakeTruemedApi({ sessions: 5, latencyMs: (request) => (request.url.includes('slow') ? 10_000 : 0) });
      server = await api.listen();
      const started = performance.now();
      await expect(
        fetch(`${listUrl(server.url)}?slow=1`, { headers: KEY_HEADERS, signal: AbortSignal.timeout(50) }),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await fetch(listUrl(server.url), { headers: KEY_HEADERS })).status).toBe(200);
    });
  });

  describe('custom sessions', () => {
    it('serves a given list newest first, whatever its order', async () => {
      const [a, b, c] = createFakeTruemedApi({ sessions: 3 }).records;
      api = createFakeTruemedApi({ sessions: [c!, a!, b!] });
      const body = (await (await api.fetch(listUrl(), { headers: KEY_HEADERS })).json()) as TruemedListResponseWire;
      expect(ids(body.payment_sessions)).toEqual([a!.id, b!.id, c!.id]);
    });

    it('summarizes only processed refunds (pending and failed ones are not counted)', async () => {
      const [record] = createFakeTruemedApi({ sessions: 1 }).records;
      const refunds = [
        { id: 'rf_1', amount: 2000, status: 'succeeded' },
        { id: 'rf_2', amount: 3000, status: 'pending' },
        { id: 'rf_3', amount: 500, status: 'failed' },
      ];
      api = createFakeTruemedApi({ sessions: [{ ...record!, refunds }] });
      const body = (await (await api.fetch(`${listUrl()}?summarize_refunds=true`, { headers: KEY_HEADERS })).json()) as TruemedListResponseWire;
      expect(body.payment_sessions[0]!.refund_amount).toBe(2000);
      // The same figure the mapper sums from the refund list without the flag.
      const listed = (await (await api.fetch(listUrl(), { headers: KEY_HEADERS })).json()) as TruemedListResponseWire;
      expect(mapTruemedSession(listed.payment_sessions[0]!)).toMatchObject({ ok: true, value: { refundedAmount: { amountMinor: 2000 } } });
    });

    it('summarizes a record that only has refund_amount', async () => {
      const [record] = createFakeTruemedApi({ sessions: 1 }).records;
      const { refunds: _refunds, ...withoutRefunds } = record!;
      api = createFakeTruemedApi({ sessions: [{ ...withoutRefunds, refund_amount: 1234 }] });
      const body = (await (await api.fetch(`${listUrl()}?summarize_refunds=true`, { headers: KEY_HEADERS })).json()) as TruemedListResponseWire;
      expect(body.payment_sessions[0]!.refund_amount).toBe(1234);
    });

    it('generates a dataset from the seed', () => {
      const one = createFakeTruemedApi({ sessions: 20, seed: 3 }).records;
      expect(createFakeTruemedApi({ sessions: 20, seed: 3 }).records).toEqual(one);
      expect(createFakeTruemedApi({ sessions: 20, seed: 4 }).records).not.toEqual(one);
    });
  });
});
