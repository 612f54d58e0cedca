// The React-free registry under useSessionAction, where there is no sessionStorage at all (plain Node).
import { clearRun, runOf, startRun, subscribeRuns } from '../../src/hooks/session-action-runs';
import type { SessionActionRequest, SessionActionsClient } from '../../src/core/actions';
import { PaymentSessionsError } from '../../src/core/errors';

function client(answer: (request: SessionActionRequest) => Promise<unknown>) {
  const requests: SessionActionRequest[] = [];
  const value: SessionActionsClient = {
    source: 'fake',
    actions: ['void'],
    run: (request) => {
      requests.push(request);
      return answer(request).then(() => ({ action: request.action, sessionId: request.sessionId }));
    },
  };
  return { client: value, requests };
}

const attempt = { action: 'void' as const, input: undefined, idempotencyKey: 'key-1' };

describe('session action runs', () => {
  it('runs without sessionStorage: one attempt per session at a time, settled for every listener', async () => {
    expect(typeof globalThis.sessionStorage).toBe('undefined');
    const waiting: Array<() => void> = [];
    const { client: fake, requests } = client(() => new Promise<void>((resolve) => waiting.push(resolve)));
    const changes: string[] = [];
    const unsubscribe = subscribeRuns(() => changes.push(runOf(fake, 'ps_1')?.status ?? 'none'));
    try {
      expect(startRun(fake, 'ps_1', attempt)).toBe(true);
      expect(startRun(fake, 'ps_1', { ...attempt, idempotencyKey: 'key-2' })).toBe(false);
      expect(startRun(fake, 'ps_2', attempt)).toBe(true);
      expect(requests.map((request) => [request.sessionId, request.idempotencyKey])).toEqual([
        ['ps_1', 'key-1'],
        ['ps_2', 'key-1'],
      ]);
      clearRun(fake, 'ps_1'); // not while running
      expect(runOf(fake, 'ps_1')?.status).toBe('running');
      for (const release of waiting) release();
      await vi.waitFor(() => expect(runOf(fake, 'ps_1')?.status).toBe('succeeded'));
      expect(changes).toContain('succeeded');
      clearRun(fake, 'ps_1');
      expect(runOf(fake, 'ps_1')).toBeNull();
    } finally {
      unsubscribe();
    }
  });

  it('a client that throws before returning a promise is an unknown outcome, not a crash', async () => {
    const fake: SessionActionsClient = {
      source: 'fake',
      actions: ['void'],
      run: () => {
        throw new Error('boom');
      },
    };
    expect(startRun(fake, 'ps_1', attempt)).toBe(true);
    await vi.waitFor(() => expect(runOf(fake, 'ps_1')?.status).toBe('unknown'));
    expect(runOf(fake, 'ps_1')?.error).toBeInstanceOf(PaymentSessionsError);
  });
});
