// The demo merchant portal's backend: serves the built page and its one data route, the secure proxy.
// It is a real host of the published entry points: it imports 'react-payment-sessions/server' and
// '/testing' exactly as a merchant's server would (resolved to dist/ through package.json "exports").
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTruemedProxy, toNodeHandler } from 'react-payment-sessions/server';
import { createFakeTruemedApi } from 'react-payment-sessions/testing';

const SESSION_COOKIE = 'rps_demo_session';
// A hint the page can read (no secret in it) so a signed-in reload starts loading sessions at once instead
// of asking /api/me first; the HttpOnly session cookie is still what the proxy checks.
const SIGNED_IN_HINT = 'rps_demo_signed_in=1; SameSite=Strict; Path=/';
const SIGNED_OUT_HINT = 'rps_demo_signed_in=; SameSite=Strict; Path=/; Max-Age=0';
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Starts the portal on 127.0.0.1.
 * @param {{ port?: number, host?: string, staticDir?: string, latencyMs?: number, quiet?: boolean }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void>, setUpstreamFailure(failure: object | null): void }>}
 */
export async function startDemoServer(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const staticDir = resolve(options.staticDir ?? fileURLToPath(new URL('./dist', import.meta.url)));
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The demo page is not built (${staticDir}/index.html missing): run "npm run build:demo".`);
  }

  // Upstream: the real Truemed API when both variables are set, else the embedded fake over real HTTP.
  const realKey = process.env.TRUEMED_API_KEY;
  const realBaseUrl = process.env.TRUEMED_BASE_URL;
  const useReal = Boolean(realKey && realBaseUrl);
  let fake;
  let fakeServer;
  let apiKey = realKey;
  let baseUrl = realBaseUrl;
  if (!useReal) {
    apiKey = `demo_${randomBytes(16).toString('hex')}`; // a fresh key per run, so tests can look for it
    fake = createFakeTruemedApi({ sessions: 240, seed: 42, apiKey, latencyMs: options.latencyMs ?? 0 });
    fakeServer = await fake.listen(0);
    baseUrl = fakeServer.url;
  }

  const signedIn = new Set();
  const sessionOf = (request) => {
    const cookie = request.headers.get('cookie') ?? '';
    const match = cookie.split(/;\s*/).find((part) => part.startsWith(`${SESSION_COOKIE}=`));
    return match?.slice(SESSION_COOKIE.length + 1);
  };
  const isSignedIn = (token) => {
    if (typeof token !== 'string') return false;
    const given = Buffer.from(token);
    return [...signedIn].some((known) => {
      const expected = Buffer.from(known);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  };

  const proxy = createTruemedProxy({
    apiKey,
    baseUrl,
    // The host's own session check: only a signed-in merchant reaches Truemed through this route.
    authorize: (request) => isSignedIn(sessionOf(request)),
    onError: (info) => {
      if (!options.quiet) console.warn(`[demo] proxy: ${info.reason} (${info.status}) ${info.message}`);
    },
  });
  const proxyRoute = toNodeHandler(proxy);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    // The browser's fetcher calls /api/truemed/payments/v1/payment_sessions; the proxy ignores the path.
    if (url.pathname.startsWith('/api/truemed/')) return proxyRoute(req, res);

    if (url.pathname === '/api/login' && req.method === 'POST') {
      const token = randomBytes(24).toString('base64url');
      signedIn.add(token);
      return send(200, { signedIn: true }, { 'set-cookie': [`${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, SIGNED_IN_HINT] });
    }
    if (url.pathname === '/api/logout' && req.method === 'POST') {
      const token = sessionOf(new Request('http://x', { headers: { cookie: req.headers.cookie ?? '' } }));
      if (token) signedIn.delete(token);
      return send(200, { signedIn: false }, { 'set-cookie': [`${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`, SIGNED_OUT_HINT] });
    }
    if (url.pathname === '/api/me') {
      const token = sessionOf(new Request('http://x', { headers: { cookie: req.headers.cookie ?? '' } }));
      const signedInNow = isSignedIn(token);
      // A stale hint (the server restarted, the session ended) is cleared here.
      return send(200, { signedIn: signedInNow, upstream: useReal ? 'truemed' : 'fake' }, signedInNow ? {} : { 'set-cookie': SIGNED_OUT_HINT });
    }
    // Fault injection for the demo's own end-to-end tests; only the embedded fake has it.
    if (url.pathname === '/__demo/upstream-failure' && req.method === 'POST' && fake) {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        try {
          fake.setFailure(body ? JSON.parse(body) : null);
          send(204);
        } catch {
          send(400, { error: 'InvalidBody', message: 'Send a JSON failure or nothing.' });
        }
      });
      return;
    }
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/__demo/')) {
      return send(404, { error: 'NotFound', message: 'No such route.' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'MethodNotAllowed', message: 'GET only.' }, { allow: 'GET, HEAD' });
    return serveStatic(staticDir, url.pathname, req, res);
  });

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolveListen);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}`;
  return {
    url,
    upstream: useReal ? 'truemed' : 'fake',
    /** For tests: the key the proxy holds (the fake's, never a real one). */
    apiKeyForTests: useReal ? undefined : apiKey,
    setUpstreamFailure: (failure) => fake?.setFailure(failure),
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(() => done()));
      await fakeServer?.close();
    },
  };
}

function serveStatic(root, pathname, req, res) {
  // Resolve inside root only: no "..", no absolute paths, no symlink games beyond what is built.
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape (`/%E0%A4%A`) is the client's mistake, not a reason to stop the server.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    return res.end('Bad request');
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes and query strings all get the page.
    file = extname(pathname) ? '' : join(root, 'index.html');
  }
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    return res.end('Not found');
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

// `node demo/server.mjs`: serve until stopped.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const port = process.env.PORT === undefined ? 5173 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got "${process.env.PORT}".`);
    process.exit(1);
  }
  const demo = await startDemoServer({ port });
  console.log(`Demo merchant portal: ${demo.url}  (upstream: ${demo.upstream === 'fake' ? 'embedded fake Truemed API' : process.env.TRUEMED_BASE_URL})`);
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
