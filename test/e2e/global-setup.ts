// Starts the built demo portal (as `npm start` serves it) once for every end-to-end test file.
import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    demoApiKey: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('demo/dist/index.html')) {
    throw new Error('The demo is not built: run "npm run build:demo" (npm test does it first).');
  }
  const { startDemoServer } = await import('../../demo/server.mjs');
  const demo = await startDemoServer({ port: 0, quiet: true, latencyMs: 30 });
  project.provide('demoUrl', demo.url);
  project.provide('demoApiKey', demo.apiKeyForTests ?? '');
  return async () => {
    await demo.close();
  };
}
