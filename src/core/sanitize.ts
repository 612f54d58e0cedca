/**
 * Guards applied before any record leaves an adapter (and to what the proxy forwards): secrets removed,
 * URLs limited to http(s). Dates are read strictly by `toIsoInstant` in `iso-date.ts`.
 */

/**
 * Words that make a key name a credential, anywhere in the key once it is lower-cased and stripped of
 * everything but letters and digits: a Stripe client secret lets anyone confirm the payment, an API key
 * lets anyone call the backend, and a backend may name them `stripeClientSecret`, `webhook_secret`,
 * `client_secret_arn`, `secretKey`, `x-truemed-api-key`, `access_token`, `private_key`, `x-app-token`
 * (OneEntry's), a bearer `authorization`, `credentials`, `jwt`, `cvv`/`cvc`, `card_number`, `signature`….
 * `secretary`, `secretaries` and `secretariat` are words of their own. Tokens in general are not secrets:
 * `payment_token` is a documented Truemed field, shown and filtered on, `token_type` is harmless; a bare
 * `token`, `authorization` and `id_token` count only as the whole key (`authorization_id` is a payment's).
 */
const SECRET_WORD =
  /secret(?!ar(?:y|ies|iat))|password|passwd|passcode|apikey|privatekey|accesstoken|refreshtoken|authtoken|apitoken|sessiontoken|apptoken|csrftoken|xsrftoken|bearer|credential|signingkey|encryptionkey|signature|jwt|cvv|cvc|cardnumber|cardnum|^(?:proxy)?authorization$|^idtoken$|^token$/;
/**
 * Words that name a secret only as a whole segment of the key — split at separators and camelCase — since
 * they hide inside ordinary words: `pin`, `card_pin`, `pinCode`, `PIN` but not `spinner`, `opinion`,
 * `shipping`, `pinned`; `pwd`, `user_pwd`.
 */
const SECRET_SEGMENTS: ReadonlySet<string> = new Set(['pin', 'pwd']);

