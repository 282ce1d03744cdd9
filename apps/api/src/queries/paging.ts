import { fieldsProblem } from '../problem/validation-problem';

export interface Page {
  limit: number;
  offset: number;
}

const MAX_LIMIT = 500;

/**
 * Reads `limit` (1–`maxLimit`, 500 unless given; default `defaultLimit`, 100 unless given) and
 * `offset` from a query string.
 */
export function pageOf(
  query: { limit?: string; offset?: string },
  defaultLimit = 100,
  maxLimit = MAX_LIMIT,
): Page {
  return pagesOf(query, [], defaultLimit, maxLimit).page;
}

/** As {@link pageOf}, with the offsets of further lists that share the page's limit. */
export function pagesOf<K extends string>(
  query: { limit?: string; offset?: string } & Partial<Record<K, string>>,
  extraOffsets: readonly K[],
  defaultLimit = 100,
  maxLimit = MAX_LIMIT,
): { page: Page; offsets: Record<K, number> } {
  const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
  const errors = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    errors.push({ field: 'limit', messages: [`limit must be an integer from 1 to ${maxLimit}`] });
  }
  const offsetOf = (field: string, value: string | undefined): number => {
    const offset = value === undefined ? 0 : Number(value);
    // A safe integer: SQLite refuses 1e308 (an "integer" to JavaScript) as an OFFSET with a 500.
    if (!Number.isSafeInteger(offset) || offset < 0)
      errors.push({ field, messages: [`${field} must be a non-negative integer`] });
    return offset;
  };
  const offset = offsetOf('offset', query.offset);
  const offsets = {} as Record<K, number>;
  for (const field of extraOffsets) offsets[field] = offsetOf(field, query[field]);
  if (errors.length > 0) {
    throw fieldsProblem(errors);
  }
  return { page: { limit, offset }, offsets };
}
