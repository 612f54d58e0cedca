/**
 * The write routes over real HTTP: the browser's POST through `toNodeHandler`, the proxy's call to a
 * stand-in Truemed on 127.0.0.1, real `fetch` (undici) errors for a refused connection and a timeout.
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  createTruemedProxy,
  toNodeHandler,
  type TruemedProxyActionEvent,
  type TruemedProxyErrorInfo,
  type TruemedProxyOptions,
} from 'react-payment-sessions/server';
import { serversClosedAfterEach } from '../support/node-server';

const API_KEY = 'tm_live_actions_http_0a9b8c7d6e5f_KEY';

const { listen } = serversClosedAfterEach();

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface UpstreamRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

type UpstreamAnswer = (req: IncomingMessage, res: Parameters<RequestListener>[1], body: string) => void;

const answerOk: UpstreamAnswer = (req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(req.url === '/payments/v1/refund' ? { refund_id: 'rf_http', client_secret: 'cs_x' } : { id: 'cap_http' }));
};

/** A stand-in Truemed that records each request with its body. */
async function truemed(answer: UpstreamAnswer = answerOk) {
  const requests: UpstreamRequest[] = [];
  const server = await listen((req, res) => {
    void readAll(req).then((body) => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res, body);
    });
  });
  return { ...server, requests };
}

