import { resolveCitedConditions } from '../condition/authorisation-condition';
import { assertCalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import {
  assertIdentifier,
  assertOneOf,
  assertText,
  assertTextList,
  assertUnique,
} from '../shared/validation';
import {
  AppealDeauthorisation,
  DecideDeauthorisation,
  IssueWarning,
  RecordAppealOutcome,
} from './provider.commands';
import { ProviderEvent } from './provider.events';
import {
  activeAuthorisation,
  newId,
  notBefore,
  pastOrToday,
  registeredProvider,
} from './provider.guards';
import { authorisationIn, ProviderState, RegisteredProvider } from './provider.state';
import { Deauthorisation, RestorableStatus } from './provider.types';

export function issueWarning(
  { data }: IssueWarning,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  activeAuthorisation(provider, schemeId, today);
  const warningId = newId(
    data.warningId,
    'warningId',
    provider.warnings.map((warning) => warning.warningId),
  );
  const conditionId = assertIdentifier(data.conditionId, 'conditionId');
  resolveCitedConditions(data.conditions, schemeId, [conditionId], 'warning');
  return [
    {
      type: 'WarningIssued',
      data: {
        providerId: provider.providerId,
        schemeId,
        warningId,
        conditionId,
        deficiency: assertText(data.deficiency, 'deficiency'),
        issuedOn: today,
      },
    },
  ];
}

export function decideDeauthorisation(
  { data }: DecideDeauthorisation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const auth = activeAuthorisation(provider, schemeId, today);
  const decisionId = assertIdentifier(data.decisionId, 'decisionId');
  if (!Array.isArray(data.conditionIds) || data.conditionIds.length === 0) {
    throw new DomainError('INVALID_INPUT', 'A de-authorisation must cite at least one condition.', {
      field: 'conditionIds',
    });
  }
  const conditionIds = data.conditionIds.map((id, index) =>
    assertIdentifier(id, `conditionIds[${index}]`),
  );
  assertUnique(conditionIds, 'conditionIds');
  resolveCitedConditions(data.conditions, schemeId, conditionIds, 'deauthorisation');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  if (effectiveDate < today) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'A de-authorisation cannot take effect before the day it is decided.',
      { effectiveDate, today },
    );
  }
  return [
    {
      type: 'DeauthorisationDecided',
      data: {
        providerId: provider.providerId,
        schemeId,
        decisionId,
        conditionIds,
        reasons: assertTextList(data.reasons, 'reasons'),
        decidedOn: today,
        effectiveDate,
        statusBefore: auth.status as RestorableStatus,
      },
    },
  ];
}

function decidedDeauthorisation(provider: RegisteredProvider, schemeId: string): Deauthorisation {
  const auth = authorisationIn(provider, schemeId);
  if (!auth || auth.status !== 'deauthorised' || auth.deauthorisation === null) {
    throw new DomainError(
      'NO_DEAUTHORISATION_DECIDED',
      `No de-authorisation has been decided for scheme "${schemeId}".`,
      { schemeId, status: auth?.status ?? 'none' },
    );
  }
  return auth.deauthorisation;
}

export function appealDeauthorisation(
  { data }: AppealDeauthorisation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const deauthorisation = decidedDeauthorisation(provider, schemeId);
  const pending = deauthorisation.appeals.find((appeal) => appeal.outcome === 'pending');
  if (pending) {
    throw new DomainError('APPEAL_PENDING', 'An appeal is already pending.', {
      schemeId,
      appealId: pending.appealId,
    });
  }
  const appealId = newId(
    data.appealId,
    'appealId',
    deauthorisation.appeals.map((appeal) => appeal.appealId),
  );
  const filedOn = pastOrToday(data.filedOn, 'filedOn', today);
  notBefore(filedOn, 'filedOn', deauthorisation.decidedOn, 'the decision date');
  return [
    {
      type: 'DeauthorisationAppealed',
      data: {
        providerId: provider.providerId,
        schemeId,
        decisionId: deauthorisation.decisionId,
        appealId,
        court: assertText(data.court, 'court', 200),
        filedOn,
      },
    },
  ];
}

export function recordAppealOutcome(
  { data }: RecordAppealOutcome,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const deauthorisation = decidedDeauthorisation(provider, schemeId);
  const appealId = assertIdentifier(data.appealId, 'appealId');
  const appeal = deauthorisation.appeals.find((candidate) => candidate.appealId === appealId);
  if (!appeal || appeal.outcome !== 'pending') {
    throw new DomainError('NO_PENDING_APPEAL', `Appeal "${appealId}" is not pending.`, {
      schemeId,
      appealId,
    });
  }
  const outcome = assertOneOf(data.outcome, ['upheld', 'overturned'] as const, 'outcome');
  const ruledOn = pastOrToday(data.ruledOn, 'ruledOn', today);
  notBefore(ruledOn, 'ruledOn', appeal.filedOn, 'the filing date');
  return [
    {
      type: 'AppealOutcomeRecorded',
      data: {
        providerId: provider.providerId,
        schemeId,
        decisionId: deauthorisation.decisionId,
        appealId,
        outcome,
        ruledOn,
        restoredStatus: outcome === 'overturned' ? deauthorisation.statusBefore : null,
      },
    },
  ];
}
