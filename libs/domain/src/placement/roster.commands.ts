import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';

/**
 * Reserves a place with a provider in a scheme from a date, for one entitlement. `ceiling` is the
 * provider's declared capacity in the scheme (`capacityCeiling(provider, schemeId)`), null for
 * none. The caller appends the result with the roster's expected revision, so that under
 * concurrent choices for the last places exactly `ceiling` reservations succeed.
 */
export type ReservePlace = Message<
  'ReservePlace',
  {
    providerId: string;
    schemeId: string;
    citizenId: string;
    entitlementId: string;
    /** First day of the placement. */
    from: CalendarDate;
    /**
     * The entitlement's last day (its granted end, or an end already decided), null while open:
     * the place is held to then at most, so it is free again from the day after without a
     * release. Without it the place is held until released (as before this field existed).
     */
    lastDay?: CalendarDate | null;
    ceiling: number | null;
  }
>;

/**
 * Gives a reserved place back from a date (the first day without it): when the citizen switches
 * away or the entitlement ends, or to compensate a reservation whose choice could not be
 * recorded (released from its own first day, it never counted).
 */
export type ReleasePlace = Message<
  'ReleasePlace',
  { providerId: string; schemeId: string; entitlementId: string; from: CalendarDate }
>;

/** Every command of the `roster` aggregate. */
export type RosterCommand = ReservePlace | ReleasePlace;
