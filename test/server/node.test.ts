import { request as httpRequest, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTruemedProxy, toNodeHandler, type TruemedProxyErrorInfo } from 'react-payment-sessions/server';
import { serversClosedAfterEach } from '../support/node-server';

const API_KEY = 'tm_live_node_adapter_KEY_5a4b3c2d1e';

const { listen } = serversClosedAfterEach();

interface UpstreamRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

/** A stand-in Truemed over real HTTP that records what reached it; `answer` may leave a request hanging. */
async function recordingUpstream(answer: RequestListener = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ payment_sessions: [{ id: 'ps_1', client_secret: 'pi_secret_x' }], pagination: null }));
}) {
  const requests: UpstreamRequest[] = [];
  const server = await listen((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    answer(req, res);
  });
  return { ...server, requests };
}

/** Resolves the first time `predicate` holds, polling briefly; fails the test after `ms`. */
async function eventually(predicate: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('toNodeHandler over real HTTP', () => {
  it('serves the proxy: JSON answer, safe headers, secrets stripped, only accept and the key upstream', async () => {
    const upstream = await recordingUpstream();
    const seenUrls: string[] = [];
    const proxy = createTruemedProxy({
      apiKey: API_KEY,
      baseUrl: upstream.url,
      authorize: (request) => {
        seenUrls.push(request.url);
        return request.headers.get('cookie') === 'session=ok';
      },
    });
    const server = await listen(toNodeHandler(proxy));

    const response = await fetch(`${server.url}/api/payment-sessions?page=2&junk=1`, {
      headers: {
        accept: 'application/json',
        cookie: 'session=ok',
        authorization: 'Bearer user-jwt',
        'x-forwarded-for': '198.51.100.7',
        'x-truemed-api-key': 'client-guess',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual({ payment_sessions: [{ id: 'ps_1' }], pagination: null });

    // The handler saw the URL as the browser sent it (Host header + path).
    expect(seenUrls).toEqual([`${server.url}/api/payment-sessions?page=2&junk=1`]);

    expect(upstream.requests).toHaveLength(1);
    const [sent] = upstream.requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe('/payments/v1/payment_sessions?page=2');
    expect(sent?.headers['x-truemed-api-key']).toBe(API_KEY);
    expect(sent?.headers.accept).toBe('application/json');
    for (const name of ['cookie', 'authorization', 'x-forwarded-for']) expect(sent?.headers[name]).toBeUndefined();
  });

  it('answers 401 over HTTP without reaching upstream', async () => {
    const upstream = await recordingUpstream();
    const proxy = createTruemedProxy({ apiKey: API_KEY, baseUrl: upstream.url, authorize: () => false });
    const server = await listen(toNodeHandler(proxy));
    const response = await fetch(`${server.url}/api/payment-sessions`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Unauthorized' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers POST with 405 and HEAD with headers only', async () => {
    const upstream = await recordingUpstream();
    const proxy = createTruemedProxy({ apiKey: API_KEY, baseUrl: upstream.url, authorize: () => true });
    const server = await listen(toNodeHandler(proxy));

    const post = await fetch(`${server.url}/api/payment-sessions`, { method: 'POST', body: '{"page":1}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');

    const head = await fetch(`${server.url}/api/payment-sessions`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('aborts the upstream call when the browser goes away', async () => {
    let upstreamClosed = false;
    // Truemed that never answers; we watch for the proxy hanging up on it.
    const upstream = await recordingUpstream((_req, res) => {
      res.on('close', () => (upstreamClosed = true));
    });
    const errors: TruemedProxyErrorInfo[] = [];
    const proxy = createTruemedProxy({
      apiKey: API_KEY,
      baseUrl: upstream.url,
      authorize: () => true,
      timeoutMs: 30_000,
      onError: (info) => errors.push(info),
    });
    const server = await listen(toNodeHandler(proxy));

    const browser = new AbortController();
    const pending = fetch(`${server.url}/api/payment-sessions`, { signal: browser.signal });
    await eventually(() => upstream.requests.length === 1);
    expect(upstreamClosed).toBe(false);
    browser.abort();
    await expect(pending).rejects.toThrow();
    await eventually(() => upstreamClosed);
    expect(errors).toEqual([]);
  });

  it('answers 504 when upstream hangs past timeoutMs, and hangs up on it', async () => {
    let upstreamClosed = false;
    const upstream = await recordingUpstream((_req, res) => {
      res.on('close', () => (upstreamClosed = true));
    });
    const proxy = createTruemedProxy({ apiKey: API_KEY, baseUrl: upstream.url, authorize: () => true, timeoutMs: 50 });
    const server = await listen(toNodeHandler(proxy));
    const response = await fetch(`${server.url}/api/payment-sessions`);
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: 'UpstreamTimeout' });
    await eventually(() => upstreamClosed);
  });

  it('answers 502 when upstream refuses connections', async () => {
    // A port that was just free: bind, note it, close.
    const gone = await listen(() => {});
    await gone.close();
    const proxy = createTruemedProxy({ apiKey: API_KEY, baseUrl: gone.url, authorize: () => true });
    const server = await listen(toNodeHandler(proxy));
    const response = await fetch(`${server.url}/api/payment-sessions`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'UpstreamUnavailable' });
  });

  it('uses Express’s originalUrl when a router stripped the mount path', async () => {
    const seen: string[] = [];
    const handler = toNodeHandler(async (request) => {
      seen.push(new URL(request.url).pathname);
      return new Response('ok');
    });
    const server = await listen((req, res) => {
      // What Express does for a router mounted at /api: `url` is relative, `originalUrl` is the full path.
      Object.assign(req, { originalUrl: req.url, url: (req.url ?? '/').replace(/^\/api/, '') });
      handler(req, res);
    });
    await fetch(`${server.url}/api/payment-sessions?page=3`);
    expect(seen).toEqual(['/api/payment-sessions']);
  });

  it('writes status, every header and several Set-Cookie values back', async () => {
    const server = await listen(
      toNodeHandler(async () => {
        const headers = new Headers({ 'x-custom': 'yes', 'content-type': 'text/plain' });
        headers.append('set-cookie', 'a=1; Path=/');
        headers.append('set-cookie', 'b=2; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT');
        return new Response('créé', { status: 201, headers });
      }),
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT']);
    expect(await response.text()).toBe('créé');
  });

  it('answers 500 and reports when a handler rejects', async () => {
    const reported: unknown[] = [];
    const failure = new Error('boom');
    const server = await listen(
      toNodeHandler(
        async () => {
          throw failure;
        },
        { onError: (error) => reported.push(error) },
      ),
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'InternalError', message: 'The server failed to answer.' });
    expect(reported).toEqual([failure]);
  });

  it('refuses a Host header that would bend the request URL', async () => {
    let called = false;
    const server = await listen(
      toNodeHandler(async () => {
        called = true;
        return new Response('ok');
      }),
    );
    const { port } = new URL(server.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/x', headers: { host: 'evil.example/@other' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(called).toBe(false);
  });
});
