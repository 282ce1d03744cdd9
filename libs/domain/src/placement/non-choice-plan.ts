import { needsNonChoice, nonChoiceEffectiveDate } from '../citizen/entitlement.queries';
import { EntitlementState } from '../citizen/entitlement.state';
import { ProviderState } from '../provider/provider.state';
import { SchemeState } from '../scheme/scheme.state';
import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { isDomainError } from '../shared/domain.error';
import { NonChoiceRule, nonChoiceProviderFor } from './non-choice';
import { entitlementsToReassign } from './reassignment';

/** One non-choice assignment to make: the data of an `AssignNonChoiceProvider` command. */
export type NonChoiceAssignment = Readonly<{
  entitlementId: string;
  citizenId: string;
  providerId: string;
  effectiveDate: CalendarDate;
  cause: 'no_choice' | 'provider_leaving';
  leavingProviderId: string | null;
  /** Why, in English and without personal data; also justifies a backdated date. */
  reason: string;
}>;

/** An entitlement that needs the non-choice alternative but got no provider: a caseworker's. */
export type UnassignedNonChoice = Readonly<{
  entitlementId: string;
  citizenId: string;
  cause: 'no_choice' | 'provider_leaving';
  leavingProviderId: string | null;
  /** The refusal's message and details (`details.reason`) from `nonChoiceProviderFor`. */
  message: string;
  details: Readonly<Record<string, unknown>>;
}>;

/** What the non-choice saga should do now. */
export type NonChoicePlan = Readonly<{
  assignments: readonly NonChoiceAssignment[];
  unassigned: readonly UnassignedNonChoice[];
  /** The rotation counter after these assignments (unchanged for the designated rule). */
  rotationCounter: number | null;
}>;

/** What {@link planNonChoiceAssignments} looks at. */
export type NonChoicePlanInput = Readonly<{
  scheme: SchemeState;
  /** The providers of the scheme (their states). */
  providers: readonly ProviderState[];
  /** The scheme's entitlements that may need it (others are skipped). */
  entitlements: readonly EntitlementState[];
  rule: NonChoiceRule;
  today: CalendarDate;
  /** Providers not to pick, e.g. those whose roster is full. */
  exclude?: readonly string[];
}>;

type Need = Omit<NonChoiceAssignment, 'providerId'>;

/**
 * The pure core of the non-choice saga (process manager), run on a schedule (daily) and on
 * `DeauthorisationDecided` / `WithdrawalNotified`. It finds every entitlement that needs the
 * non-choice alternative today and picks the provider for each:
 * - `no_choice`: the choice deadline has passed without any choice (`needsNonChoice`); effective
 *   today, or the first day entitled if later;
 * - `provider_leaving`: the citizen's provider leaves the scheme and the last day to choose again
 *   (`rechooseBy`, the day before it leaves) has come; effective the day it leaves.
 * Entitlements are handled in entitlement-id order, so rotation is reproducible. The saga then
 * reserves each place (`ReservePlace`; on `PROVIDER_FULL`, plan again excluding that provider)
 * and sends `AssignNonChoiceProvider` with `actorRole: 'system'`, which does nothing if the
 * citizen chose in the meantime.
 */
export function planNonChoiceAssignments(input: NonChoicePlanInput): NonChoicePlan {
  const today = assertCalendarDate(input.today, 'today');
  const { scheme, providers, rule } = input;
  const schemeId = scheme.status === 'not_established' ? null : scheme.schemeId;
  const needs = new Map<string, Need>();

  const sorted = [...input.entitlements].sort((a, b) =>
    a.status === 'not_granted' || b.status === 'not_granted'
      ? 0
      : a.entitlementId < b.entitlementId
        ? -1
        : a.entitlementId > b.entitlementId
          ? 1
          : 0,
  );
  for (const entitlement of sorted) {
    if (entitlement.status === 'not_granted' || entitlement.schemeId !== schemeId) continue;
    if (needsNonChoice(entitlement, today)) {
      needs.set(entitlement.entitlementId, {
        entitlementId: entitlement.entitlementId,
        citizenId: entitlement.citizenId,
        effectiveDate: nonChoiceEffectiveDate(entitlement, today),
        cause: 'no_choice',
        leavingProviderId: null,
        reason: `No choice was made by the deadline ${entitlement.choiceDeadline}.`,
      });
    }
  }
  if (schemeId !== null) {
    for (const provider of providers) {
      for (const item of entitlementsToReassign(sorted, provider, schemeId)) {
        if (today < item.rechooseBy || needs.has(item.entitlementId)) continue;
        needs.set(item.entitlementId, {
          entitlementId: item.entitlementId,
          citizenId: item.citizenId,
          effectiveDate: item.effectiveDate,
          cause: 'provider_leaving',
          leavingProviderId: item.providerId,
          reason:
            item.cause === 'deauthorisation'
              ? `Provider "${item.providerId}" is de-authorised in the scheme from ${item.effectiveDate}.`
              : `Provider "${item.providerId}" leaves the scheme from ${item.effectiveDate}.`,
        });
      }
    }
  }

  const assignments: NonChoiceAssignment[] = [];
  const unassigned: UnassignedNonChoice[] = [];
  let counter = rule?.kind === 'rotation' ? rule.counter : null;
  const ordered = [...needs.values()].sort((a, b) =>
    a.entitlementId < b.entitlementId ? -1 : a.entitlementId > b.entitlementId ? 1 : 0,
  );
  for (const need of ordered) {
    const exclude = [...(input.exclude ?? [])];
    if (need.leavingProviderId !== null) exclude.push(need.leavingProviderId);
    const currentRule: NonChoiceRule =
      counter === null ? { kind: 'designated' } : { kind: 'rotation', counter };
    try {
      const providerId = nonChoiceProviderFor(
        scheme,
        providers,
        currentRule,
        need.effectiveDate,
        exclude,
      );
      assignments.push({ ...need, providerId });
      if (counter !== null) counter += 1;
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'NO_NON_CHOICE_PROVIDER') throw error;
      unassigned.push({
        entitlementId: need.entitlementId,
        citizenId: need.citizenId,
        cause: need.cause,
        leavingProviderId: need.leavingProviderId,
        message: error.message,
        details: error.details ?? {},
      });
    }
  }
  return { assignments, unassigned, rotationCounter: counter };
}
