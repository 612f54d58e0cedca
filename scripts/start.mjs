// `npm start`: build the library and the demo portal, then serve the portal on 127.0.0.1 (PORT respected).
import { spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', '--silent', 'build:demo'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const { startDemoServer } = await import('../demo/server.mjs');
const port = process.env.PORT === undefined ? 5173 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number from 0 to 65535, got "${process.env.PORT}".`);
  process.exit(1);
}
const demo = await startDemoServer({ port, latencyMs: 120 });
console.log(`\nDemo merchant portal: ${demo.url}`);
console.log(
  demo.upstream === 'fake'
    ? 'Upstream: the embedded fake Truemed API (set TRUEMED_API_KEY and TRUEMED_BASE_URL to use the real one).'
    : `Upstream: ${process.env.TRUEMED_BASE_URL} (the key stays on this server).`,
);
const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
