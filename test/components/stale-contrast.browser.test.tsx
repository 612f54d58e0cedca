// In real Chromium with the default styles. Rows and totals from a previous query stay at full contrast
// while the next page loads (dimmed muted text falls below WCAG's 4.5:1; axe found it in the demo's e2e
// test), marked instead by a pulsing accent line; once that load has failed, the line goes (the alert says
// what the rows are). Both used on their own (the component's root is the themed `.rps-root`) and inside
// a ThemeProvider.
import '../../src/components/styles.css';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
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
/** `#2351c7` → `rgb(35, 81, 199)`, as computed styles write colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
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

  it('mark the previous rows and totals with an accent line while the next page loads, at full contrast', async () => {
    const { container, rerender } = setup(wrap);
    await waitFor(() => expect(listState(container)).toBe('ready'));
    act(() => rerender(3));
    await waitFor(() => expect(container.querySelector('.rps-session-list__body[data-stale]')).not.toBeNull());
    await waitFor(() => expect(container.querySelector('.rps-refund-summary[data-stale]')).not.toBeNull());
    expect(listState(container)).toBe('refreshing');

    // Looked at settled: transitions (a host's opacity) run to their end, the pulsing line stops at its start.
    expect(style(container, '.rps-session-list__header-cell').animationName).toBe('rps-stale-line');
    for (const animation of document.getAnimations()) {
      if (animation instanceof CSSTransition) {
        animation.finish();
      } else {
        animation.pause();
        animation.currentTime = 0;
      }
    }
    expect(Number(style(container, '.rps-session-list__body').opacity)).toBe(1);
    expect(Number(style(container, '.rps-refund-summary__currencies').opacity)).toBe(1);
    const accent = style(container, '.rps-session-list').getPropertyValue('--rps-color-accent').trim();
    expect(accent).not.toBe('');
    expect(style(container, '.rps-session-list__header-cell').boxShadow).toBe(`${rgb(accent)} 0px 3px 0px 0px inset`);
    expect(style(container, '.rps-refund-summary__currency').boxShadow).toBe(`${rgb(accent)} 0px 3px 0px 0px inset`);

    const results = await axe.run(container, { runOnly: ['color-contrast'] });
    expect(results.violations.flatMap((violation) => violation.nodes.map((node) => node.html))).toEqual([]);
    // The rule really looked at the stale rows' text.
    expect(results.passes.flatMap((pass) => pass.nodes).length).toBeGreaterThan(20);
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
    // …and no longer marked as loading.
    expect(style(container, '.rps-session-list__header-cell').boxShadow).toBe('none');
    expect(style(container, '.rps-refund-summary__currency').boxShadow).toBe('none');
  });

  it('still dim the previous rows and totals where the host asks for it', async () => {
    // A host rule on the components' classes wins over the default (styles.css has zero specificity).
    const hostRule = document.createElement('style');
    hostRule.textContent =
      '.rps-session-list { --rps-session-list-stale-opacity: 0.6 } .rps-refund-summary { --rps-refund-summary-stale-opacity: 0.6 }';
    document.head.append(hostRule);
    onTestFinished(() => hostRule.remove());
    const { container, rerender } = setup(wrap);
    await waitFor(() => expect(listState(container)).toBe('ready'));
    expect(Number(style(container, '.rps-session-list__body').opacity)).toBe(1);
    act(() => rerender(3));
    await waitFor(() => expect(Number(style(container, '.rps-session-list__body').opacity)).toBeCloseTo(0.6, 2));
    await waitFor(() => expect(Number(style(container, '.rps-refund-summary__currencies').opacity)).toBeCloseTo(0.6, 2));
  });
});
