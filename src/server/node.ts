/**
 * `toNodeHandler`: serves a Fetch-API handler (such as `createTruemedProxy`'s) from Node's `http` module or
 * Express. Node types are imported as types only, so this module loads on edge runtimes too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from './proxy';

/** A `node:http` request listener; also an Express middleware (Express's `next` is not needed). */
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Called when the handler rejects or its response cannot be read; the client then gets a 500. The
   * proxy's own handler never rejects, so this only fires for other handlers.
   * @defaultValue logs with `console.error`
   */
  onError?: (error: unknown) => void;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
/** A host (and optional port) as it may appear in a URL: no `/`, `@`, `?` or spaces that would bend it. */
const VALID_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * Adapts a Fetch-API handler to `(req, res)`. The `Request` it builds has the URL from the `Host` header
 * and `req.originalUrl ?? req.url` (so a handler mounted in an Express router sees the full path), the
 * method and headers as received, and a `signal` that aborts when the client closes the connection — the
 * proxy then aborts its Truemed call. The body of a request other than GET and HEAD is streamed to the
 * handler as it arrives (the proxy's write routes read at most 16 KiB of it); when a body parser mounted
 * earlier has consumed it, its `req.body` is passed on instead (a string or a Buffer as it is, a parsed
 * value as JSON). The response body is buffered, which suits the proxy's small JSON answers.
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createTruemedProxy, toNodeHandler } from 'react-payment-sessions/server';
 *
 * const proxy = createTruemedProxy({ apiKey: process.env.TRUEMED_API_KEY!, authorize: isSignedIn });
 * app.get('/api/payment-sessions', toNodeHandler(proxy)); // Express
 * createServer(toNodeHandler(proxy)).listen(3000);        // node:http
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeRequestHandler {
  const onError = options.onError ?? ((error: unknown) => console.error('[react-payment-sessions] handler failed:', error));
  return (req, res) => {
    // Last line of defence: a rejection here would be unhandled, and Node exits on one by default.
    serve(handler, req, res, onError).catch((error: unknown) => {
      safely(() => onError(error));
      safely(() => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, JSON_HEADERS);
          res.end(JSON.stringify({ error: 'InternalError', message: 'The server failed to answer.' }));
        } else {
          res.destroy();
        }
      });
    });
  };
}

async function serve(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  onError: (error: unknown) => void,
): Promise<void> {
  const clientGone = new AbortController();
  // `res` (not `req`) closes when the connection goes; `writableFinished` tells a normal end from a hang-up.
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort(new DOMException('The client closed the connection.', 'AbortError'));
  });

  const request = toFetchRequest(req, clientGone.signal);
  if (request instanceof Response) return writeResponse(request, new Uint8Array(await request.arrayBuffer()), res);

  let response: Response;
  let body: Uint8Array;
  try {
    response = await handler(request);
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (clientGone.signal.aborted) return;
    onError(error);
    response = errorResponse(500, 'InternalError', 'The server failed to answer.');
    body = new Uint8Array(await response.arrayBuffer());
  }
  writeResponse(response, body, res);
}

/** The Fetch `Request` for a Node request, or the error `Response` to send when none can be built. */
function toFetchRequest(req: IncomingMessage, signal: AbortSignal): Request | Response {
  const method = req.method ?? 'GET';
  const host = req.headers.host ?? 'localhost';
  if (!VALID_HOST.test(host)) return errorResponse(400, 'BadRequest', 'The Host header is not a valid host.');
  // Node's TLS sockets carry `encrypted`; a proxy's `x-forwarded-proto` is not trusted.
  const scheme = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true ? 'https' : 'http';
  // Express sets `originalUrl`; plain node:http only has `url`.
  const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  // Origin-form targets only: an absolute-form or `*` target must not change the URL's origin.
  const path = target.startsWith('/') ? target : '/';

  const headers = new Headers();
  const raw = req.rawHeaders;
  try {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as string;
      // HTTP/2 pseudo-headers (`:path`) are not headers for the Fetch API.
      if (!name.startsWith(':')) headers.append(name, raw[i + 1] as string);
    }
  } catch {
    // Node accepts header bytes the Fetch API refuses (control characters under `insecureHTTPParser`, a
    // name with characters outside the token set): the client's request is malformed, not the server.
    return errorResponse(400, 'BadRequest', 'A request header could not be read.');
  }
  try {
    const body = method === 'GET' || method === 'HEAD' ? undefined : requestBody(req);
    // `duplex: 'half'` is how the Fetch API takes a streamed request body.
    const init = { method, headers, signal, ...(body === undefined ? {} : { body, duplex: 'half' }) } as RequestInit;
    return new Request(`${scheme}://${host}${path}`, init);
  } catch {
    // `new Request` refuses CONNECT/TRACE/TRACK and malformed targets.
    return method === 'GET' || method === 'HEAD'
      ? errorResponse(400, 'BadRequest', 'The request could not be read.')
      : errorResponse(405, 'MethodNotAllowed', `${method} is not allowed here; use GET.`, { allow: 'GET, HEAD' });
  }
}

/**
 * The request's body for the Fetch API. Read as the handler pulls it, so a handler that stops early (the
 * proxy past its cap) leaves the rest unread; Node drains or closes the connection after the answer.
 */
function requestBody(req: IncomingMessage): BodyInit | undefined {
  // Express's body parsers leave the stream consumed and the result here.
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (typeof parsed === 'string') return parsed;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  if (parsed !== undefined && (req.readableEnded || !req.readable)) return JSON.stringify(parsed);
  if (req.readableEnded) return undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer | string) => {
        if (done) return;
        controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
        // Hold the socket back until the handler asks for more.
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (done) return;
        done = true;
        controller.close();
      });
      req.once('error', (error) => {
        if (done) return;
        done = true;
        controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      // Let Node discard the rest rather than buffer it.
      req.resume();
    },
  });
}

function writeResponse(response: Response, body: Uint8Array, res: ServerResponse): void {
  if (res.destroyed || res.headersSent) return;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  // `forEach` joins several Set-Cookie headers with commas, which breaks them; keep them separate.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(body.byteLength > 0 ? body : undefined);
}

function errorResponse(status: number, error: string, message: string, extra?: Record<string, string>): Response {
  return new Response(JSON.stringify({ error, message }), { status, headers: { ...JSON_HEADERS, ...extra } });
}

/** Runs `action`, ignoring what it throws: used only where a throw has nowhere left to go. */
function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing more can be done for this request; the host process must keep running.
  }
}
