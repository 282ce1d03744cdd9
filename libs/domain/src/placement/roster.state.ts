import { addDays, CalendarDate } from '../shared/calendar-date';
import { RosterEvent } from './roster.events';

/**
 * One entitlement's place. It counts from `from` to `to` (the last day, inclusive; null while
 * held with no end). `to` starts as the entitlement's last day the reservation named, if any, and
 * a release brings it forward. Released on or before its first day, `to` is before `from` and it
 * never counts.
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
      const to = event.data.lastDay ?? null;
      return {
        providerId,
        schemeId,
        reservations: [...state.reservations, { entitlementId, citizenId, from, to }],
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

/**
 * Applies many roster events at once: the same state as folding them one by one with
 * {@link evolveRoster}, but the reservations are copied once rather than once per event, so
 * loading a roster of n places costs O(n), not O(n²).
 */
export function evolveRosterAll(state: RosterState, events: readonly RosterEvent[]): RosterState {
  let { providerId, schemeId } = state;
  const reservations = [...state.reservations];
  for (const event of events) {
    if (event.type === 'PlaceReserved') {
      const { entitlementId, citizenId, from } = event.data;
      providerId = event.data.providerId;
      schemeId = event.data.schemeId;
      reservations.push({ entitlementId, citizenId, from, to: event.data.lastDay ?? null });
    } else if (event.type === 'PlaceReleased') {
      const { entitlementId, from } = event.data;
      const lastDay = addDays(from, -1);
      for (let i = reservations.length - 1; i >= 0; i--) {
        if (reservations[i].entitlementId !== entitlementId) continue;
        const reservation = reservations[i];
        if (reservation.to === null || reservation.to > lastDay)
          reservations[i] = { ...reservation, to: lastDay };
        break;
      }
    }
  }
  return { providerId, schemeId, reservations };
}
