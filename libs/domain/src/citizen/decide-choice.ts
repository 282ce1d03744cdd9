import { addDays, assertCalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertIdentifier, assertIntegerInRange, assertOneOf } from '../shared/validation';
import { AssignNonChoiceProvider, PlaceByAdmission, RegisterChoice } from './entitlement.commands';
import { ChoiceRegistered, EntitlementEvent } from './entitlement.events';
import {
  assertBackdatingAllowed,
  assertChoosable,
  assertEntitledOn,
  grantedEntitlement,
  optionalText,
  placementTakenOver,
} from './entitlement.guards';
import { hasPlacement } from './entitlement.queries';
import { EntitlementState, GrantedEntitlement } from './entitlement.state';
import {
  ACTOR_ROLES,
  CHOOSER_CHANNELS,
  CHOOSERS,
  MAX_PREFERENCES,
  MAX_SWITCH_NOTICE_DAYS,
  NON_CHOICE_CAUSES,
  SWITCH_REASONS,
} from './entitlement.types';

const ASSIGNING_ROLES = ['caseworker', 'system'] as const;

type Placing = Omit<ChoiceRegistered['data'], 'entitlementId' | 'citizenId' | 'schemeId'>;

function registered(entitlement: GrantedEntitlement, placing: Placing): ChoiceRegistered {
  return {
    type: 'ChoiceRegistered',
    data: {
      entitlementId: entitlement.entitlementId,
      citizenId: entitlement.citizenId,
      schemeId: entitlement.schemeId,
      ...placing,
    },
  };
}

function sameProvider(providerId: string, effectiveDate: string): never {
  throw new DomainError(
    'SAME_PROVIDER',
    `Provider "${providerId}" is already the provider on ${effectiveDate}.`,
    { providerId, effectiveDate },
  );
}

/**
 * A citizen's (or their agent's) choice: the first one, or a switch. Rules: the effective date
 * lies within the entitlement and not before the latest placement; only a caseworker may
 * backdate, with a reason; a switch respects the notice period unless a caseworker registers
 * it; the provider is choosable then and is not already the provider then.
 */
export function registerChoice(
  { data }: RegisterChoice,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const providerId = assertIdentifier(data.providerId, 'providerId');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  const madeBy = assertOneOf(data.madeBy, CHOOSERS, 'madeBy');
  const channel = assertOneOf(data.channel, CHOOSER_CHANNELS, 'channel');
  const actorRole = assertOneOf(data.actorRole, ACTOR_ROLES, 'actorRole');
  const switchReason =
    data.switchReason === undefined || data.switchReason === null
      ? null
      : assertOneOf(data.switchReason, SWITCH_REASONS, 'switchReason');
  const reason = optionalText(data.reason, 'reason');
  const noticeDays =
    data.switchNoticeDays === undefined || data.switchNoticeDays === null
      ? null
      : assertIntegerInRange(data.switchNoticeDays, 'switchNoticeDays', 0, MAX_SWITCH_NOTICE_DAYS);

  assertEntitledOn(entitlement, effectiveDate, 'effectiveDate');
  const caseworker = actorRole === 'caseworker';
  assertBackdatingAllowed(effectiveDate, today, caseworker, reason);
  const previous = placementTakenOver(entitlement, effectiveDate);
  if (previous?.providerId === providerId) sameProvider(providerId, effectiveDate);
  if (previous !== undefined && noticeDays !== null && !caseworker) {
    const earliest = addDays(today, noticeDays);
    if (effectiveDate < earliest) {
      throw new DomainError(
        'NOTICE_PERIOD_NOT_MET',
        `A switch takes effect after ${noticeDays} days' notice: ${earliest} at the earliest.`,
        { effectiveDate, earliest, noticeDays },
      );
    }
  }
  assertChoosable(data.choosability, providerId, effectiveDate);

  const kind = previous === undefined ? 'first_choice' : 'switch';
  return [
    registered(entitlement, {
      providerId,
      effectiveDate,
      kind,
      madeBy,
      channel,
      previousProviderId: previous?.providerId ?? null,
      switchReason: kind === 'switch' ? switchReason : null,
      nonChoiceCause: null,
      admission: null,
      reason,
      registeredOn: today,
    }),
  ];
}

