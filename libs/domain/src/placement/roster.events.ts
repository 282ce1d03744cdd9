import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';

/** A place with the provider is taken from `from` for an entitlement. */
export type PlaceReserved = Message<
  'PlaceReserved',
  {
    providerId: string;
    schemeId: string;
    citizenId: string;
    entitlementId: string;
    from: CalendarDate;
    /**
     * The last day the place is held unless given back earlier: the entitlement's last day when
     * reserved. Null (or absent, in events recorded before it existed): until released.
     */
    lastDay?: CalendarDate | null;
    /** The ceiling the reservation was checked against (null: none), for the audit trail. */
    ceiling: number | null;
    reservedOn: CalendarDate;
  }
>;

/** The entitlement's place is free again from `from` (the first day without it). */
export type PlaceReleased = Message<
  'PlaceReleased',
  {
    providerId: string;
    schemeId: string;
    entitlementId: string;
    from: CalendarDate;
    releasedOn: CalendarDate;
  }
>;

/** Every event of the `roster` aggregate. */
export type RosterEvent = PlaceReserved | PlaceReleased;
