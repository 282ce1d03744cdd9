import {
  AuthorisationCondition,
  EvidenceInput,
  ProviderCommand,
  requiresEvidenceAtAuthorisation,
} from '@kundval/domain';
import { FollowUpSeed } from './nacka-follow-up.seed';
import { ProviderPlan } from './nacka-seed-plan';

/** Evidence for every condition the application must show, as a seeded provider would give it. */
export function evidenceFor(
  p: ProviderPlan,
  conditions: AuthorisationCondition[],
): EvidenceInput[] {
  return conditions.filter(requiresEvidenceAtAuthorisation).map((condition, index) => ({
    conditionId: condition.conditionId,
    description: `${p.name} shows in its application how it meets: ${condition.title}.`,
    documentRef: `application-${p.providerId}/appendix-${index + 1}`,
  }));
}

/** The provider command for a seeded follow-up step, with its key and the reason to record. */
export function followUpCommand(
  step: FollowUpSeed,
  schemeId: string,
  conditions: AuthorisationCondition[],
): { command: ProviderCommand; key: string; reason?: string } {
  const { providerId } = step;
  switch (step.kind) {
    case 'warning': {
      const { warningId, conditionId, deficiency } = step;
      return {
        command: {
          type: 'IssueWarning',
          data: { providerId, schemeId, warningId, conditionId, deficiency, conditions },
        },
        key: warningId,
        reason: deficiency,
      };
    }
    case 'visit': {
      const { visitId, announced, findings } = step;
      return {
        command: {
          type: 'RecordFollowUpVisit',
          data: { providerId, schemeId, visitId, visitedOn: step.on, announced, findings },
        },
        key: visitId,
      };
    }
    case 'deauthorisation': {
      const { decisionId, conditionIds, reasons, effectiveDate } = step;
      return {
        command: {
          type: 'DecideDeauthorisation',
          data: {
            providerId,
            schemeId,
            decisionId,
            conditionIds,
            reasons,
            effectiveDate,
            conditions,
          },
        },
        key: decisionId,
        reason: reasons.join(' '),
      };
    }
  }
}
