import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** One module of an import graph: the bare specifiers it imports, at run time and for types only. */
export interface GraphNode {
  runtime: string[];
  typeOnly: string[];
  /** Relative modules it loads with `import()` (not followed: they are separate chunks). */
  lazy: string[];
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((file) => existsSync(file));
  if (!found) throw new Error(`Cannot resolve ${specifier} from ${from}`);
  return found;
}

/**
 * Every module statically reachable from `entry` through relative imports, with the bare imports each one
 * makes. Read from the sources, so it needs no build; a test of what an entry point pulls in.
 */
export function importGraph(entry: string): Map<string, GraphNode> {
  const graph = new Map<string, GraphNode>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const node: GraphNode = { runtime: [], typeOnly: [], lazy: [] };
    graph.set(file, node);
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?from\s+)?'([^']+)'/gm)) {
      const [, typeKeyword, specifier] = match as unknown as [string, string | undefined, string];
      if (specifier.startsWith('.')) {
        // `import type` / `export type` load nothing; `export { type A }` lines re-export values too.
        if (typeKeyword) continue;
        if (!specifier.endsWith('.css')) pending.push(resolveModule(file, specifier));
        else node.runtime.push(specifier);
      } else {
        (typeKeyword ? node.typeOnly : node.runtime).push(specifier);
      }
    }
    for (const match of source.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)) node.lazy.push(resolveModule(file, match[1]!));
  }
  return graph;
}
