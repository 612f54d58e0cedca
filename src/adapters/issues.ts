/**
 * valibot issues and unexpected values in words: detailed lines for developer-facing invalid-record reports,
 * and a short value-free line for the error message a user may read.
 */
import * as v from 'valibot';

/** valibot issues → short readable lines like `total_amount: must not be negative`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** How a value the schema did not expect is named in a message a user may read (never the value itself). */
function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a number that is not finite';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    default:
      return 'something else';
  }
}

/** valibot's `expected` (`Array`, `Object`, `number`, `"total"`) in plain words. */
function describeExpected(expected: string | null): string {
  if (expected === null) return 'something else';
  if (/Array/.test(expected)) return 'a list';
  if (/Object/.test(expected)) return 'an object';
  if (/number/.test(expected)) return 'a number';
  if (/string/.test(expected)) return 'text';
  return 'something else';
}

/**
 * valibot issues about a response's **envelope** → one short line for the error message the list shows:
 * `payment_sessions: missing`, `payment_sessions: expected a list, got text`, `pagination.count: must not be
 * negative`. Unlike {@link describeIssues} (for developer-facing reports) it never quotes valibot's wording
 * ("Invalid key: Expected … but received undefined") nor the value received, which may be anything (markup,
 * the words `undefined` or `NaN`). At most `max` distinct issues are named.
 */
export function describeEnvelopeIssues(issues: readonly v.BaseIssue<unknown>[], max = 3): string {
  const lines = issues.map((issue) => {
    const path = v.getDotPath(issue) ?? 'response';
    if (issue.kind !== 'schema') return `${path}: ${issue.message}`;
    if (issue.input === undefined) return `${path}: missing`;
    return `${path}: expected ${describeExpected(issue.expected)}, got ${describeReceived(issue.input)}`;
  });
  return [...new Set(lines)].slice(0, max).join('; ');
}

/** `null`, `an array`, `string`… for messages about a value that should have been an object. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
