import { fieldsProblem } from '../problem/validation-problem';

export interface Page {
  limit: number;
  offset: number;
}

const MAX_LIMIT = 500;

/** Reads `limit` (1–500, default 100) and `offset` from a query string. */
export function pageOf(query: { limit?: string; offset?: string }): Page {
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  const errors = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    errors.push({ field: 'limit', messages: [`limit must be an integer from 1 to ${MAX_LIMIT}`] });
  }
  // A safe integer: SQLite refuses 1e308 (an "integer" to JavaScript) as an OFFSET with a 500.
  if (!Number.isSafeInteger(offset) || offset < 0)
    errors.push({ field: 'offset', messages: ['offset must be a non-negative integer'] });
  if (errors.length > 0) {
    throw fieldsProblem(errors);
  }
  return { limit, offset };
}
