/**
 * `react-payment-sessions/headless`: the core model, both backend adapters and the React hooks —
 * no CSS, no Radix, no styled components. For hosts that bring their own UI.
 */
export * from './core';
export * from './adapters';
export * from './hooks';
