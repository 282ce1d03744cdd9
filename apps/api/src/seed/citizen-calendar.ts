import { addDays, addMonths, CalendarDate } from '@kundval/domain';
import { SEED_COUNTS_AS_OF } from './nacka-seed-plan';

// ASSUMPTION. "The last year" is the year before the day the seeded figures describe (seed 003's
// counts, October 2014), not the year before the wall clock: a fixed year keeps the seed the same
// on every run, so a rerun finds every step already done and appends nothing.

/** The day the seeded market shares describe: every citizen's history lies before it. */
export const CITIZENS_AS_OF: CalendarDate = SEED_COUNTS_AS_OF;

/** The first day of the seeded year of citizens' history. */
export const CITIZEN_HISTORY_FROM: CalendarDate = addDays(CITIZENS_AS_OF, -365);

/** The last day of the seeded year: every decision and choice is made by then. */
export const CITIZEN_HISTORY_TO: CalendarDate = addDays(CITIZENS_AS_OF, -1);

/** First day of the autumn term 2014: school starters begin, pupils move up a grade. */
export const AUTUMN_TERM_2014: CalendarDate = '2014-08-18';

// The day of the week, 0 Sunday to 6 Saturday.
function weekdayOf(date: CalendarDate): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** `date`, or the Monday after it if it falls on a weekend: when the municipality decides. */
export function workdayOnOrAfter(date: CalendarDate): CalendarDate {
  const day = weekdayOf(date);
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

/** The first day of the month after `date`'s. */
export function firstOfNextMonth(date: CalendarDate): CalendarDate {
  return `${addMonths(date, 1).slice(0, 7)}-01`;
}

/** The birthday `years` years after `birthDate` (29 February gives 28 February). */
export function birthday(birthDate: CalendarDate, years: number): CalendarDate {
  return addMonths(birthDate, years * 12);
}

/** Whole years of age on `date`. */
export function ageOn(birthDate: CalendarDate, date: CalendarDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return birthday(birthDate, years) <= date ? years : years - 1;
}
