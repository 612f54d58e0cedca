// The demo merchant portal's backend: serves the built page and its one data route, the secure proxy
// (reads for every signed-in role, Truemed's four writes for an admin only).
// It is a real host of the published entry points: it imports 'react-payment-sessions/server' and
// '/testing' exactly as a merchant's server would (resolved to dist/ through package.json "exports").
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTruemedProxy, toNodeHandler } from 'react-payment-sessions/server';
import { createFakeOneEntryApi, createFakeTruemedApi } from 'react-payment-sessions/testing';

const SESSION_COOKIE = 'rps_demo_session';
// A hint the page can read (no secret in it) so a signed-in reload starts loading sessions at once instead
// of asking /api/me first; the HttpOnly session cookie is still what the proxy checks.
const SIGNED_IN_HINT = 'rps_demo_signed_in=1; SameSite=Strict; Path=/';
const SIGNED_OUT_HINT = 'rps_demo_signed_in=; SameSite=Strict; Path=/; Max-Age=0';
// The signed-in role, readable by the page so it renders the right portal at once (admin: action buttons).
// Only a hint: the proxy decides from the role stored with the HttpOnly session, never from this cookie.
const ROLE_HINT = 'rps_demo_role';
const ROLE_CLEARED_HINT = `${ROLE_HINT}=; SameSite=Strict; Path=/; Max-Age=0`;
/** Who may sign in: an admin lists, reads and writes; a viewer lists and reads only. The first is the default. */
const ROLES = ['admin', 'viewer'];
/** The Truemed writes the demo's proxy forwards (for an admin). */
const WRITE_ACTIONS = ['refund', 'capture', 'void', 'cancel'];
/** How many write attempts the audit log keeps (oldest dropped first). */
const MAX_AUDIT_ENTRIES = 500;
/** How long a demo sign-in lasts unless `sessionTtlMs` says otherwise (absolute, not sliding). */
const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** The largest request body any demo route reads (sign-in, fault injection, OneEntry token refresh). */
const MAX_BODY_BYTES = 16 * 1024;
/** Where the embedded fake OneEntry API is mounted; the browser's SDK is given `origin + this`. */
const ONEENTRY_BASE_PATH = '/api/oneentry';
/** Host names that are this machine: any other Host is a DNS-rebinding page, not the portal. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
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
 * @param {{ port?: number, host?: string, staticDir?: string, latencyMs?: number, quiet?: boolean, sessionTtlMs?: number }} [options]
 * @returns {Promise<import('./server.d.mts').DemoServer>}
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
  /** Puts the embedded fake back to its first dataset (undefined upstream real: nothing to reset). */
  let resetFake;
  let fake;
  let fakeServer;
  let apiKey = realKey;
  let baseUrl = realBaseUrl;
  if (!useReal) {
    apiKey = `demo_${randomBytes(16).toString('hex')}`; // a fresh key per run, so tests can look for it
    const makeFake = () => createFakeTruemedApi({ sessions: 240, seed: 42, apiKey, latencyMs: options.latencyMs ?? 0 });
    fake = makeFake();
    // The fake is served through a stable server whose handler is whichever fake is current, so a reset
    // (writes change its data) swaps in a fresh dataset without moving the proxy's upstream.
    fakeServer = await listenOnLoopback((req, res) => void forward((request) => fake.handler(request), req, res, new URL(req.url ?? '/', 'http://127.0.0.1')));
    baseUrl = fakeServer.url;
    resetFake = () => {
      fake = makeFake();
    };
  }

  // The OneEntry backend: the real `oneentry` SDK runs in the browser against this embedded fake of
  // OneEntry's HTTP API, mounted on the portal's own origin (the CSP allows no other).
  const oneEntry = createFakeOneEntryApi({
    sessions: 75,
    seed: 7,
    basePath: ONEENTRY_BASE_PATH,
    latencyMs: options.latencyMs ?? 0,
  });

  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  /**
   * Signed-in demo sessions: token → when it ends, the role, a label naming the user in the audit log (never
   * the token) and the user's OneEntry tokens. A Map: tokens are request text.
   */
  const sessions = new Map();
  const sessionOf = (request) => {
    const cookie = request.headers.get('cookie') ?? '';
    const match = cookie.split(/;\s*/).find((part) => part.startsWith(`${SESSION_COOKIE}=`));
    return match?.slice(SESSION_COOKIE.length + 1);
  };
  const endSession = (token) => {
    sessions.get(token)?.oneEntry.revoke();
    sessions.delete(token);
  };
  /** The live session a token names, or undefined (an expired one is ended on the way). */
  const liveSession = (token) => {
    if (typeof token !== 'string') return undefined;
    const given = Buffer.from(token);
    for (const [known, session] of sessions) {
      const expected = Buffer.from(known);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) continue;
      if (session.expiresAt > Date.now()) return session;
      endSession(known);
      return undefined;
    }
    return undefined;
  };
  const isSignedIn = (token) => liveSession(token) !== undefined;
  const cookieOf = (req) => sessionOf(new Request('http://x', { headers: { cookie: req.headers.cookie ?? '' } }));
  let signInCount = 0;

  /** Every write attempt the proxy reported, oldest first: who (role and label), what, how much, the outcome. */
  const auditLog = [];
  const proxy = createTruemedProxy({
    apiKey,
    baseUrl,
    actions: WRITE_ACTIONS,
    // The host's own session check: only a signed-in merchant reaches Truemed through this route, and only
    // an admin may change a payment. A refused read is a 401; a write by a signed-out caller throws (a 401,
    // not the 403 a signed-in viewer gets).
    authorize: (request, intent) => {
      const session = liveSession(sessionOf(request));
      if (intent.action === 'list' || intent.action === 'read') return session !== undefined;
      if (!session) throw new Error('not signed in');
      return session.role === 'admin';
    },
    onAction: (event) => {
      const session = liveSession(sessionOf(event.request));
      auditLog.push({
        at: new Date().toISOString(),
        role: session?.role ?? null,
        user: session?.user ?? 'signed out',
        action: event.action,
        sessionId: event.sessionId,
        amountMinor: event.amountMinor,
        reason: event.reason,
        outcome: event.outcome,
        status: event.status,
        code: event.code,
      });
      if (auditLog.length > MAX_AUDIT_ENTRIES) auditLog.splice(0, auditLog.length - MAX_AUDIT_ENTRIES);
    },
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

    // The browser's fetcher calls /api/truemed/payments/v1/payment_sessions (the proxy ignores the list's
    // path), its actions client POSTs the write routes beside it. The proxy checks a write's Origin against
    // the Host; the Host itself must be this machine, or a DNS-rebinding page would be "same origin".
    if (url.pathname.startsWith('/api/truemed/')) {
      if (req.method === 'POST' && !isLoopbackHost(req)) return send(403, { error: 'CrossSiteRequest', message: 'This route only answers the portal page itself.' });
      return proxyRoute(req, res);
    }

    // Every state-changing route answers only the portal's own page: same Host (a loopback name, so a
    // DNS-rebinding page is not "same origin") and a matching Origin. A cross-site form or fetch is refused.
    const isPost = req.method === 'POST';
    if (isPost && !isSameOrigin(req)) return send(403, { error: 'CrossOrigin', message: 'This route only answers the portal page itself.' });

    // Body: nothing (an admin) or `{ "role": "admin" | "viewer" }`.
    if (url.pathname === '/api/login' && isPost) {
      void readBody(req, MAX_BODY_BYTES).then((body) => {
        if (body === undefined) return send(413, { error: 'BodyTooLarge', message: `Send at most ${MAX_BODY_BYTES} bytes.` }, { connection: 'close' });
        const role = roleOf(body);
        if (role === undefined) return send(400, { error: 'InvalidRole', message: `Send nothing or { "role": ${ROLES.map((name) => `"${name}"`).join(' | ')} }.` });
        for (const [known, session] of sessions) if (session.expiresAt <= Date.now()) endSession(known);
        const token = randomBytes(24).toString('base64url');
        signInCount += 1;
        sessions.set(token, { expiresAt: Date.now() + sessionTtlMs, role, user: `demo ${role} #${signInCount}`, oneEntry: oneEntry.signIn() });
        const maxAge = Math.max(1, Math.floor(sessionTtlMs / 1000));
        send(200, { signedIn: true, role }, {
          'set-cookie': [
            `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`,
            `${SIGNED_IN_HINT}; Max-Age=${maxAge}`,
            `${ROLE_HINT}=${role}; SameSite=Strict; Path=/; Max-Age=${maxAge}`,
          ],
        });
      });
      return;
    }
    if (url.pathname === '/api/logout' && isPost) {
      const token = cookieOf(req);
      if (token && liveSession(token)) endSession(token);
      return send(200, { signedIn: false }, { 'set-cookie': [`${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`, SIGNED_OUT_HINT, ROLE_CLEARED_HINT] });
    }
    if (url.pathname === '/api/me') {
      const session = liveSession(cookieOf(req));
      // A stale hint (the server restarted, the session ended) is cleared here.
      if (!session) return send(200, { signedIn: false, upstream: useReal ? 'truemed' : 'fake' }, { 'set-cookie': [SIGNED_OUT_HINT, ROLE_CLEARED_HINT] });
      return send(200, { signedIn: true, role: session.role, upstream: useReal ? 'truemed' : 'fake' });
    }
    // The signed-in user's OneEntry credentials, as a OneEntry auth provider hands them to its SDK: the
    // project token and the user's access and refresh tokens (user-scoped; revoked at sign-out or expiry).
    if (url.pathname === '/api/oneentry-session' && req.method === 'GET') {
      const session = liveSession(cookieOf(req));
      if (!session) return send(401, { error: 'SignInRequired', message: 'Sign in first.' });
      // A fresh pair each time: the page's SDK rotates its refresh token, so the first pair goes stale.
      const { accessToken, refreshToken } = session.oneEntry.issueTokens();
      return send(200, { baseUrl: ONEENTRY_BASE_PATH, appToken: oneEntry.appToken, accessToken, refreshToken });
    }
    // The fake OneEntry API itself: only for a signed-in browser (its own Bearer check comes on top).
    if (url.pathname === ONEENTRY_BASE_PATH || url.pathname.startsWith(`${ONEENTRY_BASE_PATH}/`)) {
      if (!isSignedIn(cookieOf(req))) {
        return send(401, { statusCode: 401, message: 'Sign in to the portal first.', pageData: null, timestamp: new Date().toISOString() });
      }
      return void forward(oneEntry.handler, req, res, url);
    }
    // Fault injection for the demo's own end-to-end tests; only the embedded fake has it, and only a
    // signed-in page of this origin may use it (a cross-site POST once replaced every user's list).
    if (url.pathname === '/__demo/upstream-failure' && isPost && fake) {
      if (!isSignedIn(cookieOf(req))) return send(401, { error: 'SignInRequired', message: 'Sign in first.' });
      void readBody(req, MAX_BODY_BYTES).then((body) => {
        if (body === undefined) return send(413, { error: 'BodyTooLarge', message: `Send at most ${MAX_BODY_BYTES} bytes.` }, { connection: 'close' });
        try {
          fake.setFailure(body.length > 0 ? JSON.parse(body.toString('utf8')) : null);
          send(204);
        } catch {
          send(400, { error: 'InvalidBody', message: 'Send a JSON failure or nothing.' });
        }
      });
      return;
    }
    // The proxy's write attempts (who, what, how much, the outcome), for any signed-in user of the demo:
    // what a host's audit table would hold, and what the demo's tests check their writes against.
    if (url.pathname === '/__demo/audit' && req.method === 'GET') {
      if (!isSignedIn(cookieOf(req))) return send(401, { error: 'SignInRequired', message: 'Sign in first.' });
      return send(200, { entries: auditLog });
    }
    // Back to the first dataset (and an empty audit log), so the demo's tests that write leave the data the
    // others compare against as it was. Like fault injection: the embedded fake only, signed-in, same origin.
    if (url.pathname === '/__demo/reset' && isPost && resetFake) {
      if (!isSignedIn(cookieOf(req))) return send(401, { error: 'SignInRequired', message: 'Sign in first.' });
      resetFake();
      auditLog.length = 0;
      return send(204);
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
    resetUpstream: () => {
      resetFake?.();
      auditLog.length = 0;
    },
    auditLog: () => auditLog.map((entry) => ({ ...entry })),
    oneEntryApi: oneEntry,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(() => done()));
      await fakeServer?.close();
    },
  };
}

