import type { StorybookConfig } from '@storybook/react-vite';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Stories import the public entry names, like a host would.
  viteFinal: async (viteConfig) => {
    viteConfig.resolve ??= {};
    viteConfig.resolve.alias = [
      { find: /^react-payment-sessions\/headless$/, replacement: src('headless.ts') },
      { find: /^react-payment-sessions\/actions$/, replacement: src('actions.ts') },
      { find: /^react-payment-sessions\/testing$/, replacement: src('testing/index.ts') },
      { find: /^react-payment-sessions\/locales\/(de|fr)$/, replacement: src('components/locales/$1.ts') },
      { find: /^react-payment-sessions\/styles\.css$/, replacement: src('components/styles.css') },
      { find: /^react-payment-sessions$/, replacement: src('index.ts') },
    ];
    return viteConfig;
  },
};

export default config;
