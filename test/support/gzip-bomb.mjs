// A gzip bomb for the proxy's body cap: shared by test/server/proxy-body-cap.test.ts and bench/security.mjs.
import { createGzip } from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * `decodedBytes` of JSON-valid Truemed envelope (`{"payment_sessions":[` then spaces) gzipped at level 9 —
 * 256 MiB becomes about 255 kB — built by streaming, so the caller never holds the decoded bytes.
 * @param {number} decodedBytes
 * @returns {Promise<Buffer>}
 */
export async function gzipBomb(decodedBytes) {
  const gzip = createGzip({ level: 9 });
  const parts = [];
  gzip.on('data', (part) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"payment_sessions":[');
  const chunk = Buffer.alloc(MiB, 0x20);
  for (let written = 0; written < decodedBytes; written += chunk.length) {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end('],"pagination":null}');
  await done;
  return Buffer.concat(parts);
}
