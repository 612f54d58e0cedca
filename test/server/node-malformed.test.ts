/**
 * A request Node accepts but the Fetch API cannot represent must be a 400 for that client, never an
 * unhandled rejection: Node exits the whole host process on one by default.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTruemedProxy, toNodeHandler } from 'react-payment-sessions/server';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sends raw bytes (no client library would send them) and resolves with the whole answer. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes, 'latin1'));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    // A hung request (what the unfixed adapter did) ends the wait with what arrived, so the test fails fast.
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('close', () => resolve(answer));
  });
}

/** Listens on a free port of 127.0.0.1 and closes the server (and its connections) after the test. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return (server.address() as AddressInfo).port;
}

describe('toNodeHandler given a header the Fetch API refuses', () => {
  it.each([
    ['a NUL in a header value', 'x-note: a\u0000b'],
    ['a NUL in the only cookie', 'cookie: session=\u0000'],
  ])('answers 400 for %s under insecureHTTPParser, without an unhandled rejection', async (_name, header) => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    cleanups.push(() => void process.off('unhandledRejection', onRejection));

    let upstreamCalls = 0;
    const proxy = createTruemedProxy({
      apiKey: 'tm_test_node_malformed_KEY',
      authorize: () => true,
      fetch: async () => {
        upstreamCalls += 1;
        return Response.json({ payment_sessions: [], pagination: null });
      },
    });
    const errors: unknown[] = [];
    const server = createServer({ insecureHTTPParser: true }, toNodeHandler(proxy, { onError: (error) => errors.push(error) }));
    const port = await listen(server);

    const answer = await rawRequest(port, `GET /api/payment-sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\nConnection: close\r\n\r\n`);
    // Give a rejection, if there were one, the turn it needs to be reported.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error":"BadRequest"');
    expect(rejections).toEqual([]);
    expect(upstreamCalls).toBe(0);

    // The same server still serves the next, well-formed request.
    const next = await rawRequest(port, 'GET /api/payment-sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(next).toMatch(/^HTTP\/1\.1 200 /);
    expect(upstreamCalls).toBe(1);
  });

  it('answers 500 rather than crashing when onError itself throws for a failing handler', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    cleanups.push(() => void process.off('unhandledRejection', onRejection));

    const handler = toNodeHandler(
      async () => {
        throw new Error('handler failed');
      },
      {
        onError: () => {
          throw new Error('logger failed too');
        },
      },
    );
    const server = createServer(handler);
    const port = await listen(server);

    const answer = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answer).toMatch(/^HTTP\/1\.1 500 /);
    expect(rejections).toEqual([]);
  });
});
