import { addDays, CalendarDate, Ownership } from '@kundval/domain';
import { CapacityBook } from './capacity-book';
import { EntitlementTimeline } from './citizen-timelines';
import { NACKA_FOLLOW_UP } from './nacka-follow-up.seed';
import { ProviderPlan, SchemePlan } from './nacka-seed-plan';
import { SeededRandom } from './seeded-random';

/** Which side of the market a provider is on: independent (private, non-profit) or municipal. */
export type Side = 'independent' | 'municipal';

const sideOf = (ownership: Ownership): Side =>
  ownership === 'municipal' ? 'municipal' : 'independent';

// Providers the seed de-authorises (effective after the seeded year) take no new customers here:
// their customers would otherwise need the re-choice the de-authorisation starts, outside the year.
const LEAVING = new Set(
  NACKA_FOLLOW_UP.flatMap((step) => (step.kind === 'deauthorisation' ? [step.providerId] : [])),
);

/** A dated step of a timeline that takes or gives back a place. */
export type PlanEvent = {
  kind: 'placement' | 'switch' | 'end';
  on: CalendarDate;
  timeline: EntitlementTimeline;
};

/**
 * Picks the seeded citizens' providers in date order, keeping a capacity book so that no choice
 * meets a full roster: among the providers ready by the day of the choice, weighted by the places
 * they have left, on the side asked for. The scheme's non-choice provider keeps places for the
 * planned non-choice assignments.
 */
export class ProviderPicker {
  private readonly book = new CapacityBook();
  private readonly providers = new Map<string, ProviderPlan[]>();
  private readonly nonChoiceProviders = new Map<string, ProviderPlan>();
  /** Places kept free at each non-choice provider for the planned non-choice assignments. */
  private readonly reserve = new Map<string, number>();
  private readonly held = new Map<string, string>();
  private readonly timelines: readonly EntitlementTimeline[];

  constructor(schemes: readonly SchemePlan[], timelines: readonly EntitlementTimeline[]) {
    this.timelines = timelines;
    for (const { seed, providers } of schemes) {
      this.providers.set(
        seed.schemeId,
        providers.filter((p) => !LEAVING.has(p.providerId)),
      );
      // The seed designates the scheme's first municipal provider (see NackaSeeder).
      const designated = providers.find((p) => p.ownership === 'municipal');
      if (designated) this.nonChoiceProviders.set(seed.schemeId, designated);
      for (const p of providers) this.book.declare(p.providerId, p.capacity);
    }
    for (const t of timelines) {
      if (t.placement.kind !== 'non-choice') continue;
      const designated = this.nonChoiceProviders.get(t.mix.schemeId);
      if (!designated) throw new Error(`Scheme "${t.mix.schemeId}" has no non-choice provider`);
      this.reserve.set(designated.providerId, (this.reserve.get(designated.providerId) ?? 0) + 1);
    }
  }

  /** Every placement, switch and end, by day (then entitlement, then placement before switch). */
  events(): PlanEvent[] {
    const events: PlanEvent[] = this.timelines.flatMap((timeline) => [
      { kind: 'placement' as const, on: timeline.placement.on, timeline },
      ...(timeline.switch ? [{ kind: 'switch' as const, on: timeline.switch.on, timeline }] : []),
      ...(timeline.end ? [{ kind: 'end' as const, on: timeline.end.on, timeline }] : []),
    ]);
    return events.sort((a, b) =>
      a.on !== b.on
        ? compare(a.on, b.on)
        : compare(a.timeline.entitlementId, b.timeline.entitlementId),
    );
  }

  current(t: EntitlementTimeline): string {
    const providerId = this.held.get(t.entitlementId);
    if (!providerId) throw new Error(`Entitlement "${t.entitlementId}" has no place to leave`);
    return providerId;
  }

  choose(t: EntitlementTimeline, on: CalendarDate, from: CalendarDate, side: Side | null): string {
    this.book.startDay(on);
    const leaving = this.held.get(t.entitlementId) ?? null;
    const free = (p: ProviderPlan) =>
      this.book.free(p.providerId, from) - (this.reserve.get(p.providerId) ?? 0);
    const open = (this.providers.get(t.mix.schemeId) ?? []).filter(
      (p) => p.readyOn <= on && p.providerId !== leaving && free(p) > 0,
    );
    const random = SeededRandom.for(`provider:${t.entitlementId}:${on}`);
    const onSide = side === null ? open : open.filter((p) => sideOf(p.ownership) === side);
    const chosen = random.weighted(onSide, free);
    if (!chosen) {
      const where = side === null ? '' : ` on the ${side} side`;
      throw new Error(`No provider in "${t.mix.schemeId}"${where} has room on ${from}`);
    }
    this.place(t, chosen.providerId, from);
    return chosen.providerId;
  }

  nonChoice(t: EntitlementTimeline, on: CalendarDate, from: CalendarDate): string {
    this.book.startDay(on);
    const designated = this.nonChoiceProviders.get(t.mix.schemeId)!;
    this.reserve.set(designated.providerId, this.reserve.get(designated.providerId)! - 1);
    this.place(t, designated.providerId, from);
    return designated.providerId;
  }

  end(t: EntitlementTimeline, on: CalendarDate, endDate: CalendarDate): string {
    this.book.startDay(on);
    const providerId = this.current(t);
    this.book.release(providerId, t.entitlementId, addDays(endDate, 1));
    this.held.delete(t.entitlementId);
    return providerId;
  }

  private place(t: EntitlementTimeline, providerId: string, from: CalendarDate) {
    const leaving = this.held.get(t.entitlementId);
    this.book.reserve(providerId, t.entitlementId, from);
    if (leaving) this.book.release(leaving, t.entitlementId, from);
    this.held.set(t.entitlementId, providerId);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
