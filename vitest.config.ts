import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from './scripts/chromium.mjs';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

/** Tests import the public entry names, resolved to the sources (as a host would import the package). */
export const publicEntryAliases = [
  { find: /^react-payment-sessions\/headless$/, replacement: src('headless.ts') },
  { find: /^react-payment-sessions\/actions$/, replacement: src('actions.ts') },
  { find: /^react-payment-sessions\/server$/, replacement: src('server/index.ts') },
  { find: /^react-payment-sessions\/testing$/, replacement: src('testing/index.ts') },
  { find: /^react-payment-sessions\/locales\/(de|fr)$/, replacement: src('components/locales/$1.ts') },
  { find: /^react-payment-sessions$/, replacement: src('index.ts') },
];

/** Debian's Chromium, found (or installed) by scripts/test.mjs; nothing is downloaded. */
export const chromiumProvider = () =>
  playwright({
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  });

/**
 * Every dependency the browser projects load, pre-bundled up front: a dependency Vite discovers mid-run
 * makes it reload the page, which loads React twice and fails whatever story was running (a fresh CI
 * clone has no optimizer cache, so this would bite there first).
 */
const browserDeps = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'swr',
  'valibot',
  'date-fns',
  '@date-fns/tz',
  '@date-fns/tz/date/mini',
  '@date-fns/tz/tzOffset',
  '@radix-ui/react-dialog',
  '@tanstack/react-virtual',
];

/**
 * React 18, a supported peer: `RPS_REACT18_KIT` names a folder whose node_modules hold React 18 and every
 * dependency that imports React (scripts/test.mjs installs test/react18/ and sets it). Each of them is
 * resolved from there, so they all share that one React, CommonJS requires included.
 */
const react18Kit = process.env.RPS_REACT18_KIT;
const REACT18_PACKAGES = ['react-dom', 'react', 'swr', '@radix-ui/react-dialog', '@tanstack/react-virtual', '@testing-library/react', '@testing-library/user-event', '@testing-library/dom'];
const react18Aliases = react18Kit
  ? REACT18_PACKAGES.map((name) => ({
      find: new RegExp(`^${name.replace('/', '\\/')}(/.*)?$`),
      replacement: `${react18Kit}/node_modules/${name}$1`,
    }))
  : [];

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
          exclude: ['test/**/*.dom.test.ts', 'test/**/*.browser.test.ts', 'test/e2e/**'],
          globals: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/**/*.test.tsx', 'test/**/*.dom.test.ts'],
          exclude: ['test/**/*.browser.test.tsx', 'test/e2e/**'],
          setupFiles: ['test/setup-dom.ts'],
          globals: true,
        },
      },
      ...(react18Kit
        ? [
            {
              // The component and hook suites again, on React 18.
              plugins: [react()],
              resolve: { alias: [...react18Aliases, ...publicEntryAliases] },
              test: {
                name: 'react18',
                environment: 'jsdom',
                include: ['test/components/**/*.test.tsx', 'test/hooks/**/*.test.tsx'],
                // Browser tests run in the chromium project.
                exclude: ['test/**/*.browser.test.tsx'],
                setupFiles: ['test/setup-dom.ts'],
                globals: true,
              },
            },
          ]
        : []),
      {
        // End-to-end: the built demo portal served as `npm start` serves it, driven in Debian's Chromium.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // examples/nextjs built from the packed tarball (scripts/test.mjs prepares it), served by `next start`.
        extends: true,
        test: {
          name: 'nextjs',
          environment: 'node',
          include: ['test/e2e/**/*.next.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Every story is a test in real Chromium: it renders, its play function runs, axe finds nothing.
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        optimizeDeps: { include: browserDeps },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: chromiumProvider(),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
      {
        extends: true,
        optimizeDeps: { include: [...browserDeps, '@testing-library/react', '@testing-library/user-event', 'axe-core'] },
        test: {
          name: 'chromium',
          include: ['test/**/*.browser.test.ts', 'test/**/*.browser.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromiumProvider(),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