/** Whether a request comes from the portal's own page: a loopback Host and an Origin naming exactly it. */
function isSameOrigin(req) {
  return isLoopbackHost(req) && req.headers.origin === `http://${req.headers.host}`;
}

/** Whether the Host header names this machine (any port). */
function isLoopbackHost(req) {
  return LOOPBACK_HOSTS.has((req.headers.host ?? '').replace(/:\d{1,5}$/, ''));
}

/** The role a sign-in body asks for: nothing is the first role; otherwise `{ role }` naming a known one. */
function roleOf(body) {
  if (body.length === 0) return ROLES[0];
  let parsed;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const role = parsed !== null && typeof parsed === 'object' ? parsed.role : undefined;
  return ROLES.find((known) => known === role);
}

/** A node:http server on 127.0.0.1 (a free port), with its origin and a close that drops open connections. */
async function listenOnLoopback(listener) {
  const server = createServer(listener);
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(() => done()));
    },
  };
}

/** The request body, or undefined once it passes `limit` bytes (reading stops there). */
function readBody(req, limit) {
  return new Promise((resolveBody) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      return resolveBody(undefined);
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        return resolveBody(undefined);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', () => {
      if (!done) resolveBody(undefined);
    });
  });
}

/** Hands a Node request to a Fetch-API handler (with its body, capped) and writes the answer back. */
async function forward(handler, req, res, url) {
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, MAX_BODY_BYTES);
  if (method !== 'GET' && method !== 'HEAD' && body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close', ...SECURITY_HEADERS });
    return res.end(JSON.stringify({ statusCode: 413, message: 'Payload Too Large', pageData: null, timestamp: new Date().toISOString() }));
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  let response;
  try {
    response = await handler(new Request(new URL(`${url.pathname}${url.search}`, 'http://127.0.0.1'), { method, headers, body, signal: clientGone.signal }));
  } catch {
    // The fake simulates a network failure by rejecting: drop the connection like a dead upstream.
    return res.destroy();
  }
  const payload = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(payload);
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
