/**
 * The proxy reads Truemed's body with a cap counted after decompression: a small gzip "bomb" must not
 * inflate into hundreds of megabytes in the host's memory. Real HTTP, real `fetch` (undici), real gzip.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTruemedProxy, type TruemedProxyErrorInfo } from 'react-payment-sessions/server';
import { gzipBomb } from '../support/gzip-bomb.mjs';

const MiB = 1024 * 1024;
const BOMB_DECODED_BYTES = 256 * MiB;
let bomb: Buffer;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function upstream(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function serveGzip(body: Buffer): RequestListener {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(body);
  };
}

beforeAll(async () => {
  bomb = await gzipBomb(BOMB_DECODED_BYTES);
}, 60_000);

describe('createTruemedProxy given a gzip bomb from Truemed', () => {
  it('answers 502 UpstreamResponseTooLarge and never holds the inflated body', async () => {
    const baseUrl = await upstream(serveGzip(bomb));
    const errors: TruemedProxyErrorInfo[] = [];
    const proxy = createTruemedProxy({ apiKey: 'tm_test_bomb_KEY', authorize: () => true, baseUrl, onError: (e) => errors.push(e) });

    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const response = await proxy(new Request('https://portal.example/api/payment-sessions'));
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

    const growthMiB = (rssPeak - rssBefore) / MiB;
    console.warn(
      `gzip bomb: ${(bomb.length / 1024).toFixed(0)} kB gzip → ${BOMB_DECODED_BYTES / MiB} MiB decoded; ` +
        `proxy answered ${response.status} in ${elapsedMs.toFixed(0)} ms, RSS ${(rssBefore / MiB).toFixed(0)} → peak ` +
        `${(rssPeak / MiB).toFixed(0)} MiB (+${growthMiB.toFixed(0)} MiB)`,
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: 'UpstreamResponseTooLarge',
      message: 'The payment provider sent an answer too large to handle.',
      upstreamStatus: 200,
    });
    expect(errors.map((e) => e.reason)).toEqual(['upstream_too_large']);
    // Unbounded, the proxy held the 256 MiB body as a string and more (1.9 GB RSS was seen).
    expect(growthMiB).toBeLessThan(96);
  });

  it('honours a smaller maxResponseBytes and still passes a body under it, decoded', async () => {
    const json = JSON.stringify({ payment_sessions: [{ id: 'ps_1', note: 'x'.repeat(2000) }], pagination: null });
    const small = await new Promise<Buffer>((resolve) => {
      const gzip = createGzip();
      const parts: Buffer[] = [];
      gzip.on('data', (p: Buffer) => parts.push(p));
      gzip.on('end', () => resolve(Buffer.concat(parts)));
      gzip.end(json);
    });
    const baseUrl = await upstream(serveGzip(small));
    const request = () => new Request('https://portal.example/api/payment-sessions');
    const under = createTruemedProxy({ apiKey: 'k', authorize: () => true, baseUrl, maxResponseBytes: json.length });
    expect((await under(request())).status).toBe(200);
    // The cap counts decoded bytes: the gzip is far smaller than this cap, the JSON is not.
    expect(small.length).toBeLessThan(json.length - 1);
    const over = createTruemedProxy({ apiKey: 'k', authorize: () => true, baseUrl, maxResponseBytes: json.length - 1 });
    const response = await over(request());
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'UpstreamResponseTooLarge' });
  });

  it('refuses a maxResponseBytes that is not a positive whole number', () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createTruemedProxy({ apiKey: 'k', authorize: () => true, maxResponseBytes })).toThrow(/maxResponseBytes/);
    }
  });
});
