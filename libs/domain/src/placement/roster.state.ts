import { addDays, CalendarDate } from '../shared/calendar-date';
import { RosterEvent } from './roster.events';

/**
 * One entitlement's place. It counts from `from` to `to` (the last day, inclusive; null while
 * held). Released on or before its first day, `to` is before `from` and it never counts.
 */
export type Reservation = Readonly<{
  entitlementId: string;
  citizenId: string;
  from: CalendarDate;
  to: CalendarDate | null;
}>;

/**
 * A provider's roster in one scheme: the consistency boundary for its capacity. Empty until the
 * first reservation names the provider and scheme.
 */
export type RosterState = Readonly<{
  providerId: string | null;
  schemeId: string | null;
  /** Every reservation in recording order, released ones included. */
  reservations: readonly Reservation[];
}>;

/** The roster before any event. */
export function initialRosterState(): RosterState {
  return { providerId: null, schemeId: null, reservations: [] };
}

/** Applies one roster event. */
export function evolveRoster(state: RosterState, event: RosterEvent): RosterState {
  switch (event.type) {
    case 'PlaceReserved': {
      const { providerId, schemeId, entitlementId, citizenId, from } = event.data;
      return {
        providerId,
        schemeId,
        reservations: [...state.reservations, { entitlementId, citizenId, from, to: null }],
      };
    }
    case 'PlaceReleased': {
      const { entitlementId, from } = event.data;
      // The entitlement's latest reservation ends the day before (a later end is brought forward).
      const last = state.reservations.map((r) => r.entitlementId).lastIndexOf(entitlementId);
      const lastDay = addDays(from, -1);
      return {
        ...state,
        reservations: state.reservations.map((reservation, i) =>
          i === last && (reservation.to === null || reservation.to > lastDay)
            ? { ...reservation, to: lastDay }
            : reservation,
        ),
      };
    }
    default:
      return state;
  }
}
