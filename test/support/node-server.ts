/**
 * Real node:http servers on 127.0.0.1 for tests, each on a free port and closed (with its connections) after
 * the test that opened it.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Registers the after-each clean-up in the calling file and returns its `listen`. */
export function serversClosedAfterEach(): { listen: (listener: RequestListener) => Promise<RunningServer> } {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return {
    async listen(listener) {
      const server = createServer(listener);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const handle: RunningServer = {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
      running.push(handle);
      return handle;
    },
  };
}
