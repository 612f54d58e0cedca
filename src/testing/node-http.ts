/**
 * Serves a Fetch-API handler over a real `node:http` server, for the fakes' `listen()`. Internal and
 * minimal on purpose (the server entry has its own `toNodeHandler`). `node:http` is imported lazily so that
 * a browser bundle of `./testing` can import this module without loading Node built-ins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request handler in the Fetch API's terms. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Where to listen. */
export interface ServeOptions {
  /** `0` picks a free port. @defaultValue 0 */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
}

/** A running server. */
export interface FetchServer {
  /** Origin to send requests to, e.g. `http://127.0.0.1:53124`. */
  url: string;
  /** Stops accepting connections and drops open ones. */
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server that turns each incoming request into a Fetch `Request` (whose `signal`
 * aborts when the client goes away) and writes the handler's `Response` back.
 *
 * A handler that rejects is treated as a dropped connection: the socket is destroyed without a response.
 * That is how the fakes simulate network failures, and it keeps a thrown error from looking like an HTTP
 * answer.
 */
export async function serveFetchHandler(handler: FetchHandler, options: ServeOptions = {}): Promise<FetchServer> {
  const { port = 0, host = '127.0.0.1' } = options;
  const { createServer } = await import('node:http');
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    void respond(handler, incoming, outgoing, origin);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  origin = `http://${hostInUrl}:${boundPort}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets held by fetch clients would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

async function respond(handler: FetchHandler, incoming: IncomingMessage, outgoing: ServerResponse, origin: string): Promise<void> {
  const clientGone = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) clientGone.abort();
  });
  try {
    const request = await toRequest(incoming, origin, clientGone.signal);
    const response = await handler(request);
    await writeResponse(response, outgoing);
  } catch {
    outgoing.destroy();
  }
}

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const method = incoming.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Uint8Array);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, body, signal });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') outgoing.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader('set-cookie', cookies);
  const body = response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
  await new Promise<void>((resolve) => outgoing.end(body, resolve));
}
