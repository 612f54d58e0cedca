/**
 * Guards applied before any record leaves an adapter (and to what the proxy forwards): secrets removed,
 * URLs limited to http(s), dates read strictly as ISO 8601.
 */

/**
 * Words that make a key name a credential, anywhere in the key once it is lower-cased and stripped of
 * everything but letters and digits: a Stripe client secret lets anyone confirm the payment, an API key
 * lets anyone call the backend, and a backend may name them `stripeClientSecret`, `webhook_secret`,
 * `secretKey`, `x-truemed-api-key`, `access_token`, `private_key`, `x-app-token` (OneEntry's), a
 * bearer `authorization`, `credentials`…. `secret` followed by `ar` (`secretary`, `secretariat`) is a word
 * of its own. Tokens in general are not secrets: `payment_token` is shown and filtered on, `token_type` is
 * harmless; `authorization` and `id_token` count only as the whole key (`authorization_id` is a payment's).
 */
const SECRET_WORD =
  /secret(?!ar)|password|passwd|apikey|privatekey|accesstoken|refreshtoken|authtoken|apitoken|sessiontoken|apptoken|bearer|credential|signingkey|encryptionkey|^(?:proxy)?authorization$|^idtoken$/;

/**
 * Whether an object key names a secret (`clientSecret`, `client_secret`, `api-key`, `webhook_secret`,
 * `stripeClientSecret`, `refresh_token`, …). Case, `_`, `-` and other separators are ignored.
 */
