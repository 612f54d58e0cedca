import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as server from 'react-payment-sessions/server';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Every module reachable from `entry` through relative imports, with the bare imports each one makes. */
function importGraph(entry: string): Map<string, { runtime: string[]; typeOnly: string[] }> {
  const graph = new Map<string, { runtime: string[]; typeOnly: string[] }>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const node = { runtime: [] as string[], typeOnly: [] as string[] };
    graph.set(file, node);
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      const [, typeKeyword, specifier] = match as unknown as [string, string | undefined, string];
      if (specifier.startsWith('.')) {
        // `export { type A }` lines re-export values too, so relative modules are always followed.
        pending.push(resolve(dirname(file), `${specifier}.ts`));
      } else {
        (typeKeyword ? node.typeOnly : node.runtime).push(specifier);
      }
    }
  }
  return graph;
}

describe('react-payment-sessions/server', () => {
  it('exports the proxy, the Node adapter and their defaults', () => {
    expect(Object.keys(server).sort()).toEqual([
      'DEFAULT_PROXY_MAX_PAGE_SIZE',
      'DEFAULT_PROXY_TIMEOUT_MS',
      'DEFAULT_TRUEMED_BASE_URL',
      'createTruemedProxy',
      'toNodeHandler',
    ]);
    expect(server.DEFAULT_TRUEMED_BASE_URL).toBe('https://api.truemed.com');
    expect(server.DEFAULT_PROXY_MAX_PAGE_SIZE).toBe(100);
    expect(server.DEFAULT_PROXY_TIMEOUT_MS).toBe(15_000);
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
