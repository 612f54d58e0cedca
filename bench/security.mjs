// Issue 11's two resource findings, measured on the built `react-payment-sessions/server` (dist/server.js;
// run `npm run build` first): `node bench/security.mjs`. Not part of `npm run bench` (no RESULTS.md table).
// 1. CPU for a proxy request whose query holds 100,000 undocumented parameter names (finding 5).
// 2. Peak RSS while the proxy reads a gzip bomb from a real local upstream: 256 MiB decoded (finding 3).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipBomb } from '../test/support/gzip-bomb.mjs';
import { ROOT, log } from './lib.mjs';

const SERVER_ENTRY = join(ROOT, 'dist', 'server.js');
if (!existsSync(SERVER_ENTRY)) {
  console.error('dist/server.js is missing: run `npm run build` first.');
  process.exit(1);
}
const { createTruemedProxy } = await import(SERVER_ENTRY);
const MiB = 1024 * 1024;

async function droppedNamesCpu(count) {
  const proxy = createTruemedProxy({
    apiKey: 'bench_key',
    authorize: () => true,
    fetch: async () => Response.json({ payment_sessions: [], pagination: null }),
  });
  const query = Array.from({ length: count }, (_, index) => `junk_${index}=1`).join('&');
  const request = new Request(`http://127.0.0.1/api?${query}`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await proxy(request);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { status: response.status, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function bombRss(decodedBytes) {
  const body = await gzipBomb(decodedBytes);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const proxy = createTruemedProxy({ apiKey: 'bench_key', authorize: () => true, baseUrl });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const started = performance.now();
  const response = await proxy(new Request('http://127.0.0.1/api'));
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  server.closeAllConnections();
  server.close();
  return { gzipKb: body.length / 1024, status: response.status, ms, rssBeforeMiB: rssBefore / MiB, peakMiB: peak / MiB };
}

const names = await droppedNamesCpu(100_000);
log(`100,000 undocumented names: HTTP ${names.status} in ${names.wallMs.toFixed(0)} ms wall, ${names.cpuMs.toFixed(0)} ms CPU`);
const bomb = await bombRss(256 * MiB);
log(
  `gzip bomb ${bomb.gzipKb.toFixed(0)} kB → 256 MiB: HTTP ${bomb.status} in ${bomb.ms.toFixed(0)} ms, ` +
    `RSS ${bomb.rssBeforeMiB.toFixed(0)} → peak ${bomb.peakMiB.toFixed(0)} MiB (+${(bomb.peakMiB - bomb.rssBeforeMiB).toFixed(0)} MiB)`,
);