/**
 * Assigns the non-choice alternative. Returns no events when there is nothing left to do (a
 * choice was registered first, or the citizen already left the leaving provider), so the saga may
 * retry freely. The system may assign for `no_choice` only after the choice deadline, and never
 * backdated; for `provider_leaving` the date is the leaving provider's, so it may be backdated to
 * it (with a reason) if the saga runs late.
 */
export function assignNonChoiceProvider(
  { data }: AssignNonChoiceProvider,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const providerId = assertIdentifier(data.providerId, 'providerId');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  const cause = assertOneOf(data.cause, ['no_choice', 'provider_leaving'] as const, 'cause');
  const actorRole = assertOneOf(data.actorRole, ASSIGNING_ROLES, 'actorRole');
  const reason = optionalText(data.reason, 'reason');
  const leavingProviderId =
    cause === 'provider_leaving'
      ? assertIdentifier(data.leavingProviderId, 'leavingProviderId')
      : null;

  assertEntitledOn(entitlement, effectiveDate, 'effectiveDate');
  if (cause === 'no_choice') {
    if (hasPlacement(entitlement)) return [];
    const deadline = entitlement.choiceDeadline;
    if (actorRole === 'system' && (deadline === null || today <= deadline)) {
      throw new DomainError(
        'CHOICE_DEADLINE_NOT_PASSED',
        deadline === null
          ? 'The entitlement has no choice deadline; only a caseworker can assign the non-choice alternative.'
          : `The citizen may choose until ${deadline}; the non-choice alternative comes after that.`,
        { choiceDeadline: deadline, today },
      );
    }
  }
  assertBackdatingAllowed(
    effectiveDate,
    today,
    actorRole === 'caseworker' || cause === 'provider_leaving',
    reason,
  );
  const previous = placementTakenOver(entitlement, effectiveDate);
  if (cause === 'provider_leaving' && previous?.providerId !== leavingProviderId) return [];
  if (previous?.providerId === providerId) sameProvider(providerId, effectiveDate);
  assertChoosable(data.choosability, providerId, effectiveDate);

  return [
    registered(entitlement, {
      providerId,
      effectiveDate,
      kind: 'non_choice',
      madeBy: 'municipality',
      channel: actorRole === 'caseworker' ? 'caseworker' : 'system',
      previousProviderId: previous?.providerId ?? null,
      switchReason: null,
      nonChoiceCause: cause,
      admission: null,
      reason,
      registeredOn: today,
    }),
  ];
}

/**
 * Places a pupil as an admission run decided. Returns no events when the pupil is already placed
 * with that provider then (a re-run, or a pupil staying at their school). The date is the
 * round's, so it may be backdated (with a reason) if the process manager runs late.
 */
export function placeByAdmission(
  { data }: PlaceByAdmission,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const providerId = assertIdentifier(data.providerId, 'providerId');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  const roundId = assertIdentifier(data.roundId, 'roundId');
  const actorRole = assertOneOf(data.actorRole, ASSIGNING_ROLES, 'actorRole');
  const reason = optionalText(data.reason, 'reason');
  const preferenceMet =
    data.preferenceMet === null
      ? null
      : assertIntegerInRange(data.preferenceMet, 'preferenceMet', 1, MAX_PREFERENCES);
  const nonChoiceCause =
    preferenceMet === null
      ? assertOneOf(
          data.nonChoiceCause,
          NON_CHOICE_CAUSES.filter((c) => c !== 'provider_leaving'),
          'nonChoiceCause',
        )
      : null;

  assertEntitledOn(entitlement, effectiveDate, 'effectiveDate');
  assertBackdatingAllowed(effectiveDate, today, true, reason);
  const previous = placementTakenOver(entitlement, effectiveDate);
  if (previous?.providerId === providerId) return [];
  assertChoosable(data.choosability, providerId, effectiveDate);

  return [
    registered(entitlement, {
      providerId,
      effectiveDate,
      kind: preferenceMet === null ? 'non_choice' : 'admission',
      madeBy: 'municipality',
      channel: actorRole === 'caseworker' ? 'caseworker' : 'system',
      previousProviderId: previous?.providerId ?? null,
      switchReason: null,
      nonChoiceCause,
      admission: { roundId, preferenceMet },
      reason,
      registeredOn: today,
    }),
  ];
}
