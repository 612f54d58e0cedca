/**
 * `react-payment-sessions`: everything in `./headless` plus the styled components.
 * Import `react-payment-sessions/styles.css` once for the default look.
 */
export * from './headless';
export * from './components';
