import { placementEndingBecauseOf } from '../citizen/entitlement.queries';
import { EntitlementState } from '../citizen/entitlement.state';
import { authorisationIn, ProviderState } from '../provider/provider.state';
import { addDays, CalendarDate, laterDate } from '../shared/calendar-date';

/** Why a provider leaves a scheme: de-authorised by the municipality, or its own withdrawal. */
export type DepartureCause = 'deauthorisation' | 'withdrawal';

/** A provider's decided departure from a scheme. */
export type ProviderDeparture = Readonly<{
  providerId: string;
  schemeId: string;
  cause: DepartureCause;
  /** When it was decided (de-authorisation) or notified (withdrawal). */
  decidedOn: CalendarDate;
  /** First day the provider is no longer authorised; its placements end the day before. */
  effectiveDate: CalendarDate;
}>;

/**
 * The provider's decided departure from the scheme, if any: a de-authorisation (also while
 * appealed, since the effective date stands unless a court overturns it) or a notified
 * withdrawal.
 */
export function departureOf(
  provider: ProviderState,
  schemeId: string,
): ProviderDeparture | undefined {
  if (provider.status !== 'registered') return undefined;
  const auth = authorisationIn(provider, schemeId);
  if (auth?.status === 'deauthorised' && auth.deauthorisation !== null) {
    const { decidedOn, effectiveDate } = auth.deauthorisation;
    return {
      providerId: provider.providerId,
      schemeId,
      cause: 'deauthorisation',
      decidedOn,
      effectiveDate,
    };
  }
  if (auth?.status === 'withdrawn' && auth.withdrawal !== null) {
    const { noticeGivenOn, effectiveDate } = auth.withdrawal;
    return {
      providerId: provider.providerId,
      schemeId,
      cause: 'withdrawal',
      decidedOn: noticeGivenOn,
      effectiveDate,
    };
  }
  return undefined;
}

/** A citizen who must choose again because their provider leaves the scheme. */
export type Reassignment = Readonly<{
  entitlementId: string;
  citizenId: string;
  schemeId: string;
  /** The provider leaving. */
  providerId: string;
  cause: DepartureCause;
  /** The day the new placement must start: the leaving date, or a later placement's start. */
  effectiveDate: CalendarDate;
  /**
   * The last day to choose before the non-choice alternative is assigned (the day before
   * `effectiveDate`); a choice registered that day still replaces the assignment.
   */
  rechooseBy: CalendarDate;
}>;

/**
 * The entitlements placed with a provider whose departure from the scheme has been decided, for
 * the re-choice list (sorted by effective date, then entitlement id). Citizens who already
 * switched away in time, or whose entitlement ends before, are not listed. Empty if no departure
 * is decided.
 */
export function entitlementsToReassign(
  entitlements: readonly EntitlementState[],
  provider: ProviderState,
  schemeId: string,
): Reassignment[] {
  const departure = departureOf(provider, schemeId);
  if (departure === undefined) return [];
  const list: Reassignment[] = [];
  for (const entitlement of entitlements) {
    if (entitlement.status === 'not_granted' || entitlement.schemeId !== schemeId) continue;
    const placement = placementEndingBecauseOf(
      entitlement,
      departure.providerId,
      departure.effectiveDate,
    );
    if (placement === undefined) continue;
    const effectiveDate = laterDate(placement.from, departure.effectiveDate);
    list.push({
      entitlementId: entitlement.entitlementId,
      citizenId: entitlement.citizenId,
      schemeId,
      providerId: departure.providerId,
      cause: departure.cause,
      effectiveDate,
      rechooseBy: addDays(effectiveDate, -1),
    });
  }
  return list.sort((a, b) =>
    a.effectiveDate !== b.effectiveDate
      ? a.effectiveDate < b.effectiveDate
        ? -1
        : 1
      : a.entitlementId < b.entitlementId
        ? -1
        : a.entitlementId > b.entitlementId
          ? 1
          : 0,
  );
}
