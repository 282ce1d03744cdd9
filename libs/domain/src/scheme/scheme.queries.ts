import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { BasisPoints } from '../shared/money';
import { SchemeState } from './scheme.state';
import { DEFAULT_PAYMENT_RULE, PaymentRule, ScheduledRate } from './scheme.types';

/** Whether a scheme runs on a date. */
export type SchemeOpenness = 'not_established' | 'not_started' | 'open' | 'closed';

/** Whether the scheme runs on `date`: started on or before it and not closed by then. */
export function schemeOpennessOn(scheme: SchemeState, date: CalendarDate): SchemeOpenness {
  assertCalendarDate(date, 'date');
  if (scheme.status === 'not_established') return 'not_established';
  if (date < scheme.startDate) return 'not_started';
  if (scheme.closingDate !== null && date >= scheme.closingDate) return 'closed';
  return 'open';
}

/** True if the scheme runs on `date`. */
export function isSchemeOpenOn(scheme: SchemeState, date: CalendarDate): boolean {
  return schemeOpennessOn(scheme, date) === 'open';
}

// The entry in force on a date: the latest effective date on or before it; among entries with the
// same effective date the one scheduled last wins (a correction of a not-yet-effective entry).
function inForce<T extends { effectiveDate: CalendarDate }>(
  entries: readonly T[],
  date: CalendarDate,
): T | undefined {
  let found: T | undefined;
  for (const entry of entries) {
    if (entry.effectiveDate <= date && (!found || entry.effectiveDate >= found.effectiveDate)) {
      found = entry;
    }
  }
  return found;
}

/** The rate in force for a level on a date, or undefined if none has taken effect yet. */
export function rateOn(
  scheme: SchemeState,
  level: string,
  date: CalendarDate,
): ScheduledRate | undefined {
  assertCalendarDate(date, 'date');
  if (scheme.status === 'not_established') return undefined;
  return inForce(
    scheme.rates.filter((rate) => rate.level === level),
    date,
  );
}

/** The rate in force on a date for every level that has one, sorted by level. */
export function ratesOn(scheme: SchemeState, date: CalendarDate): ScheduledRate[] {
  if (scheme.status === 'not_established') return [];
  const levels = [...new Set(scheme.rates.map((rate) => rate.level))].sort();
  return levels
    .map((level) => rateOn(scheme, level, date))
    .filter((rate): rate is ScheduledRate => rate !== undefined);
}

/**
 * The VAT-compensation percentage in force on a date, in basis points, for non-municipal
 * providers (municipal ones get none).
 */
export function vatCompensationOn(scheme: SchemeState, date: CalendarDate): BasisPoints {
  assertCalendarDate(date, 'date');
  if (scheme.status === 'not_established') return 0;
  return inForce(scheme.vatCompensation, date)?.basisPoints ?? 0;
}

/**
 * The payment rule for the payment of period `period` (`YYYY-MM`): the entry with the latest
 * `effectiveFrom` on or before it (of entries from the same period, the one set last), or
 * {@link DEFAULT_PAYMENT_RULE} (per day, corrections without limit) when none applies.
 */
export function paymentRuleFor(scheme: SchemeState, period: string): PaymentRule {
  if (scheme.status === 'not_established') return DEFAULT_PAYMENT_RULE;
  let found: (typeof scheme.paymentRules)[number] | undefined;
  for (const entry of scheme.paymentRules) {
    if (entry.effectiveFrom <= period && (!found || entry.effectiveFrom >= found.effectiveFrom)) {
      found = entry;
    }
  }
  if (!found) return DEFAULT_PAYMENT_RULE;
  const { correctionWindowMonths } = found;
  return found.proration === 'counting_day'
    ? { proration: 'counting_day', countingDay: found.countingDay, correctionWindowMonths }
    : { proration: 'per_day', correctionWindowMonths };
}
