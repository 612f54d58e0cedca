/** See gzip-bomb.mjs. */
export function gzipBomb(decodedBytes: number): Promise<Buffer>;
