import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeEnvelopeIssues, describeIssues, describeJsonType } from '../../src/adapters/issues';

const Envelope = v.object({
  payment_sessions: v.array(v.unknown()),
  pagination: v.optional(v.object({ count: v.pipe(v.number(), v.minValue(0, 'must not be negative')) })),
});

const issuesOf = (input: unknown) => {
  const result = v.safeParse(Envelope, input);
  if (result.success) throw new Error('expected the envelope to fail');
  return result.issues;
};

describe('describeIssues', () => {
  it('names the path of each issue with its message', () => {
    expect(describeIssues(issuesOf({ payment_sessions: [], pagination: { count: -1 } }))).toEqual(['pagination.count: must not be negative']);
  });
});

describe('describeEnvelopeIssues', () => {
  it('says what is missing or of the wrong kind, in plain words', () => {
    expect(describeEnvelopeIssues(issuesOf({}))).toBe('payment_sessions: missing');
    expect(describeEnvelopeIssues(issuesOf({ payment_sessions: 'oops' }))).toBe('payment_sessions: expected a list, got text');
    expect(describeEnvelopeIssues(issuesOf({ payment_sessions: [], pagination: { count: -1 } }))).toBe('pagination.count: must not be negative');
  });

  it('never quotes the value received', () => {
    const line = describeEnvelopeIssues(issuesOf({ payment_sessions: '<script>alert(1)</script>' }));
    expect(line).not.toContain('script');
    expect(line).toBe('payment_sessions: expected a list, got text');
  });

  it('names each distinct issue once, at most `max` of them', () => {
    const issues = [...issuesOf({}), ...issuesOf({}), ...issuesOf({ payment_sessions: 1 })];
    expect(describeEnvelopeIssues(issues)).toBe('payment_sessions: missing; payment_sessions: expected a list, got a number');
    expect(describeEnvelopeIssues(issues, 1)).toBe('payment_sessions: missing');
  });
});

describe('describeJsonType', () => {
  it('tells null and arrays apart from objects', () => {
    expect(describeJsonType(null)).toBe('null');
    expect(describeJsonType([])).toBe('an array');
    expect(describeJsonType('x')).toBe('string');
    expect(describeJsonType({})).toBe('object');
  });
});
