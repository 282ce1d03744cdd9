import { addDays, CalendarDate, daysInMonth } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';

/**
 * A payment period: one calendar month, `YYYY-MM`. Like dates, valid periods compare correctly
 * with `<` and `===`.
 */
export type Period = string;

const PERIOD_PATTERN = /^(\d{4})-(\d{2})$/;

/** True for a month in `YYYY-MM` form (year 0001 or later, month 01–12). */
export function isPeriod(value: unknown): value is Period {
  if (typeof value !== 'string') return false;
  const match = PERIOD_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12;
}

/** Returns the value as a period or throws `INVALID_PERIOD` naming the field. */
export function assertPeriod(value: unknown, field: string): Period {
  if (!isPeriod(value)) {
    throw new DomainError('INVALID_PERIOD', `${field} must be a month in the form YYYY-MM.`, {
      field,
      value: typeof value === 'string' ? value : String(value),
    });
  }
  return value;
}

/** The period a date falls in. */
export function periodOf(date: CalendarDate): Period {
  return date.slice(0, 7);
}

/** The first day of a period. */
export function firstDayOf(period: Period): CalendarDate {
  return `${period}-01`;
}

/** The number of days in a period (28–31). */
export function daysInPeriod(period: Period): number {
  return daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
}

/** The last day of a period. */
export function lastDayOf(period: Period): CalendarDate {
  return `${period}-${String(daysInPeriod(period)).padStart(2, '0')}`;
}

/** Every day of a period, in order. */
export function datesOf(period: Period): CalendarDate[] {
  const first = firstDayOf(period);
  return Array.from({ length: daysInPeriod(period) }, (_, index) => addDays(first, index));
}

/** The period `months` months after (or, if negative, before) `period`. */
export function addPeriods(period: Period, months: number): Period {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
