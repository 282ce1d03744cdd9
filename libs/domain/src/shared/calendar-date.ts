import { DomainError } from './domain.error';

/**
 * A calendar date `YYYY-MM-DD` without time or zone. In this domain a date is always a day in
 * Europe/Stockholm. Being plain ISO strings, valid dates compare correctly with `<` and `===`.
 */
export type CalendarDate = string;

/** An instant in UTC as ISO 8601 with a `Z` suffix, e.g. `2025-03-01T09:30:00.000Z`. */
export type Instant = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real date in `YYYY-MM-DD` form (e.g. `2023-02-29` is false). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the value as a date or throws `INVALID_DATE` naming the field. */
export function assertCalendarDate(value: unknown, field: string): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new DomainError('INVALID_DATE', `${field} must be a real date in the form YYYY-MM-DD.`, {
      field,
      value: typeof value === 'string' ? value : String(value),
    });
  }
  return value;
}

/** True for an ISO 8601 UTC instant with a `Z` suffix and real date and time parts. */
export function isInstant(value: unknown): value is Instant {
  if (typeof value !== 'string') return false;
  const match = INSTANT_PATTERN.exec(value);
  if (!match || !isCalendarDate(match[1])) return false;
  return Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

/** Orders two valid dates: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function laterDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** The year of a valid date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Days since 1970-01-01 of a valid date, in the proleptic Gregorian calendar (H. Hinnant's civil
 * algorithms): integer arithmetic avoids `Date`, whose constructor maps years 0–99 to 1900–1999.
 */
export function toDayNumber(date: CalendarDate): number {
  let year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatDate(year, month, day);
}

function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `days` days after (or, if negative, before) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day `months` months later; clamped to the month's last day, so 30 November plus three
 * months is 28 (or 29) February, as notice periods are counted in Swedish contract practice.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

const STOCKHOLM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Stockholm calendar date of an instant (handles CET/CEST). */
export function stockholmDateOf(instant: Instant | Date): CalendarDate {
  const moment = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(moment.getTime())) {
    throw new DomainError('INVALID_DATE', 'The instant is not a valid time.', {
      value: String(instant),
    });
  }
  // Since 1900 Stockholm is a whole number of hours off UTC, so its date only changes on a UTC
  // hour: the formatting (costly, and asked on every request) is done once per hour.
  const time = moment.getTime();
  const hour = time >= WHOLE_HOURS_SINCE ? Math.floor(time / HOUR_MS) : NaN;
  if (hour !== lastHour.hour) {
    const parts = STOCKHOLM_DATE.formatToParts(moment);
    const part = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((p) => p.type === type)?.value);
    lastHour = { hour, date: formatDate(part('year'), part('month'), part('day')) };
  }
  return lastHour.date;
}

const HOUR_MS = 3_600_000;
/** Before this Stockholm kept local mean time (UTC+01:00:14). */
const WHOLE_HOURS_SINCE = Date.UTC(1900, 0, 1);
let lastHour: { hour: number; date: CalendarDate } = { hour: NaN, date: '' };
