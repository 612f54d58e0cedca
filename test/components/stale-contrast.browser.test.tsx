// In real Chromium with the default styles. Rows and totals from a previous query are dimmed while the
// next page loads, but once that load has failed they stay at full contrast: they may be all the user
// sees for a while, and dimmed muted text falls below WCAG's 4.5:1 (axe found it in the demo's e2e test).
// Both used on their own (the component's root is the themed `.rps-root`) and inside a ThemeProvider.
import '../../src/components/styles.css';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentSessionsProvider, RefundSummary, SessionList, ThemeProvider } from '../../src/index';
import { createFakeTruemedFetcher } from '../../src/testing';

afterEach(cleanup);

function setup(wrap: (children: ReactNode) => ReactNode) {
  // Page 3 answers slowly, so its loading state can be looked at; the rest answer at once.
  const fetcher = createFakeTruemedFetcher({
    sessions: 90,
    latencyMs: (request) => (new URL(request.url).searchParams.get('page') === '3' ? 5_000 : 0),
  });
  const view = (page: number) => (
    <PaymentSessionsProvider fetcher={fetcher} swr={{ shouldRetryOnError: false }}>
      {wrap(
        <>
          <RefundSummary query={{ page }} />
          <SessionList query={{ page }} />
        </>,
      )}
    </PaymentSessionsProvider>
  );
  const utils = render(view(1));
  return { fetcher, rerender: (page: number) => utils.rerender(view(page)), container: utils.container };
}

function style(container: HTMLElement, selector: string): CSSStyleDeclaration {
  const element = container.querySelector(selector);
  if (!element) throw new Error(`${selector} is not rendered`);
  return getComputedStyle(element);
}
const listState = (container: HTMLElement) => container.querySelector('.rps-session-list')?.getAttribute('data-state');

describe.each([
  ['on their own', (children: ReactNode) => children],
  ['inside a ThemeProvider', (children: ReactNode) => <ThemeProvider>{children}</ThemeProvider>],
])('list and summary %s', (_name, wrap) => {
  it('get their root styles', async () => {
    const { container } = setup(wrap);
    await waitFor(() => expect(listState(container)).toBe('ready'));
    expect(style(container, '.rps-session-list').display).toBe('flex');
    expect(style(container, '.rps-refund-summary').display).toBe('flex');
  });

  it('dim the previous rows and totals while the next page loads', async () => {
    const { container, rerender } = setup(wrap);
    await waitFor(() => expect(listState(container)).toBe('ready'));
    act(() => rerender(3));
    await waitFor(() => expect(container.querySelector('.rps-session-list__body[data-stale]')).not.toBeNull());
    await waitFor(() => expect(Number(style(container, '.rps-session-list__body').opacity)).toBeCloseTo(0.7, 2));
    await waitFor(() => expect(Number(style(container, '.rps-refund-summary__currencies').opacity)).toBeCloseTo(0.7, 2));
  });

  it('show the last good rows and totals at full opacity once loading the next page failed', async () => {
    const { container, rerender, fetcher } = setup(wrap);
    await waitFor(() => expect(listState(container)).toBe('ready'));
    fetcher.api.setFailure({ status: 503 });
    act(() => rerender(2));
    await waitFor(() => expect(listState(container)).toBe('error'));
    // Still the last good rows, still marked stale…
    expect(container.querySelector('.rps-session-list__body[data-stale]')).not.toBeNull();
    expect(container.querySelector('.rps-refund-summary[data-stale]')).not.toBeNull();
    // …but readable.
    await waitFor(() => expect(Number(style(container, '.rps-session-list__body').opacity)).toBe(1));
    await waitFor(() => expect(Number(style(container, '.rps-refund-summary__currencies').opacity)).toBe(1));
  });
});
