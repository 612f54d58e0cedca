/** examples/nextjs's folder. */
export const EXAMPLE_DIR: string;
/** Packs the built library, installs the example with `npm ci` plus the tarball, runs `next build`. */
export function prepareNextExample(): { packMs: number; installMs: number; buildMs: number };
/** `next start` on 127.0.0.1 and a free port, with the Truemed key and upstream in its environment. */
export function startNextExample(options: { apiKey: string; truemedBaseUrl: string }): Promise<{
  url: string;
  output: () => string;
  close(): Promise<void>;
}>;
/** Re-resolves the example's lockfile against a fresh tarball, leaving the tarball's checksum out. */
export function refreshExampleLock(): void;
