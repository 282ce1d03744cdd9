import { isCalendarDate } from '@kundval/domain';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/** A date query parameter (YYYY-MM-DD), or the fallback when absent. */
export function dateParam(value: string | undefined, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (isCalendarDate(value)) return value;
  throw new ProblemException(
    problem(400, 'VALIDATION_FAILED', 'The request is malformed', `Invalid fields: ${field}`, {
      errors: [{ field, messages: [`${field} must be a real date YYYY-MM-DD`] }],
    }),
  );
}
