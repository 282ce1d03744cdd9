import { fieldProblem } from '../problem/validation-problem';
import { isCalendarDate } from '@kundval/domain';

/** A date query parameter (YYYY-MM-DD), or the fallback when absent. */
export function dateParam(value: string | undefined, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (isCalendarDate(value)) return value;
  throw fieldProblem(field, `${field} must be a real date YYYY-MM-DD`);
}
