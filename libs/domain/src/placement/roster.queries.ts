import { authorisationIn, ProviderState } from '../provider/provider.state';
import { assertCalendarDate, CalendarDate, toDayNumber } from '../shared/calendar-date';
import { RosterState, Reservation } from './roster.state';

/** True if the reservation holds a place on `date`. */
export function isActiveOn(reservation: Reservation, date: CalendarDate): boolean {
  return reservation.from <= date && (reservation.to === null || date <= reservation.to);
}

/** An entitlement's reservations on the roster, in the order they were made. */
export function reservationsOf(roster: RosterState, entitlementId: string): Reservation[] {
  return roster.reservations.filter((reservation) => reservation.entitlementId === entitlementId);
}

/** The reservations holding a place on `date`, by first day and then entitlement id. */
export function activeReservationsOn(roster: RosterState, date: CalendarDate): Reservation[] {
  assertCalendarDate(date, 'date');
  return roster.reservations
    .filter((reservation) => isActiveOn(reservation, date))
    .sort((a, b) =>
      a.from !== b.from
        ? a.from < b.from
          ? -1
          : 1
        : a.entitlementId < b.entitlementId
          ? -1
          : a.entitlementId > b.entitlementId
            ? 1
            : 0,
    );
}

/** How many places are taken on `date`. */
export function occupancyOn(roster: RosterState, date: CalendarDate): number {
  return activeReservationsOn(roster, date).length;
}

/**
 * The most places taken on any one day from `date` on (to `until`, inclusive, if given). A new
 * reservation holds its place every day to its last day (indefinitely, if open), so it fits only
 * if this peak over those days is below the ceiling: counting only the first day would let a
 * reservation starting later be overbooked by an earlier, open-ended one.
 */
export function peakOccupancyFrom(
  roster: RosterState,
  date: CalendarDate,
  until: CalendarDate | null = null,
): number {
  assertCalendarDate(date, 'date');
  if (until !== null) assertCalendarDate(until, 'until');
  // A count per day from `date` on (a difference array), not a sort of every change: a roster
  // at national scale holds tens of thousands of reservations and every new one asks this.
  const first = toDayNumber(date);
  const starts: number[] = [];
  const ends: number[] = [];
  let last = 0;
  for (const { from, to } of roster.reservations) {
    if (to !== null && (to < from || to < date)) continue;
    if (until !== null && from > until) continue;
    const start = from < date ? 0 : toDayNumber(from) - first;
    // A place given back counts as free from the day after its last day.
    const end = to === null ? -1 : toDayNumber(to) - first + 1;
    starts.push(start);
    ends.push(end);
    last = Math.max(last, start, end);
  }
  const change = new Int32Array(last + 1);
  for (let i = 0; i < starts.length; i++) {
    change[starts[i]]++;
    if (ends[i] >= 0) change[ends[i]]--;
  }
  // On the same day, places given back count before places taken: both are in one sum.
  let current = 0;
  let peak = 0;
  for (const delta of change) {
    current += delta;
    if (current > peak) peak = current;
  }
  return peak;
}

/** Places still free for a reservation from `date` on, or null without a ceiling. */
export function freePlacesFrom(
  roster: RosterState,
  date: CalendarDate,
  ceiling: number | null,
): number | null {
  if (ceiling === null) return null;
  return Math.max(0, ceiling - peakOccupancyFrom(roster, date));
}

/** The capacity ceiling (kapacitetstak) the provider declared in the scheme; null for none. */
export function capacityCeiling(provider: ProviderState, schemeId: string): number | null {
  return authorisationIn(provider, schemeId)?.capacity ?? null;
}
