import { addDays, CalendarDate } from '@kundval/domain';

type Place = { entitlementId: string; from: CalendarDate; to: CalendarDate | null };

/**
 * The seed planner's copy of the providers' rosters, so that the planned choices never meet
 * PROVIDER_FULL. It counts a place as taken from a date if it is held then or later, which is at
 * least the roster's peak occupancy from that date (what `ReservePlace` checks). Places given back
 * on a day count until the day is over: the seed runs one day's steps concurrently, so a place
 * given back that day may still be held when another citizen's reservation is decided.
 */
export class CapacityBook {
  private readonly places = new Map<string, Place[]>();
  private readonly ceilings = new Map<string, number>();
  private pending: { providerId: string; entitlementId: string; from: CalendarDate }[] = [];
  private day: CalendarDate | null = null;

  /** Declares a provider's ceiling in the book (the seed's declared capacity, less any reserve). */
  declare(providerId: string, ceiling: number): void {
    this.ceilings.set(providerId, ceiling);
  }

  /** Moves the book to `day`; the days must come in order. Releases of earlier days take effect. */
  startDay(day: CalendarDate): void {
    if (this.day !== null && day < this.day) {
      throw new Error(`The capacity book went back from ${this.day} to ${day}`);
    }
    if (day === this.day) return;
    for (const { providerId, entitlementId, from } of this.pending) {
      const place = this.held(providerId, entitlementId);
      if (place) place.to = addDays(from, -1);
    }
    this.pending = [];
    this.day = day;
  }

  /** Places left from `from` on, by the book's (cautious) count. */
  free(providerId: string, from: CalendarDate): number {
    const ceiling = this.ceilings.get(providerId) ?? 0;
    const taken = (this.places.get(providerId) ?? []).filter(
      (place) => place.to === null || place.to >= from,
    ).length;
    return ceiling - taken;
  }

  reserve(providerId: string, entitlementId: string, from: CalendarDate): void {
    if (this.free(providerId, from) <= 0) {
      throw new Error(`The seed plan overbooks provider "${providerId}" from ${from}`);
    }
    const places = this.places.get(providerId) ?? [];
    places.push({ entitlementId, from, to: null });
    this.places.set(providerId, places);
  }

  /** Gives the place back from `from` (the first day without it), once the day is over. */
  release(providerId: string, entitlementId: string, from: CalendarDate): void {
    this.pending.push({ providerId, entitlementId, from });
  }

  private held(providerId: string, entitlementId: string): Place | undefined {
    return (this.places.get(providerId) ?? []).find(
      (place) => place.entitlementId === entitlementId && place.to === null,
    );
  }
}
