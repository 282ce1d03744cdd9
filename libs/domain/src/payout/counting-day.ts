import { addDays, CalendarDate, daysBetween } from '../shared/calendar-date';
import type { CountingDay } from '../scheme/scheme.types';
import { firstDayOf, lastDayOf, Period } from './period';

// 1970-01-05 was a Monday.
const A_MONDAY = '1970-01-05';

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: CalendarDate): number {
  const offset = daysBetween(A_MONDAY, date) % 7;
  return (offset < 0 ? offset + 7 : offset) + 1;
}

/** True from Monday to Friday. Public holidays are not modelled (see {@link countingDayOf}). */
export function isWeekday(date: CalendarDate): boolean {
  return dayOfWeek(date) <= 5;
}

/**
 * The counting day (mätdatum) of a period under a scheme's rule:
 * - `fifteenth`: the 15th, moved to the next weekday (Monday) when it falls on a Saturday or
 *   Sunday;
 * - `first_weekday`: the first Monday–Friday of the month;
 * - `last_weekday`: the last Monday–Friday of the month.
 *
 * Only weekends move the day: Swedish public holidays (Easter, Ascension, Midsummer, Christmas…)
 * are not modelled, so a counting day on such a weekday stays where it is. A municipality that
 * moves it for holidays too would need a holiday calendar here.
 */
export function countingDayOf(period: Period, countingDay: CountingDay): CalendarDate {
  switch (countingDay) {
    case 'fifteenth':
      return nextWeekdayFrom(`${period}-15`, 1);
    case 'first_weekday':
      return nextWeekdayFrom(firstDayOf(period), 1);
    case 'last_weekday':
      return nextWeekdayFrom(lastDayOf(period), -1);
  }
}

function nextWeekdayFrom(date: CalendarDate, step: 1 | -1): CalendarDate {
  let day = date;
  while (!isWeekday(day)) day = addDays(day, step);
  return day;
}
