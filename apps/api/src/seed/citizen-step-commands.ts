import { Choosability, EntitlementCommand, SchemeState } from '@kundval/domain';
import { CitizenStep } from './citizen-plan.types';

/** Why the citizens' events were appended (the reason of an end is the end's own). */
export const CITIZENS_REASON =
  "Made-up citizens for the Nacka seed: a year of choices shaped after seed 001's market shares";

/**
 * The entitlement command of a grant, level change or end step: one definition for the command
 * path (`CitizenSeeder`) and the national seed's plan writer, so both write the same events.
 */
export function entitlementCommandOf(
  step: Extract<CitizenStep, { kind: 'grant' | 'level-change' | 'end' }>,
  citizenId: string,
  scheme: SchemeState,
): EntitlementCommand {
  const { entitlementId, schemeId } = step;
  switch (step.kind) {
    case 'grant': {
      const { decisionRef, level, grantedHoursPerMonth, validFrom, validTo, choiceDeadline } = step;
      return {
        type: 'GrantEntitlement',
        data: {
          entitlementId,
          citizenId,
          schemeId,
          decisionRef,
          level,
          grantedHoursPerMonth,
          validFrom,
          validTo,
          choiceDeadline,
          scheme,
        },
      };
    }
    case 'level-change': {
      const { level, effectiveDate, grantedHoursPerMonth, decisionRef } = step;
      return {
        type: 'ChangeEntitlementLevel',
        data: { entitlementId, level, effectiveDate, grantedHoursPerMonth, decisionRef },
      };
    }
    case 'end':
      return {
        type: 'EndEntitlement',
        data: { entitlementId, endDate: step.endDate, reason: step.reason },
      };
  }
}

/** The entitlement command of a choice or non-choice step, given what was loaded for it. */
export function placementCommandOf(
  step: Extract<CitizenStep, { kind: 'choice' | 'non-choice' }>,
  choosability: Choosability,
): EntitlementCommand {
  const { entitlementId, providerId, effectiveDate } = step;
  return step.kind === 'choice'
    ? {
        type: 'RegisterChoice',
        data: {
          entitlementId,
          providerId,
          effectiveDate,
          madeBy: step.madeBy,
          channel: step.channel,
          actorRole: step.madeBy,
          switchReason: step.switchReason,
          choosability,
          switchNoticeDays: step.switchNoticeDays,
        },
      }
    : {
        type: 'AssignNonChoiceProvider',
        data: {
          entitlementId,
          providerId,
          effectiveDate,
          cause: 'no_choice',
          leavingProviderId: null,
          actorRole: 'system',
          reason: 'No choice was made by the choice deadline.',
          choosability,
        },
      };
}
