import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

/** Tests import the public entry names, resolved to the sources (as a host would import the package). */
export const publicEntryAliases = [
  { find: /^react-payment-sessions\/headless$/, replacement: src('headless.ts') },
  { find: /^react-payment-sessions\/server$/, replacement: src('server/index.ts') },
  { find: /^react-payment-sessions\/testing$/, replacement: src('testing/index.ts') },
  { find: /^react-payment-sessions$/, replacement: src('index.ts') },
];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: publicEntryAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.dom.test.ts', 'test/e2e/**'],
          globals: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/**/*.test.tsx', 'test/**/*.dom.test.ts'],
          setupFiles: ['test/setup-dom.ts'],
          globals: true,
        },
      },
    ],
  },
});