async function portal(baseUrl: string, options: Partial<TruemedProxyOptions> = {}, wrap?: (node: RequestListener) => RequestListener) {
  const events: TruemedProxyActionEvent[] = [];
  const errors: TruemedProxyErrorInfo[] = [];
  const proxy = createTruemedProxy({
    apiKey: API_KEY,
    baseUrl,
    actions: ['refund', 'capture', 'void', 'cancel'],
    authorize: (request) => request.headers.get('cookie') === 'role=admin',
    onAction: (event) => events.push(event),
    onError: (info) => errors.push(info),
    ...options,
  });
  const node = toNodeHandler(proxy);
  const server = await listen(wrap ? wrap(node) : node);
  /** A same-origin POST as the browser client sends it. */
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/truemed${path}`, {
      method: 'POST',
      headers: {
        origin: server.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        cookie: 'role=admin',
        ...headers,
      },
      body,
    });
  return { server, post, events, errors };
}

const REFUND = { payment_id: 'ps_1', amount: 1200, reason: 'duplicate_payment', idempotency_key: 'idem-1', extra: 'dropped' };

describe('write routes over real HTTP', () => {
  it('forwards a refund: the body rebuilt, the key and the idempotency key added, the answer stripped of secrets', async () => {
    const upstream = await truemed();
    const { post, events } = await portal(upstream.url);
    const response = await post('/payments/v1/refund', JSON.stringify(REFUND));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ refund_id: 'rf_http' });
    expect(upstream.requests).toHaveLength(1);
    const [request] = upstream.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/payments/v1/refund');
    expect(JSON.parse(request!.body)).toEqual({ payment_id: 'ps_1', amount: 1200, reason: 'duplicate_payment', idempotency_key: 'idem-1' });
    expect(request!.headers['x-truemed-api-key']).toBe(API_KEY);
    expect(request!.headers['idempotency-key']).toBe('idem-1');
    expect(request!.headers.cookie).toBeUndefined();
    expect(events).toMatchObject([{ action: 'refund', outcome: 'succeeded', status: 200, resultId: 'rf_http', amountMinor: 1200 }]);
  });

  it('forwards a capture to the session’s path', async () => {
    const upstream = await truemed();
    const { post } = await portal(upstream.url);
    const response = await post('/payments/v1/payment_session/ps_7/capture', JSON.stringify({ total_amount: 700, idempotency_key: 'c-1' }));
    expect(await response.json()).toEqual({ id: 'cap_http' });
    expect(upstream.requests.map((r) => [r.url, JSON.parse(r.body)])).toEqual([
      ['/payments/v1/payment_session/ps_7/capture', { total_amount: 700, idempotency_key: 'c-1' }],
    ]);
  });

  it('passes Truemed’s 400 code and message on', async () => {
    const upstream = await truemed((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'ChargeDisputed', message: 'A dispute is open.' }));
    });
    const { post, events } = await portal(upstream.url);
    const response = await post('/payments/v1/refund', JSON.stringify(REFUND));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'ChargeDisputed', message: 'A dispute is open.' });
    expect(events).toMatchObject([{ outcome: 'rejected', code: 'ChargeDisputed' }]);
  });

  it('refuses a viewer (403), a foreign page (403) and a form post (415) without calling Truemed', async () => {
    const upstream = await truemed();
    const { post } = await portal(upstream.url);
    expect((await post('/payments/v1/refund', JSON.stringify(REFUND), { cookie: 'role=viewer' })).status).toBe(403);
    expect((await post('/payments/v1/refund', JSON.stringify(REFUND), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/payments/v1/refund', JSON.stringify(REFUND), { 'content-type': 'text/plain' })).status).toBe(415);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a 1 MiB body with 400 and still answers on the connection', async () => {
    const upstream = await truemed();
    const { post } = await portal(upstream.url);
    const response = await post('/payments/v1/refund', JSON.stringify({ ...REFUND, pad: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'InvalidBody' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 504 with outcome unknown when Truemed takes the write and never answers', async () => {
    const upstream = await truemed(() => {
      // Never answers: the write may have been done.
    });
    const { post, events } = await portal(upstream.url, { timeoutMs: 150 });
    const response = await post('/payments/v1/payment_session/ps_1/void', JSON.stringify({ idempotency_key: 'v-1' }));
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: 'UpstreamTimeout', outcome: 'unknown' });
    expect(upstream.requests).toHaveLength(1);
    expect(events).toMatchObject([{ action: 'void', outcome: 'unknown', status: 504, idempotencyKey: 'v-1' }]);
  });

  it('answers 502 for a refused connection, and the audit says it failed (nothing happened)', async () => {
    const closed = await listen(() => {});
    const deadUrl = closed.url;
    await closed.close();
    const { post, events, errors } = await portal(deadUrl);
    const response = await post('/payments/v1/payment_session/ps_1/cancel', JSON.stringify({ idempotency_key: 'x-1' }));
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'UpstreamUnavailable' });
    expect(body.outcome).toBeUndefined();
    expect(events).toMatchObject([{ action: 'cancel', outcome: 'failed', status: 502 }]);
    expect(errors).toMatchObject([{ reason: 'upstream_unreachable' }]);
  });

  it('takes a body an Express body parser already read (req.body)', async () => {
    const upstream = await truemed();
    const { post } = await portal(upstream.url, {}, (node) => (req, res) => {
      // What express.json() leaves behind: the stream consumed, the parsed value on req.body.
      void readAll(req).then((text) => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
        node(req, res);
      });
    });
    const response = await post('/payments/v1/refund', JSON.stringify(REFUND));
    expect(response.status).toBe(200);
    expect(JSON.parse(upstream.requests[0]!.body)).toMatchObject({ payment_id: 'ps_1', amount: 1200 });
  });

  it('never shows the key in any answer or audit event', async () => {
    const upstream = await truemed((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-echo': API_KEY });
      res.end(JSON.stringify({ error: 'AmountInvalid', message: `key ${API_KEY}` }));
    });
    const { post, events, errors } = await portal(upstream.url);
    const response = await post('/payments/v1/refund', JSON.stringify(REFUND));
    const visible = [
      await response.text(),
      ...[...response.headers].flat(),
      JSON.stringify(events.map(({ request: _request, ...rest }) => rest)),
      JSON.stringify(errors),
    ].join('\n');
    expect(response.status).toBe(400);
    expect(visible).not.toContain(API_KEY);
  });
});
