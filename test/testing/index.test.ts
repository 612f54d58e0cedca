import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as testing from 'react-payment-sessions/testing';

const srcTesting = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/testing');

/** Every module a static import chain from `file` reaches (relative imports only), with its source. */
function staticGraph(file: string, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  seen.set(file, source);
  // `import … from '…'` and `export … from '…'`, but not `import type` (erased) nor `import('…')` (lazy).
  const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
  for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
    staticGraph(resolve(dirname(file), `${specifier}.ts`), seen);
  }
  return seen;
}

describe('react-payment-sessions/testing', () => {
  it('exports the fakes and dataset builders', () => {
    expect(testing.createFakeTruemedApi).toBeTypeOf('function');
    expect(testing.makeTruemedRecords).toBeTypeOf('function');
    expect(testing.createFakeOneEntryPayments).toBeTypeOf('function');
    expect(testing.makeOneEntryRecords).toBeTypeOf('function');
    expect(testing.FAKE_TRUEMED_API_KEY).toBe('test_truemed_key');
    expect(testing.FAKE_TRUEMED_MAX_PAGE_SIZE).toBe(100);
  });

  it('does not expose internals (the PRNG, the node:http bridge)', () => {
    expect(Object.keys(testing)).not.toEqual(expect.arrayContaining(['createRandom']));
    expect(Object.keys(testing)).not.toEqual(expect.arrayContaining(['serveFetchHandler']));
  });

  it('loads no Node built-in at import time, so a browser bundle can import it', () => {
    const graph = staticGraph(resolve(srcTesting, 'index.ts'));
    expect([...graph.keys()].some((file) => file.endsWith('node-http.ts'))).toBe(true);
    for (const [file, source] of graph) {
      expect(source, file).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+'node:/m);
    }
    // node:http is still used, lazily.
    expect(graph.get(resolve(srcTesting, 'node-http.ts'))).toContain("await import('node:http')");
  });
});
