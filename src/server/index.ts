/**
 * `react-payment-sessions/server`: the backend half. A Truemed proxy that keeps the API key on the server,
 * as a Fetch-API handler plus an adapter for Node's `http` / Express. No React, no DOM.
 */
export {
  createTruemedProxy,
  DEFAULT_PROXY_MAX_PAGE_SIZE,
  DEFAULT_PROXY_MAX_RESPONSE_BYTES,
  DEFAULT_PROXY_TIMEOUT_MS,
  DEFAULT_TRUEMED_BASE_URL,
  type FetchHandler,
  type TruemedProxyErrorBody,
  type TruemedProxyErrorCode,
  type TruemedProxyErrorInfo,
  type TruemedProxyErrorReason,
  type TruemedProxyOptions,
} from './proxy';
export type {
  TruemedProxyActionEvent,
  TruemedProxyActionName,
  TruemedProxyActionOutcome,
  TruemedProxyIntent,
} from './actions';
export { toNodeHandler, type NodeHandlerOptions, type NodeRequestHandler } from './node';
