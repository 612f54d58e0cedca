import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as server from 'react-payment-sessions/server';
import { importGraph } from '../support/import-graph';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

describe('react-payment-sessions/server', () => {
  it('exports the proxy, the Node adapter and their defaults', () => {
    expect(Object.keys(server).sort()).toEqual([
      'DEFAULT_PROXY_MAX_PAGE_SIZE',
      'DEFAULT_PROXY_MAX_RESPONSE_BYTES',
      'DEFAULT_PROXY_TIMEOUT_MS',
      'DEFAULT_TRUEMED_BASE_URL',
      'createTruemedProxy',
      'toNodeHandler',
    ]);
    expect(server.DEFAULT_TRUEMED_BASE_URL).toBe('https://api.truemed.com');
    expect(server.DEFAULT_PROXY_MAX_PAGE_SIZE).toBe(100);
    expect(server.DEFAULT_PROXY_TIMEOUT_MS).toBe(15_000);
    expect(server.DEFAULT_PROXY_MAX_RESPONSE_BYTES).toBe(4 * 1024 * 1024);
  });

  it('pulls in no React, no SWR and no runtime Node built-in (edge runtimes can load it)', () => {
    const graph = importGraph(resolve(SRC, 'server/index.ts'));
    // The walk really followed the proxy into the adapters and core.
    expect([...graph.keys()].map((file) => file.slice(SRC.length + 1)).sort()).toEqual(
      expect.arrayContaining(['server/index.ts', 'server/proxy.ts', 'server/node.ts', 'adapters/truemed/params.ts', 'core/sanitize.ts']),
    );
    const runtimeImports = [...graph.values()].flatMap((node) => node.runtime);
    expect(runtimeImports).toEqual([]);
    const typeImports = [...graph.values()].flatMap((node) => node.typeOnly);
    expect(typeImports).toContain('node:http');
  });
});
