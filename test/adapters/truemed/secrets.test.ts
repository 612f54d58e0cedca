/** Issue 11, finding 6: what the Truemed adapter keeps of secret-shaped values, secret-bearing links and metadata. */
import { describe, expect, it } from 'vitest';
import { mapTruemedSession } from '../../../src/adapters/truemed/map';
import type { PaymentSession } from '../../../src/core/types';
import { truemedRecord } from '../helpers';

function mapped(overrides: Record<string, unknown>): PaymentSession {
  const result = mapTruemedSession(truemedRecord(overrides));
  if (!result.ok) throw new Error(result.issues.join('; '));
  return result.value;
}

const CLIENT_SECRET = 'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH';

describe('mapTruemedSession given secrets in values', () => {
  it('drops the secret-bearing query parameter of redirect_url from paymentUrl and raw', () => {
    const session = mapped({
      redirect_url: `https://shop.example/done?payment_intent=pi_3Mtw&payment_intent_client_secret=${CLIENT_SECRET}&redirect_status=succeeded`,
    });
    expect(session.paymentUrl).toBe('https://shop.example/done?payment_intent=pi_3Mtw&redirect_status=succeeded');
    expect(session.raw.redirect_url).toBe(session.paymentUrl);
    expect(JSON.stringify(session)).not.toContain('_secret_');
  });

  it('redacts secret-shaped values under harmless keys in raw and metadata', () => {
    const session = mapped({
      note: `confirm with ${CLIENT_SECRET}`,
      metadata: { webhook: 'whsec_MfKQ9r8GKYqrTwjUPD8I', text: 'key sk_live_51H8aBcDeFgHiJkL here', client_secret_arn: 'arn:aws:secretsmanager:x' },
    });
    expect(session.raw.note).toBe('confirm with [redacted]');
    expect(session.metadata).toEqual({ webhook: '[redacted]', text: 'key [redacted] here' });
    expect(JSON.stringify(session)).not.toMatch(/whsec_|sk_live_|_secret_|secretsmanager/);
  });

  it('link-checks metadata like raw: a javascript: link under a link-named key becomes null', () => {
    const session = mapped({
      metadata: { return_url: 'javascript:alert(1)', links: { self: 'data:text/html,x', docs: 'https://docs.example/' }, note: 'javascript: is only text here' },
    });
    expect(session.metadata).toEqual({
      return_url: null,
      links: { self: null, docs: 'https://docs.example/' },
      note: 'javascript: is only text here',
    });
  });

  it('caps long strings in raw and metadata at 10,000 characters, with a marker', () => {
    const long = 'z'.repeat(50_000);
    const session = mapped({ note: long, metadata: { note: long } });
    expect(session.raw.note).toBe(`${'z'.repeat(10_000)}… [40000 characters cut]`);
    expect((session.metadata as { note: string }).note).toBe(session.raw.note);
  });
});