/** A key as the word lists read it: lower case, letters and digits only (`x-Truemed_API-key` → `xtruemedapikey`). */
function compactKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `cardPIN_code` → `['card', 'pin', 'code']`. */
function keySegments(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/**
 * Whether an object key names a secret (`clientSecret`, `client_secret`, `api-key`, `webhook_secret`,
 * `stripeClientSecret`, `refresh_token`, `token`, `jwt`, `cvv`, `card_number`, `pin`, `pwd`, …). Case,
 * `_`, `-` and other separators are ignored.
 */
export function isSecretKey(key: string): boolean {
  if (SECRET_WORD.test(compactKey(key))) return true;
  return keySegments(key).some((segment) => SECRET_SEGMENTS.has(segment));
}

/**
 * Values that are secrets whatever key they sit under: a Stripe client secret (`pi_…_secret_…`,
 * `seti_…_secret_…`), a secret or restricted API key (`sk_live_…`, `sk_test_…`, `rk_live_…`, `rk_test_…`)
 * and a webhook signing secret (`whsec_…`).
 */
const SECRET_VALUE = /\b[a-z]{2,6}_[A-Za-z0-9]+_secret_[A-Za-z0-9]+|\b[sr]k_(?:live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9+/=]+/g;
/**
 * Whether a query parameter's name names a secret ({@link isSecretKey}) that a link must not carry.
 * Except a bare `token` and a `signature`: in a link they are what makes it work (PayPal's checkout is
 * `…/checkoutnow?token=EC-…`, a signed URL carries its `signature`), given to whoever follows it.
 */
function isSecretParamName(name: string): boolean {
  const decoded = safeDecode(name);
  const compact = compactKey(decoded);
  return compact !== 'token' && !compact.includes('signature') && isSecretKey(decoded);
}

/**
 * `name=value` in a query string or fragment inside any text (`…?payment_intent_client_secret=…&…`). A name
 * never spans a `?`, so text of many `?` without `=` is scanned once, not once per `?` (quadratic).
 */
const QUERY_PAIR = /([?&#;])([^=?&#;\s"'<>]+)=([^&#;\s"'<>]*)/g;
/** What a secret inside a string is replaced by. */
const REDACTED = '[redacted]';

/** Whether `text` holds a secret-shaped value ({@link SECRET_VALUE}). */
function hasSecretValue(text: string): boolean {
  SECRET_VALUE.lastIndex = 0;
  return SECRET_VALUE.test(text);
}

/**
 * `text` with every secret-shaped value and every secret-named query parameter's value replaced by
 * `[redacted]`: `"paid with pi_1_secret_2"` → `"paid with [redacted]"`,
 * `"…?client_secret=abc&x=1"` → `"…?client_secret=[redacted]&x=1"`.
 */
export function redactSecretText(text: string): string {
  const values = text.replace(SECRET_VALUE, REDACTED);
  return values.replace(QUERY_PAIR, (pair, lead: string, name: string, value: string) =>
    value !== '' && value !== REDACTED && isSecretParamName(name) ? `${lead}${name}=${REDACTED}` : pair,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Longest string kept in `raw` and `metadata`; longer ones are cut and marked. */
export const MAX_RAW_STRING_LENGTH = 10_000;

/** A string cut to {@link MAX_RAW_STRING_LENGTH} characters, with a marker saying how much was cut. */
function capText(text: string): string {
  if (text.length <= MAX_RAW_STRING_LENGTH) return text;
  // Never cut a surrogate pair in half.
  let end = MAX_RAW_STRING_LENGTH;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [${text.length - end} characters cut]`;
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
  return URL_KEY.test(compactKey(key));
}

/**
 * A deep copy of `value` without any secret key, at any depth, and with secret-shaped values
 * (`pi_…_secret_…`, `sk_live_…`, `whsec_…`, a `client_secret=` query parameter) inside any string replaced
 * by `[redacted]` ({@link redactSecretText}). Cycles and absurd depth are cut off (replaced by
 * `undefined`) rather than crashing, since the input is untrusted.
 *
 * Strings that hold a JSON object or array (a backend that embeds JSON as text, like OneEntry's legacy
 * `intent`) are cleaned too: when the parsed value has a secret key anywhere, the string is replaced by
 * the cleaned value re-serialized; otherwise it is kept as it was. Only strings starting with `{` or `[`
 * are parsed, and JSON strings (`"…"`, JSON encoded twice), whose content is checked the same way; one
 * longer than 1,000,000 characters is dropped (`undefined`) rather than left unchecked.
 */
export function stripSecrets<T>(value: T): T {
  return clean(value, 'strip');
}

/**
 * What an adapter keeps as `session.raw` and `session.metadata`: {@link stripSecrets}; every string cut to
 * 10,000 characters ({@link MAX_RAW_STRING_LENGTH}, with a `… [N characters cut]` marker); and every
 * string under a URL-named key ({@link isUrlKey}: `redirect_url`, `paymentUrl`, `successUrl`, `cancelUrl`, `href`,
 * `links`, `redirect`, …, at any depth below such a key — arrays and objects alike, as in
 * `links: { self: … }` — and inside embedded JSON) that is not a safe http(s) URL ({@link safeHttpUrl})
 * becomes `null`. Safe URLs are kept exactly as they came, unless a query parameter or the fragment holds
a secret: that parameter (or fragment) is removed (see {@link safeHttpUrl}). Strings under other keys are not judged as
 * links: `raw` is the backend's record, so a host that renders any of it as a link must check it itself.
 */
export function sanitizeRaw<T>(value: T): T {
  return clean(value, 'raw');
}

/** `strip`: secrets only (what the proxy forwards). `raw`: also links checked and strings capped. */
function clean<T>(value: T, mode: 'strip' | 'raw'): T {
  const urls = mode === 'raw';
  const seen = new WeakSet<object>();
  // Counts what was taken out or nulled, so that a string of embedded JSON is only rewritten when it had to be.
  let changed = 0;
  /** Any string: embedded JSON cleaned inside, secret-shaped values redacted, and in `raw` mode capped. */
  const visitString = (text: string, depth: number): string | undefined => {
    const inner = visitJsonString(text, depth);
    if (inner === undefined) return undefined;
    const redacted = redactSecretText(inner);
    const out = urls ? capText(redacted) : redacted;
    if (out !== inner) changed += 1;
    return out;
  };
  /** A link that is kept: as it came, or without the query parameters or fragment that held a secret. */
  const visitSafeLink = (text: string): string | null => {
    const link = checkHttpUrl(text);
    if (link === undefined) {
      changed += 1;
      return null;
    }
    if (!link.stripped) return text;
    changed += 1;
    return link.href;
  };
  /** A string that may hold JSON — an object or array, or a JSON string (JSON encoded twice) — cleaned inside. */
  const visitJsonString = (text: string, depth: number): string | undefined => {
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
    if (typeof node === 'string') return visitSafeLink(node);
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
    if (typeof node === 'string') return looksLikeLink(node) ? visitSafeLink(node) : visitString(node, depth);
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
 *
 * A link must not carry a secret to wherever it leads (or into the browser's history): a query parameter
 * that names a secret or holds a secret-shaped value (Stripe's return URL carries
 * `payment_intent_client_secret=pi_…_secret_…`) is **removed** and the rest of the link kept, and so is a
 * fragment that holds one; a URL with a secret-shaped value anywhere else (its path) is no link at all.
 *
 * @example
 * safeHttpUrl('https://shop.example/done?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_2')
 * // 'https://shop.example/done?payment_intent=pi_1'
 */
export function safeHttpUrl(value: unknown): string | undefined {
  return checkHttpUrl(value)?.href;
}

/** {@link safeHttpUrl}, also saying whether a secret had to be taken out (so the text is not kept as it came). */
function checkHttpUrl(value: unknown): { href: string; stripped: boolean } | undefined {
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
  let stripped = false;
  for (const name of new Set(url.searchParams.keys())) {
    if (isSecretParamName(name) || url.searchParams.getAll(name).some(hasSecretValue)) {
      url.searchParams.delete(name);
      stripped = true;
    }
  }
  if (url.hash !== '') {
    const fragment = safeDecode(url.hash);
    if (hasSecretValue(fragment) || redactSecretText(fragment.replace(/^#/, '#&')) !== fragment.replace(/^#/, '#&')) {
      url.hash = '';
      stripped = true;
    }
  }
  if (hasSecretValue(safeDecode(url.href))) return undefined;
  return { href: url.href, stripped };
}

/** A plain object (not null, not an array), as parsed JSON gives. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
