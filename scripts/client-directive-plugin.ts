// Build plugin: puts `'use client'` at the top of every emitted module that runs only in React's client
// layer. Bundlers drop module-level directives from sources, so the directive is added per output chunk.
import type { Plugin } from 'vite';

/**
 * Imports that make a module client-only: React itself (hooks, context, JSX) and the React-bound
 * dependencies. `swr` in particular resolves to a hook-less build under React Server Components.
 */
const CLIENT_IMPORT = /^(react|react-dom|swr|@radix-ui\/|@tanstack\/react-)/;

/** Output folders that must never carry the directive, whatever they import (no React, or server-only). */
const NEVER_CLIENT = /^(core|server|testing|adapters|locales)\//;

export const USE_CLIENT = "'use client';";

/** Whether an emitted chunk is a client module: it imports React or a React-bound package. */
export function isClientChunk(chunk: { fileName: string; imports: readonly string[] }): boolean {
  const client = chunk.imports.some((id) => CLIENT_IMPORT.test(id));
  if (client && NEVER_CLIENT.test(chunk.fileName)) {
    // A server or framework-free module that imports React would break a Server Component host either way.
    throw new Error(`${chunk.fileName} imports React but must stay a plain module (no 'use client'): move the React part out.`);
  }
  return client;
}

/**
 * Marks each client chunk with `'use client'`, so a React Server Component (Next.js App Router) can import
 * `SessionList` or `PaymentSessionsProvider` from the package and render them. Modules without React —
 * the core, the adapters, the server proxy, the fakes, the locales, and the entry barrels that only
 * re-export — stay plain modules, so a server can call `createTruemedProxy` or read `messagesDe` as values.
 * Uses `banner`, so rolldown shifts the sourcemaps for the added line.
 */
export function clientDirectivePlugin(): Plugin {
  return {
    name: 'rps:use-client',
    apply: 'build',
    outputOptions(options) {
      const previous = options.banner;
      return {
        ...options,
        banner: async (chunk) => {
          const before = typeof previous === 'function' ? await previous(chunk) : (previous ?? '');
          return isClientChunk(chunk) ? [USE_CLIENT, before].filter(Boolean).join('\n') : before;
        },
      };
    },
  };
}
