import { afterEach, describe, expect, it } from 'vitest';
import { serveFetchHandler, type FetchServer } from '../../src/testing/node-http';

let server: FetchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('serveFetchHandler', () => {
  it('listens on 127.0.0.1 with a free port', async () => {
    server = await serveFetchHandler(async () => new Response('ok'));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(server.url).port).not.toBe('0');
  });

  it('hands the handler the method, full URL, headers and body of the request', async () => {
    server = await serveFetchHandler(async (request) =>
      Response.json({
        method: request.method,
        url: request.url,
        custom: request.headers.get('x-custom'),
        body: await request.text(),
      }),
    );
    const response = await fetch(`${server.url}/some/path?a=1&b=%C3%A9`, {
      method: 'POST',
      headers: { 'x-custom': 'value', 'content-type': 'text/plain' },
      body: 'héllo',
    });
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${server.url}/some/path?a=1&b=%C3%A9`,
      custom: 'value',
      body: 'héllo',
    });
  });

  it('writes the status, headers (several set-cookie included) and body of the response', async () => {
    server = await serveFetchHandler(async () => {
      const headers = new Headers({ 'content-type': 'application/json', 'x-answer': '42' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('{"teapot":true}', { status: 418, headers });
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(418);
    expect(response.headers.get('x-answer')).toBe('42');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ teapot: true });
  });

  it('answers a null-body status without a body', async () => {
    server = await serveFetchHandler(async () => new Response(null, { status: 204 }));
    const response = await fetch(server.url);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('drops the connection when the handler rejects', async () => {
    server = await serveFetchHandler(async () => {
      throw new Error('boom');
    });
    await expect(fetch(server.url)).rejects.toThrow(TypeError);
  });

  it("aborts the request's signal when the client goes away", async () => {
    let signalAborted: Promise<boolean> | undefined;
    let handlerStarted!: () => void;
    const started = new Promise<void>((resolve) => (handlerStarted = resolve));
    server = await serveFetchHandler((request) => {
      signalAborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve(true)));
      handlerStarted();
      return new Promise<Response>(() => {}); // never answers on its own
    });
    const client = new AbortController();
    const pending = fetch(server.url, { signal: client.signal });
    await started;
    client.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(signalAborted).resolves.toBe(true);
  });

  it('closes even while a keep-alive connection is open, then refuses connections', async () => {
    server = await serveFetchHandler(async () => new Response('ok'));
    const { url } = server;
    expect(await (await fetch(url)).text()).toBe('ok');
    await server.close();
    server = undefined;
    await expect(fetch(url)).rejects.toThrow(TypeError);
  });
});
