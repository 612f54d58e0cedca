/**
 * Reading a body without holding more of it than the caller allows: used for the upstream answer (which
 * `fetch` inflates as it streams, so a gzip bomb must be stopped by the decoded size) and for a write
 * route's request body.
 */

/**
 * The stream as UTF-8 text, or `undefined` once more than `maxBytes` have arrived (reading stops there and the
 * stream is cancelled). Chunk by chunk, so no more than about `maxBytes` is ever held.
 *
 * @throws when the stream fails, and with `fatal` for bytes that are not UTF-8 (else they become U+FFFD, as
 *   `response.text()` reads them).
 */
export async function readCappedText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  { fatal = false }: { fatal?: boolean } = {},
): Promise<string | undefined> {
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal });
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => {
        // The stream may already be errored (an abort); either way the rest is never read.
      });
      return undefined;
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
