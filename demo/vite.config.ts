import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

// The demo is a host app: it imports the *built* package (dist/), through the same names a merchant uses.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^react-payment-sessions\/styles\.css$/, replacement: dist('styles.css') },
      { find: /^react-payment-sessions\/testing$/, replacement: dist('testing.js') },
      { find: /^react-payment-sessions\/headless$/, replacement: dist('headless.js') },
      { find: /^react-payment-sessions\/actions$/, replacement: dist('actions.js') },
      { find: /^react-payment-sessions\/locales\/(de|fr)$/, replacement: dist('locales/$1.js') },
      { find: /^react-payment-sessions$/, replacement: dist('index.js') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
