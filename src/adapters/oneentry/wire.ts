/**
 * The OneEntry SDK's `Payments` module as this library uses it, and the session entities it returns.
 * OneEntry servers send either the current or the legacy entity shape, older SDKs resolve a bare array, and
 * with `isShell: true` (the SDK's default) errors are *resolved* as values, not thrown — so every answer is
 * checked before it is trusted.
 */

/** The current `SessionEntity` (SDK 1.0.149). */
export interface OneEntrySessionWire {
  id: number;
  createdDate?: string;
  updatedDate?: string;
  type: 'session' | 'intent' | (string & {});
  /** Free text; seen: `waiting`, `completed`, `pending`. */
  status: string;
  paymentAccountId?: number;
  orderId?: number;
  paymentUrl?: string | null;
  /** Unit undocumented; examples look like major units. */
  amount?: number | null;
  /** A Stripe client secret: never display, log or export it. */
  clientSecret?: string;
}

/** The older entity shown in the SDK's own documentation. */
export interface OneEntryLegacySessionWire {
  id: number;
  updatedDate?: string;
  version?: number;
  identifier?: string;
  type: 'session' | 'intent' | (string & {});
  lineItems?: Array<{ name?: string; quantity?: number; amount?: number; currency?: string; [key: string]: unknown }>;
  orderId?: number;
  paymentAccountId?: number;
  status: string;
  sessionId?: string;
  paymentUrl?: string | null;
  successUrl?: string;
  cancelUrl?: string;
  intent?: { amount?: number; currency?: string } | string;
  intentId?: number;
  clientSecret?: string;
}

/** What `getSessions` resolves on success (current SDKs). */
export interface OneEntrySessionsResponseWire {
  total: number;
  items: Array<OneEntrySessionWire | OneEntryLegacySessionWire>;
}

/** What the SDK resolves instead of throwing when `isShell` is true. */
export interface OneEntryErrorWire {
  statusCode: number;
  message: string;
  pageData?: unknown;
  timestamp?: string;
  /** Set by the SDK's own response validation (`validation: { enabled, strictMode }`): the issues as one line. */
  localizeMessage?: string;
  /** Set by the SDK's own response validation: zod issues (`{ path, message }`). */
  validationErrors?: Array<{ path?: ReadonlyArray<string | number>; message?: string }>;
}

/**
 * Anything with the SDK's `getSessions(offset, limit)`; the fetcher needs nothing else. With
 * `getSessionById(id)` too (the real module has it) the fetcher also offers `getSession`.
 *
 * What they resolve is not trusted: with `isShell: true` (the SDK's default) a failure *resolves* — an HTTP
 * error's JSON body, or the `TypeError` / `SyntaxError` instance of a failed fetch / unreadable body.
 */
export interface OneEntryPaymentsLike {
  getSessions(
    offset?: number,
    limit?: number,
  ): Promise<OneEntrySessionsResponseWire | Array<OneEntrySessionWire | OneEntryLegacySessionWire> | OneEntryErrorWire | Error | unknown>;
  getSessionById?(id: number): Promise<OneEntrySessionWire | OneEntryLegacySessionWire | OneEntryErrorWire | Error | unknown>;
}
