import { authorisationIn, ProviderState } from '../provider/provider.state';
import { addDays, assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { RosterState, Reservation } from './roster.state';

/** True if the reservation holds a place on `date`. */
export function isActiveOn(reservation: Reservation, date: CalendarDate): boolean {
  return reservation.from <= date && (reservation.to === null || date <= reservation.to);
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
 * The most places taken on any one day from `date` on. A new reservation holds its place
 * indefinitely, so it fits only if this peak is below the ceiling: counting only the first day
 * would let a reservation starting later be overbooked by an earlier, open-ended one.
 */
export function peakOccupancyFrom(roster: RosterState, date: CalendarDate): number {
  assertCalendarDate(date, 'date');
  const changes: Array<{ on: CalendarDate; delta: number }> = [];
  for (const { from, to } of roster.reservations) {
    if (to !== null && (to < from || to < date)) continue;
    changes.push({ on: from < date ? date : from, delta: 1 });
    if (to !== null) changes.push({ on: addDays(to, 1), delta: -1 });
  }
  // On the same day, places given back count before places taken.
  changes.sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.delta - b.delta));
  let current = 0;
  let peak = 0;
  for (const change of changes) {
    current += change.delta;
    peak = Math.max(peak, current);
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
