import { describe, expect, it } from 'vitest';
import { isSecretKey, isUrlKey, safeHttpUrl, sanitizeRaw, stripSecrets } from '../../src/core/sanitize';

describe('stripSecrets', () => {
  it('removes secrets at any depth and keeps everything else', () => {
    const input = {
      id: 1,
      clientSecret: 'pi_1_secret_A',
      paymentToken: 'pt_keep',
      nested: { client_secret: 'pi_2_secret_B', list: [{ 'Client-Secret': 'pi_3_secret_C', name: 'ok' }] },
      'x-truemed-api-key': 'key',
    };
    const out = stripSecrets(input);
    expect(out).toEqual({ id: 1, paymentToken: 'pt_keep', nested: { list: [{ name: 'ok' }] } });
    expect(JSON.stringify(out)).not.toMatch(/secret_|"key"/);
    // The input is untouched.
    expect(input.clientSecret).toBe('pi_1_secret_A');
  });

  it('survives cycles and prototype keys', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(stripSecrets(cyclic)).toEqual({ a: 1, self: undefined });
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "b": 2}') as Record<string, unknown>;
    const out = stripSecrets(hostile);
    expect(out).toEqual({ b: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps shared (non-cyclic) references', () => {
    const shared = { v: 1 };
    expect(stripSecrets({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it('drops broken JSON text that names a secret (it cannot be cleaned key by key), keeps other broken text', () => {
    const out = stripSecrets({
      trailingComma: '{"client_secret":"pi_3_secret_C"},',
      bom: '\uFEFF{"client_secret":"pi_4_secret_D"}',
      harmless: '{not json, nothing to hide}',
    });
    expect(JSON.stringify(out)).not.toMatch(/secret_C|secret_D/);
    expect(out).toEqual({ harmless: '{not json, nothing to hide}' });
    expect(Object.keys(out).filter((key) => (out as Record<string, unknown>)[key] !== undefined)).toEqual(['harmless']);
  });

  it('cleans strings that hold JSON with secret keys, re-serialized without them', () => {
    const out = stripSecrets({
      intent: '{"amount": 1, "client_secret": "pi_1_secret_A"}',
      list: ['[{"clientSecret": "pi_2_secret_B", "ok": true}]'],
      deep: { text: '{"a": "{\\"apiKey\\": \\"k_1\\"}"}' },
    });
    expect(out).toEqual({
      intent: '{"amount":1}',
      list: ['[{"ok":true}]'],
      deep: { text: '{"a":"{}"}' },
    });
    expect(JSON.stringify(out)).not.toMatch(/secret_|k_1/);
  });

  it('leaves strings alone that are not JSON or hold no secret', () => {
    const input = {
      plain: 'hello {world}',
      broken: '{"amount": 1,',
      clean: '{ "amount": 1,  "currency": "usd" }',
      array: '[1, 2, 3]',
      braces: '{not json}',
    };
    expect(stripSecrets(input)).toEqual(input);
  });

  it('cleans embedded JSON whose secret sits under a __proto__ key (the dropped key counts as a change)', () => {
    const note = '{"__proto__":{"client_secret":"pi_1_secret_LEAK"},"ok":1}';
    const out = stripSecrets({ note });
    expect(out).toEqual({ note: '{"ok":1}' });
    expect(JSON.stringify(sanitizeRaw({ metadata: { info: note } }))).not.toContain('secret');
  });

  it('cleans JSON encoded twice (a JSON string holding JSON), re-encoded; other quoted text is kept', () => {
    const twice = JSON.stringify(JSON.stringify({ client_secret: 'pi_1_secret_LEAK2', amount: 5 }));
    const thrice = JSON.stringify(twice);
    const out = stripSecrets({ twice, thrice, quoted: '"Thanks" said the customer', plain: JSON.stringify('just text') });
    expect(out.twice).toBe(JSON.stringify(JSON.stringify({ amount: 5 })));
    expect(JSON.parse(JSON.parse(out.twice))).toEqual({ amount: 5 });
    expect(out.thrice).not.toContain('secret');
    expect(JSON.parse(JSON.parse(JSON.parse(out.thrice)))).toEqual({ amount: 5 });
    expect(out.quoted).toBe('"Thanks" said the customer');
    expect(out.plain).toBe(JSON.stringify('just text'));
  });

  it('names secret keys in any spelling', () => {
    for (const key of ['clientSecret', 'client_secret', 'CLIENT-SECRET', 'apiKey', 'api_key', 'secret']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['paymentToken', 'secretary', 'id', 'payment_token']) expect(isSecretKey(key)).toBe(false);
  });

  it.each([
    'stripeClientSecret',
    'client_secret_value',
    'webhook_secret',
    'secretKey',
    'api_secret',
    'apiKey',
    'x-truemed-api-key',
    'password',
    'userPassword',
    'access_token',
    'accessToken',
    'refresh_token',
    'private_key',
    'stripe_private_key',
    'SECRETS',
    'auth_token',
    'api_token',
    'session_token',
    'x-app-token',
    'bearer_token',
    'authorization',
    'Authorization',
    'id_token',
    'credentials',
    'signing_key',
    'encryption_key',
    // Issue 11: names that were missed.
    'client_secret_arn',
    'clientSecretArn',
    'secretArn',
    'token',
    'Token',
    'jwt',
    'id_jwt',
    'cvv',
    'card_cvc',
    'card_number',
    'cardNumber',
    'pin',
    'PIN',
    'card_pin',
    'pinCode',
    'PINCode',
    'signature',
    'webhook_signature',
    'pwd',
    'user_pwd',
    'passcode',
    'csrf_token',
  ])('names %j a secret (a secret word anywhere in the key)', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'payment_token',
    'paymentToken',
    'token_type',
    'id',
    'secretary',
    'secretariat',
    'publishable_key',
    'key',
    'api_version',
    'status_summary',
    'redirect_url',
    'authorization_id',
    'authorized_on',
    'prepaid_token',
    // Words that merely contain `pin`, `pwd`-like or `secret` letters.
    'spinner',
    'opinion',
    'shipping',
    'shipping_address',
    'pinned',
    'pinyin',
    'mapping',
    'secretaries',
    'payment_token_type',
  ])('keeps %j (not a secret)', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('strips compound secret keys from nested records and keeps payment tokens', () => {
    const out = stripSecrets({
      payment_token: 'pt_keep',
      token_type: 'bearer',
      metadata: {
        stripeClientSecret: 'pi_1_secret_A',
        client_secret_value: 'pi_2_secret_B',
        webhook_secret: 'whsec_C',
        secretKey: 'sk_live_D',
        api_secret: 'as_E',
        apiKey: 'ak_F',
        password: 'hunter2',
        access_token: 'at_G',
        refresh_token: 'rt_H',
        private_key: 'pk_I',
        paymentToken: 'pt_keep_2',
      },
    });
    expect(out).toEqual({ payment_token: 'pt_keep', token_type: 'bearer', metadata: { paymentToken: 'pt_keep_2' } });
  });
});

describe('sanitizeRaw', () => {
  it('strips secrets and nulls URL-named strings that are not http(s), at any depth', () => {
    const out = sanitizeRaw({
      id: 'ps_1',
      client_secret: 'pi_1_secret_A',
      redirect_url: 'javascript:alert(1)',
      paymentUrl: 'https://pay.example.com/x',
      successUrl: 'data:text/html,x',
      cancel_url: '/relative',
      'image-URI': 'ftp://files.example.com/a.png',
      href: 'javascript:void(0)',
      Link: ' javascript:alert(1)',
      embedded: '{"return_url": "javascript:alert(2)", "ok": 1}',
      nested: [{ docs_url: 'vbscript:x', name: 'javascript: is fine outside URL fields' }],
      webhook_urls: ['https://hooks.example.com/a', 'javascript:alert(3)'],
      linkCount: 3,
      urgency: 'javascript:',
    });
    expect(out).toEqual({
      id: 'ps_1',
      redirect_url: null,
      paymentUrl: 'https://pay.example.com/x',
      successUrl: null,
      cancel_url: null,
      'image-URI': null,
      href: null,
      Link: null,
      embedded: '{"return_url":null,"ok":1}',
      nested: [{ docs_url: null, name: 'javascript: is fine outside URL fields' }],
      webhook_urls: ['https://hooks.example.com/a', null],
      linkCount: 3,
      urgency: 'javascript:',
    });
  });

  it('keeps non-string URL-named values as they are (null, numbers, objects are walked)', () => {
    expect(sanitizeRaw({ paymentUrl: null, url: 3, link: { href: 'javascript:x', title: 't' } })).toEqual({
      paymentUrl: null,
      url: 3,
      link: { href: null, title: 't' },
    });
  });

  it('walks objects under a link-named key: nested links are judged, plain text is kept', () => {
    expect(
      sanitizeRaw({
        links: { self: 'javascript:alert(1)', next: 'https://api.example.com/p/2', title: 'Next page', meta: { href: 'data:text/html,x', rel: 'alternate' } },
        redirect: 'javascript:alert(2)',
        return_to: 'https://shop.example.com/done',
      }),
    ).toEqual({
      links: { self: null, next: 'https://api.example.com/p/2', title: 'Next page', meta: { href: null, rel: 'alternate' } },
      redirect: null,
      return_to: 'https://shop.example.com/done',
    });
  });

  it('under a link-named key, nulls links hidden from a plain scheme test and judges nested link-named keys strictly', () => {
    const out = sanitizeRaw({
      links: {
        self: 'java\tscript:alert(1)',
        e: ' \u0000javascript:alert(1)',
        f: 'java\rscript:x',
        g: '//evil.example.com/x',
        h: '\\\\evil.example.com',
        c: { href: '//evil.example.com' },
        d: { url: 'java\nscript:x', title: 'Docs' },
        ok: 'https://api.example.com/p/2',
        title: 'Next page',
      },
    });
    expect(out).toEqual({
      links: { self: null, e: null, f: null, g: null, h: null, c: { href: null }, d: { url: null, title: 'Docs' }, ok: 'https://api.example.com/p/2', title: 'Next page' },
    });
  });

  it('names URL keys by their ending', () => {
    for (const key of ['url', 'redirect_url', 'paymentUrl', 'successURL', 'callback-uri', 'href', 'self_href', 'link', 'paymentLink', 'urls', 'links']) {
      expect(isUrlKey(key)).toBe(true);
    }
    for (const key of ['redirect', 'redirect_to', 'returnTo']) expect(isUrlKey(key)).toBe(true);
    for (const key of ['id', 'urgency', 'linkCount', 'curious', 'status', 'redirects_count']) expect(isUrlKey(key)).toBe(false);
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://checkout.stripe.com/c/pay/cs_test#x', 'https://checkout.stripe.com/c/pay/cs_test#x'],
    ['http://example.com', 'http://example.com/'],
    ['  https://example.com/a  ', 'https://example.com/a'],
  ])('keeps %p', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ftp://example.com',
    '/relative/path',
    '//example.com/protocol-relative',
    'https://user:pass@example.com',
    'not a url',
    '',
  ])('drops %p', (input) => {
    expect(safeHttpUrl(input)).toBeUndefined();
  });

  it('drops non-strings', () => {
    expect(safeHttpUrl(42)).toBeUndefined();
    expect(safeHttpUrl({ href: 'https://x' })).toBeUndefined();
  });
});

describe('secret-shaped values (issue 11)', () => {
  const SECRETS = [
    'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH',
    'seti_1NGs3kLkdIwHu7ix_secret_O2zXfT0d',
    'sk_live_51H8aBcDeFgHiJkLmNoP',
    'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    'rk_live_51H8aBcDeFgHiJkL',
    'rk_test_51H8aBcDeFgHiJkL',
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  ];

  it.each(SECRETS)('redacts %j under any key, at any depth, in raw and in what the proxy forwards', (secret) => {
    const record = { note: `paid with ${secret}.`, nested: [{ text: secret }], description: `x ${secret} y ${secret}` };
    for (const out of [stripSecrets(record), sanitizeRaw(record)]) {
      expect(JSON.stringify(out)).not.toContain(secret);
      expect(out.note).toBe('paid with [redacted].');
      expect(out.nested[0]?.text).toBe('[redacted]');
      expect(out.description).toBe('x [redacted] y [redacted]');
    }
  });

  it('redacts inside embedded JSON, re-serialized', () => {
    const out = sanitizeRaw({ intent: JSON.stringify({ note: `k=${SECRETS[2]}`, amount: 5 }) });
    expect(JSON.parse(out.intent)).toEqual({ note: 'k=[redacted]', amount: 5 });
  });

  it('leaves look-alikes alone', () => {
    const record = { id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', pk: 'pk_live_51H8aBcDeF', text: 'the sk_ prefix, the secret_ word', ask: 'task_live_now' };
    expect(stripSecrets(record)).toEqual(record);
  });

  it('redacts a secret-named query parameter inside any text', () => {
    const out = stripSecrets({ log: 'GET /done?payment_intent=pi_1&payment_intent_client_secret=abc123&redirect_status=succeeded' });
    expect(out.log).toBe('GET /done?payment_intent=pi_1&payment_intent_client_secret=[redacted]&redirect_status=succeeded');
  });
});

describe('links that carry a secret (issue 11)', () => {
  const STRIPE_RETURN =
    'https://shop.example/done?payment_intent=pi_3Mtw&payment_intent_client_secret=pi_3Mtw_secret_YrKJUKrib&redirect_status=succeeded';

  it('safeHttpUrl removes the secret-bearing parameter and keeps the rest of the link', () => {
    expect(safeHttpUrl(STRIPE_RETURN)).toBe('https://shop.example/done?payment_intent=pi_3Mtw&redirect_status=succeeded');
    expect(safeHttpUrl('https://x.example/a?client_secret=anything')).toBe('https://x.example/a');
    expect(safeHttpUrl('https://x.example/a?note=sk_live_abcdef&b=1')).toBe('https://x.example/a?b=1');
    expect(safeHttpUrl('https://x.example/a#client_secret=abc')).toBe('https://x.example/a');
    expect(safeHttpUrl('https://x.example/a#pi_1_secret_2')).toBe('https://x.example/a');
  });

  it('safeHttpUrl refuses a link with a secret in its path', () => {
    expect(safeHttpUrl('https://x.example/pay/pi_1abc_secret_2def')).toBeUndefined();
  });

  it('keeps what makes a checkout link work: PayPal token, a signed URL signature, ordinary parameters', () => {
    for (const link of [
      'https://www.sandbox.paypal.com/checkoutnow?token=EC-9BE88048TU058770M',
      'https://bucket.example/receipt.pdf?X-Amz-Signature=abc123&X-Amz-Expires=60',
      'https://shop.example/orders/1?lang=de#top',
    ]) {
      expect(safeHttpUrl(link)).toBe(link);
    }
  });

  it('sanitizeRaw removes the parameter from link-named values and from metadata links', () => {
    const raw = sanitizeRaw({ paymentUrl: STRIPE_RETURN, links: { self: STRIPE_RETURN }, redirect: 'https://ok.example/' });
    expect(raw.paymentUrl).toBe('https://shop.example/done?payment_intent=pi_3Mtw&redirect_status=succeeded');
    expect(raw.links.self).toBe('https://shop.example/done?payment_intent=pi_3Mtw&redirect_status=succeeded');
    expect(raw.redirect).toBe('https://ok.example/');
    expect(JSON.stringify(raw)).not.toContain('secret');
  });
});

describe('string cap in raw (issue 11)', () => {
  it('cuts strings longer than 10,000 characters with a marker; the proxy path (stripSecrets) does not', () => {
    const long = 'a'.repeat(25_000);
    const raw = sanitizeRaw({ note: long, nested: { list: [long] }, short: 'b'.repeat(10_000) });
    expect(raw.note).toBe(`${'a'.repeat(10_000)}… [15000 characters cut]`);
    expect(raw.nested.list[0]).toBe(raw.note);
    expect(raw.short).toBe('b'.repeat(10_000));
    expect(stripSecrets({ note: long }).note).toBe(long);
  });

  it('redacts before cutting, so a secret across the cut is not left half visible', () => {
    const secret = 'sk_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const text = `${'x'.repeat(9_980)} ${secret}`;
    const out = sanitizeRaw({ text }).text;
    expect(text.length).toBeGreaterThan(10_000);
    expect(out === `${'x'.repeat(9_980)} [redacted]`, out.slice(9_970)).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(9_999)}😀${'b'.repeat(10)}`;
    const cut = sanitizeRaw({ text }).text;
    expect(cut.startsWith(`${'a'.repeat(9_999)}…`)).toBe(true);
  });
});

describe('value scanning cost (issue 11)', () => {
  it.each([
    ['many "?" and no "="', '?a'.repeat(100_000)],
    ['many "&" pairs without a value', '&a='.repeat(100_000)],
    ['many look-alike prefixes', 'ab_x '.repeat(100_000)],
    ['a long secret-ish run', `pi_${'a'.repeat(200_000)}`],
  ])('stays linear for %s', (_name, text) => {
    const started = performance.now();
    stripSecrets({ text });
    // Quadratic scanning of 200k characters takes minutes; linear takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
