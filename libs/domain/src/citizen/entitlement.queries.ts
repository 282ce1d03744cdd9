import { assertCalendarDate, CalendarDate, laterDate } from '../shared/calendar-date';
import { EntitlementState, GrantedEntitlement } from './entitlement.state';
import { LevelPeriod, PerformedHoursReport, Placement, Supplement } from './entitlement.types';

/** The last day entitled (inclusive): the earlier of the granted `validTo` and an early end. */
export function lastEntitledDay(entitlement: GrantedEntitlement): CalendarDate | null {
  const { validTo, endDate } = entitlement;
  if (validTo === null) return endDate;
  if (endDate === null) return validTo;
  return endDate < validTo ? endDate : validTo;
}

/** True if the entitlement covers `date`. */
export function isEntitledOn(entitlement: EntitlementState, date: CalendarDate): boolean {
  assertCalendarDate(date, 'date');
  if (entitlement.status === 'not_granted') return false;
  const last = lastEntitledDay(entitlement);
  return entitlement.validFrom <= date && (last === null || date <= last);
}

/** True if the entitlement covers some day from `from` to `to` (both inclusive). */
export function isEntitledWithin(
  entitlement: EntitlementState,
  from: CalendarDate,
  to: CalendarDate,
): boolean {
  if (entitlement.status === 'not_granted') return false;
  const last = lastEntitledDay(entitlement);
  return entitlement.validFrom <= to && (last === null || from <= last);
}

/**
 * The level in force on `date` (the entry with the latest effective date on or before it; of
 * entries with the same date, the one recorded last), or undefined outside the entitlement.
 */
export function levelOn(
  entitlement: EntitlementState,
  date: CalendarDate,
): LevelPeriod | undefined {
  if (!isEntitledOn(entitlement, date) || entitlement.status === 'not_granted') return undefined;
  let found: LevelPeriod | undefined;
  for (const entry of entitlement.levels) {
    if (entry.effectiveDate <= date && (!found || entry.effectiveDate >= found.effectiveDate)) {
      found = entry;
    }
  }
  return found;
}

/** The placement on `date`, or undefined if there is none or the entitlement does not cover it. */
export function placementOn(
  entitlement: EntitlementState,
  date: CalendarDate,
): Placement | undefined {
  if (!isEntitledOn(entitlement, date) || entitlement.status === 'not_granted') return undefined;
  return entitlement.placements.find(
    (placement) => placement.from <= date && (placement.to === null || date <= placement.to),
  );
}

/** The provider the voucher goes to on `date`, or null. */
export function providerOn(entitlement: EntitlementState, date: CalendarDate): string | null {
  return placementOn(entitlement, date)?.providerId ?? null;
}

/** True once any choice or assignment has been registered (even one starting later). */
export function hasPlacement(entitlement: EntitlementState): boolean {
  return entitlement.status !== 'not_granted' && entitlement.placements.length > 0;
}

/**
 * True if the non-choice alternative is due on `date`: the choice deadline (last day to choose)
 * has passed, nothing has been chosen or assigned, and the entitlement has not run out.
 */
export function needsNonChoice(entitlement: EntitlementState, date: CalendarDate): boolean {
  assertCalendarDate(date, 'date');
  if (entitlement.status === 'not_granted' || entitlement.choiceDeadline === null) return false;
  if (date <= entitlement.choiceDeadline || hasPlacement(entitlement)) return false;
  const last = lastEntitledDay(entitlement);
  return last === null || nonChoiceEffectiveDate(entitlement, date) <= last;
}

/** When a non-choice assignment made on `today` takes effect: today, or the first day entitled. */
export function nonChoiceEffectiveDate(
  entitlement: GrantedEntitlement,
  today: CalendarDate,
): CalendarDate {
  return laterDate(today, entitlement.validFrom);
}

/**
 * The placement with `providerId` that the provider's leaving the scheme from `leavingFrom`
 * (the effective date of a de-authorisation or withdrawal) cuts short: one running on that day,
 * or one that would start later, within the entitlement. Undefined if the citizen has already
 * switched away in time or the entitlement ends before.
 */
export function placementEndingBecauseOf(
  entitlement: EntitlementState,
  providerId: string,
  leavingFrom: CalendarDate,
): Placement | undefined {
  assertCalendarDate(leavingFrom, 'leavingFrom');
  if (entitlement.status === 'not_granted') return undefined;
  const last = lastEntitledDay(entitlement);
  return entitlement.placements.find(
    (placement) =>
      placement.providerId === providerId &&
      (placement.to === null || placement.to >= leavingFrom) &&
      (last === null || laterDate(placement.from, leavingFrom) <= last),
  );
}

/** The last day a supplement is paid for (inclusive): the earlier of `to` and an early end. */
export function supplementLastDay(supplement: Supplement): CalendarDate | null {
  const { to, endDate } = supplement;
  if (to === null) return endDate;
  if (endDate === null) return to;
  return endDate < to ? endDate : to;
}

/** The supplements in force on `date` (within the entitlement), in granting order. */
export function supplementsOn(entitlement: EntitlementState, date: CalendarDate): Supplement[] {
  if (!isEntitledOn(entitlement, date) || entitlement.status === 'not_granted') return [];
  return entitlement.supplements.filter((supplement) => {
    const last = supplementLastDay(supplement);
    return supplement.from <= date && (last === null || date <= last);
  });
}

/**
 * The performed-hours report in force for a month (`YYYY-MM`) and provider: the one recorded
 * last, since a later report replaces (corrects) an earlier one. Undefined if none was made.
 */
export function performedHoursFor(
  entitlement: EntitlementState,
  period: string,
  providerId: string,
): PerformedHoursReport | undefined {
  if (entitlement.status === 'not_granted') return undefined;
  let found: PerformedHoursReport | undefined;
  for (const report of entitlement.performedHours) {
    if (report.period === period && report.providerId === providerId) found = report;
  }
  return found;
}
