import { MAX_TIMER_MS, startDeadline } from '../../src/core/deadline';

describe('startDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts with the caller’s reason, and that is not a timeout', () => {
    const caller = new AbortController();
    const deadline = startDeadline(caller.signal, 1_000, 'too slow');
    caller.abort('superseded');
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe('superseded');
    expect(deadline.timedOut()).toBe(false);
    deadline.clear();
  });

  it('aborts by itself with a TimeoutError once the time is up', () => {
    vi.useFakeTimers();
    const deadline = startDeadline(new AbortController().signal, 50, 'too slow');
    vi.advanceTimersByTime(49);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.timedOut()).toBe(true);
    expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'too slow' });
  });

  it('starts aborted for a caller that already gave up', () => {
    const caller = new AbortController();
    caller.abort('gone');
    expect(startDeadline(caller.signal, 1_000, 'too slow').signal.reason).toBe('gone');
  });

  it('stops its timer and its forwarding on clear', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const deadline = startDeadline(caller.signal, 50, 'too slow');
    deadline.clear();
    vi.advanceTimersByTime(100);
    caller.abort('late');
    expect(deadline.signal.aborted).toBe(false);
  });

  it('is the caller’s own signal without a timeout', () => {
    const caller = new AbortController();
    const deadline = startDeadline(caller.signal, 0, 'too slow');
    expect(deadline.signal).toBe(caller.signal);
    deadline.abort('ignored');
    expect(caller.signal.aborted).toBe(false);
  });

  it('names the longest delay setTimeout honours', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });
});
