import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import pkg from './package.json' with { type: 'json' };
import { clientDirectivePlugin } from './scripts/client-directive-plugin';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

/** Everything a host installs is external: dependencies and peers are resolved by the host's bundler. */
const externals = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isExternal = (id: string) =>
  id.startsWith('node:') || externals.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  plugins: [react(), clientDirectivePlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: src('index.ts'),
        headless: src('headless.ts'),
        // Merchant actions (refund, capture, void, cancel): opt-in, so a portal that only looks loads none of it.
        actions: src('actions.ts'),
        server: src('server/index.ts'),
        testing: src('testing/index.ts'),
        // Locales are opt-in entries (like date-fns/locale): an English portal ships none of them.
        'locales/de': src('components/locales/de.ts'),
        'locales/fr': src('components/locales/fr.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: isExternal,
      // With one file per module, inlining an imported constant leaves a bare `import './query.js'` behind,
      // which hosts' bundlers warn about ("marked as having no side effects"); keep the constants as imports.
      optimization: { inlineConst: false },
      // One output file per source module (as Radix and react-aria ship): a host's bundler then drops whole
      // modules it does not use (package.json `sideEffects` lists only CSS), e.g. the OneEntry adapter and its
      // schemas for a Truemed host, or both adapters for a host with its own fetcher. In one merged chunk the
      // valibot schemas built at module level could not be dropped.
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