export function isSecretKey(key: string): boolean {
  return SECRET_WORD.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

const MAX_DEPTH = 20;
/** Longest string that is parsed to look for secrets inside embedded JSON; longer JSON-like text is dropped. */
const MAX_EMBEDDED_JSON = 1_000_000;
/**
 * Text that a browser would follow as a link to somewhere: one with a URL scheme (`javascript:`, `data:`,
 * `https:`…) or a protocol-relative `//host`. Read as the URL parser reads it: leading and trailing controls
 * and spaces left out, tabs and line breaks removed anywhere (`java\tscript:` is `javascript:`), `\` as `/`.
 */
function looksLikeLink(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the controls are exactly what the URL parser skips.
  const asParsed = text.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i.test(asParsed);
}
/** Text that may be a JSON object or array (what `JSON.parse` accepts starts so, after whitespace). */
const JSON_CONTAINER_START = /^\s*[[{]/;
/** Text that may be a JSON string: JSON encoded twice (`"{\"client_secret\": …}"`). */
const JSON_STRING_START = /^\s*"/;

/**
 * Key names whose values are links: `url`, `redirect_url`, `successURL`, `callback-uri`, `href`,
 * `paymentLink`, `urls`, and the redirect targets `redirect`, `redirect_to`, `return_to`.
 */
const URL_KEY = /(?:url|uri|href|link)s?$|^redirect(?:to)?$|^returnto$/;

/**
 * Whether an object key names a link (it ends with `url`, `uri`, `href` or `link`, or is a redirect target,
 * ignoring case and separators).
 */
export function isUrlKey(key: string): boolean {
  return URL_KEY.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * A deep copy of `value` without any secret key, at any depth. Cycles and absurd depth are cut off
 * (replaced by `undefined`) rather than crashing, since the input is untrusted.
 *
 * Strings that hold a JSON object or array (a backend that embeds JSON as text, like OneEntry's legacy
 * `intent`) are cleaned too: when the parsed value has a secret key anywhere, the string is replaced by
 * the cleaned value re-serialized; otherwise it is kept as it was. Only strings starting with `{` or `[`
 * are parsed, and JSON strings (`"…"`, JSON encoded twice), whose content is checked the same way; one
 * longer than 1,000,000 characters is dropped (`undefined`) rather than left unchecked.
 */
export function stripSecrets<T>(value: T): T {
  return clean(value, false);
}

/**
 * What an adapter keeps as `session.raw`: {@link stripSecrets}, and in addition every string under a
 * URL-named key ({@link isUrlKey}: `redirect_url`, `paymentUrl`, `successUrl`, `cancelUrl`, `href`,
 * `links`, `redirect`, …, at any depth below such a key — arrays and objects alike, as in
 * `links: { self: … }` — and inside embedded JSON) that is not a safe http(s) URL ({@link safeHttpUrl})
 * becomes `null`. Safe URLs are kept exactly as they came. Strings under other keys are not judged as
 * links: `raw` is the backend's record, so a host that renders any of it as a link must check it itself.
 */
export function sanitizeRaw<T>(value: T): T {
  return clean(value, true);
}

function clean<T>(value: T, urls: boolean): T {
  const seen = new WeakSet<object>();
  // Counts what was taken out or nulled, so that a string of embedded JSON is only rewritten when it had to be.
  let changed = 0;
  /** A string that may hold JSON — an object or array, or a JSON string (JSON encoded twice) — cleaned inside. */
  const visitString = (text: string, depth: number): string | undefined => {
    const quoted = JSON_STRING_START.test(text);
    if (!quoted && !JSON_CONTAINER_START.test(text)) return text;
    if (text.length > MAX_EMBEDDED_JSON || depth > MAX_DEPTH) {
      changed += 1;
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Plain text that starts with a quote is text. Broken JSON cannot be cleaned key by key: if it names a
      // secret anywhere, drop it whole (fail closed).
      if (quoted || !isSecretKey(text)) return text;
      changed += 1;
      return undefined;
    }
    if (quoted && typeof parsed !== 'string') return text;
    const before = changed;
    const cleaned = quoted ? visitString(parsed as string, depth + 1) : visit(parsed, depth + 1);
    if (changed === before) return text;
    return cleaned === undefined ? undefined : JSON.stringify(cleaned);
  };
  /** A value under a URL-named key: strings must be safe links (else `null`), lists are checked item by item. */
  const visitLink = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      if (safeHttpUrl(node) !== undefined) return node;
      changed += 1;
      return null;
    }
    if (node === null || typeof node !== 'object' || depth > MAX_DEPTH || seen.has(node)) return visit(node, depth);
    // Below a link-named key: list items are links (`urls: [...]`), and so are link-named entries
    // (`links: { self: { href } }`); other entries may be links or text (`links: { self, title }`), so there
    // any string that looks like a link and is not a safe http(s) one is nulled.
    return copyContainer(
      node,
      (item) => visitLink(item, depth + 1),
      (key, child) => (isUrlKey(key) ? visitLink(child, depth + 1) : visitUnderLink(child, depth + 1)),
    );
  };
  /** A value inside an object under a link-named key: its own link-named keys are links, other strings are links only if they have a scheme. */
  const visitUnderLink = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      if (looksLikeLink(node) && safeHttpUrl(node) === undefined) {
        changed += 1;
        return null;
      }
      return visitString(node, depth);
    }
    return node !== null && typeof node === 'object' ? visitLink(node, depth) : node;
  };
  const visit = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return visitString(node, depth);
    if (node === null || typeof node !== 'object') return node;
    if (depth > MAX_DEPTH || seen.has(node)) {
      changed += 1;
      return undefined;
    }
    return copyContainer(
      node,
      (item) => visit(item, depth + 1),
      (key, child) => (urls && isUrlKey(key) ? visitLink(child, depth + 1) : visit(child, depth + 1)),
    );
  };
  /** A copy of an array or object, each item or entry visited; secret keys and `__proto__` are left out. */
  const copyContainer = (
    node: object,
    visitItem: (item: unknown) => unknown,
    visitEntry: (key: string, child: unknown) => unknown,
  ): unknown => {
    seen.add(node);
    let copy: unknown;
    if (Array.isArray(node)) {
      copy = node.map((item) => visitItem(item));
    } else {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        // `__proto__` as an own key must not become a prototype on the copy. Leaving it out is a change, so
        // embedded JSON that had one (and maybe a secret inside it) is re-serialized from the clean copy.
        if (key === '__proto__') {
          changed += 1;
          continue;
        }
        if (isSecretKey(key)) {
          changed += 1;
          continue;
        }
        out[key] = visitEntry(key, child);
      }
      copy = out;
    }
    seen.delete(node);
    return copy;
  };
  return visit(value, 0) as T;
}

/**
 * Returns the URL if it is an absolute `http:` or `https:` URL without embedded credentials, else
 * `undefined`. `javascript:`, `data:`, relative and malformed URLs never become links.
 */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}

// Date, optional time with optional seconds/fraction, optional offset. `T` or a space (Python's str()).
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time → the UTC instant as `toISOString()`, or `undefined` when it is not one.
 * Stricter than `Date.parse`: `"1"`, `"June 5"` and impossible days (`2024-02-30`, which `Date.parse` rolls
 * over to March 1) are rejected. A date-time without an offset is read as UTC, so the result never depends
 * on the machine's time zone.
 */
export function toIsoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, , , offset] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  const withOffset = hour !== undefined && offset === undefined ? `${text}Z` : text;
  const time = Date.parse(withOffset.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A plain object (not null, not an array), as parsed JSON gives. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
