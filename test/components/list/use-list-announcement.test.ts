// What the list's polite live region says; the hook's timing is covered through SessionList.
import { describe, expect, it } from 'vitest';
import { defaultMessages } from '../../../src/components/messages';
import {
  listLiveMessage,
  liveMessageFor,
  nextFilterAnnouncement,
  type FilterAnnouncement,
} from '../../../src/components/list/use-list-announcement';
import { PaymentSessionsError, type PaymentSessionsErrorKind } from '../../../src/core/errors';

const messages = defaultMessages;
const networkError = new PaymentSessionsError({ kind: 'network', message: 'fetch failed' });
const shown = { isStale: false, error: undefined, page: 1 };

describe('liveMessageFor', () => {
  it('says each state, the stale rows before a refresh, and nothing for shown rows', () => {
    expect(liveMessageFor('loading', false, messages)).toBe(messages.loading);
    expect(liveMessageFor('refreshing', false, messages)).toBe(messages.refreshing);
    expect(liveMessageFor('refreshing', true, messages)).toBe(messages.showingStaleData);
    expect(liveMessageFor('empty', false, messages)).toBe(messages.empty);
    expect(liveMessageFor('no-results', false, messages)).toBe(messages.noResults);
    expect(liveMessageFor('ready', false, messages)).toBe('');
    expect(liveMessageFor('error', false, messages)).toBe('');
  });

  it('says "Loading" even over stale rows', () => {
    expect(liveMessageFor('loading', true, messages)).toBe(messages.loading);
  });
});

describe('nextFilterAnnouncement', () => {
  const count = () => '12 sessions found.';

  it('announces a new filter with its count, on the page it is shown on', () => {
    expect(nextFilterAnnouncement(null, 'f1', 1, count)).toEqual({ filter: 'f1', page: 1, text: '12 sessions found.' });
    const previous: FilterAnnouncement = { filter: 'f1', page: 1, text: 'old' };
    expect(nextFilterAnnouncement(previous, 'f2', 3, count)).toEqual({ filter: 'f2', page: 3, text: '12 sessions found.' });
  });

  it('keeps the very same announcement on the same page of the same filter, without counting again', () => {
    const previous: FilterAnnouncement = { filter: 'f1', page: 2, text: '12 sessions found.' };
    expect(nextFilterAnnouncement(previous, 'f1', 2, () => expect.unreachable())).toBe(previous);
  });

  it('falls silent on another page of the same filter (Pagination announces pages)', () => {
    const previous: FilterAnnouncement = { filter: 'f1', page: 1, text: '12 sessions found.' };
    expect(nextFilterAnnouncement(previous, 'f1', 2, () => expect.unreachable())).toEqual({ filter: 'f1', page: -1, text: '' });
  });
});

describe('listLiveMessage', () => {
  const announcement: FilterAnnouncement = { filter: 'f1', page: 1, text: '12 sessions found.' };
  const failed = { ...shown, error: networkError };

  it('says a running Retry above anything else', () => {
    expect(listLiveMessage('error', failed, 'running', messages, announcement, 'f1')).toBe(messages.retrying);
  });

  it('says why a Retry failed again, in the messages’ words', () => {
    expect(listLiveMessage('error', failed, 'failed', messages, null, 'f1')).toBe(`${messages.errorTitle}: ${messages.errorReason.network}`);
  });

  it('falls back to the error’s own text for a kind the messages do not know', () => {
    const odd = new PaymentSessionsError({ kind: 'toString' as PaymentSessionsErrorKind, message: 'odd failure' });
    expect(listLiveMessage('error', { ...shown, error: odd }, 'failed', messages, null, 'f1')).toBe(`${messages.errorTitle}: odd failure`);
  });

  it('says nothing of a failed Retry once its error is gone', () => {
    expect(listLiveMessage('ready', shown, 'failed', messages, null, 'f1')).toBe('');
  });

  it('says the count only for the filter and page it belongs to, and only when ready', () => {
    expect(listLiveMessage('ready', shown, 'idle', messages, announcement, 'f1')).toBe('12 sessions found.');
    expect(listLiveMessage('ready', { ...shown, page: 2 }, 'idle', messages, announcement, 'f1')).toBe('');
    expect(listLiveMessage('ready', shown, 'idle', messages, announcement, 'f2')).toBe('');
    expect(listLiveMessage('refreshing', shown, 'idle', messages, announcement, 'f1')).toBe(messages.refreshing);
    expect(listLiveMessage('refreshing', { ...shown, isStale: true }, 'idle', messages, announcement, 'f1')).toBe(messages.showingStaleData);
  });
});
