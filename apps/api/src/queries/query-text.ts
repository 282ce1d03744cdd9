import { fieldProblem } from '../problem/validation-problem';

/**
 * An optional text query parameter. Given more than once (`?a=x&a=y`) it arrives as a list, which
 * must not reach SQL (better-sqlite3 binds each item and fails with a 500): refused as malformed.
 */
export function textParam(value: unknown, field: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw fieldProblem(field, `${field} must be given once, as text`);
}
