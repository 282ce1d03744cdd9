import {
  assertConditionsApplicable,
  requiresEvidenceAtAuthorisation,
} from '../condition/authorisation-condition';
import { addMonths, assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import {
  assertIdentifier,
  assertIntegerInRange,
  assertText,
  assertTextList,
  assertUnique,
} from '../shared/validation';
import {
  ApplyForAuthorisation,
  DeclareCapacity,
  GrantAuthorisation,
  NotifyWithdrawal,
  RejectAuthorisation,
  SignContract,
} from './provider.commands';
import { ProviderEvent } from './provider.events';
import {
  activeAuthorisation,
  establishedScheme,
  isActiveAuthorisation,
  notBefore,
  pastOrToday,
  registeredProvider,
  schemeNotClosed,
} from './provider.guards';
import { authorisationIn, ProviderState, RegisteredProvider } from './provider.state';
import { Evidence, SchemeAuthorisation } from './provider.types';

/** Largest capacity ceiling accepted; far above any real unit, it only catches typos. */
const MAX_CAPACITY = 1_000_000;

export function apply(
  { data }: ApplyForAuthorisation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  schemeNotClosed(establishedScheme(data.scheme, schemeId));
  const applicationId = assertIdentifier(data.applicationId, 'applicationId');
  const current = authorisationIn(provider, schemeId);
  if (current) assertMayApplyAgain(current, today);

  assertConditionsApplicable(data.conditions, schemeId);
  const evidence = parseEvidence(data.evidence);
  for (const item of evidence) {
    if (!data.conditions.some((condition) => condition.conditionId === item.conditionId)) {
      throw new DomainError(
        'UNKNOWN_CONDITION',
        `Evidence cites condition "${item.conditionId}", which does not apply to this scheme.`,
        { conditionId: item.conditionId },
      );
    }
  }
  const missingConditionIds = data.conditions
    .filter(requiresEvidenceAtAuthorisation)
    .map((condition) => condition.conditionId)
    .filter((conditionId) => !evidence.some((item) => item.conditionId === conditionId));
  if (missingConditionIds.length > 0) {
    throw new DomainError(
      'MISSING_EVIDENCE',
      'The application lacks evidence for conditions that must be shown at authorisation.',
      { missingConditionIds },
    );
  }
  return [
    {
      type: 'AuthorisationApplied',
      data: {
        providerId: provider.providerId,
        schemeId,
        applicationId,
        evidence,
        appliedOn: today,
      },
    },
  ];
}

// A provider may apply again once its previous standing in the scheme has ended.
function assertMayApplyAgain(auth: SchemeAuthorisation, today: CalendarDate): void {
  const details = { schemeId: auth.schemeId, status: auth.status };
  switch (auth.status) {
    case 'rejected':
      return;
    case 'applied':
      throw new DomainError(
        'APPLICATION_PENDING',
        'An application in this scheme already awaits a decision.',
        details,
      );
    case 'authorised':
      throw new DomainError(
        'ALREADY_AUTHORISED',
        'The provider is already authorised in this scheme.',
        details,
      );
    case 'withdrawn':
      if (isActiveAuthorisation(auth, today)) {
        throw new DomainError(
          'ALREADY_AUTHORISED',
          'The provider stays authorised until its withdrawal takes effect.',
          details,
        );
      }
      return;
    case 'deauthorised': {
      const deauthorisation = auth.deauthorisation;
      if (deauthorisation?.appeals.some((appeal) => appeal.outcome === 'pending')) {
        throw new DomainError(
          'APPEAL_PENDING',
          'An appeal against the de-authorisation is pending.',
          details,
        );
      }
      if (deauthorisation && today < deauthorisation.effectiveDate) {
        throw new DomainError(
          'DEAUTHORISATION_IN_PROGRESS',
          'The de-authorisation has not taken effect yet.',
          { ...details, effectiveDate: deauthorisation.effectiveDate },
        );
      }
      return;
    }
  }
}

function parseEvidence(value: unknown): Evidence[] {
  if (!Array.isArray(value)) {
    throw new DomainError('INVALID_INPUT', 'evidence must be a list.', { field: 'evidence' });
  }
  const evidence = value.map((item: Record<string, unknown>, index): Evidence => {
    const field = `evidence[${index}]`;
    if (typeof item !== 'object' || item === null) {
      throw new DomainError('INVALID_INPUT', `${field} must be an object.`, { field });
    }
    return {
      conditionId: assertIdentifier(item.conditionId, `${field}.conditionId`),
      description: assertText(item.description, `${field}.description`),
      documentRef:
        item.documentRef === undefined || item.documentRef === null
          ? null
          : assertText(item.documentRef, `${field}.documentRef`, 200),
    };
  });
  assertUnique(
    evidence.map((item) => item.conditionId),
    'evidence',
  );
  return evidence;
}

function pendingApplication(
  provider: RegisteredProvider,
  schemeId: string,
  applicationId: string,
): SchemeAuthorisation {
  const auth = authorisationIn(provider, schemeId);
  if (!auth || auth.status !== 'applied' || auth.application.applicationId !== applicationId) {
    throw new DomainError(
      'NO_PENDING_APPLICATION',
      `There is no pending application "${applicationId}" in scheme "${schemeId}".`,
      { schemeId, applicationId },
    );
  }
  return auth;
}

export function grant(
  { data }: GrantAuthorisation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  schemeNotClosed(establishedScheme(data.scheme, schemeId));
  const applicationId = assertIdentifier(data.applicationId, 'applicationId');
  pendingApplication(provider, schemeId, applicationId);
  return [
    {
      type: 'AuthorisationGranted',
      data: { providerId: provider.providerId, schemeId, applicationId, decidedOn: today },
    },
  ];
}

export function reject(
  { data }: RejectAuthorisation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const applicationId = assertIdentifier(data.applicationId, 'applicationId');
  pendingApplication(provider, schemeId, applicationId);
  return [
    {
      type: 'AuthorisationRejected',
      data: {
        providerId: provider.providerId,
        schemeId,
        applicationId,
        // A rejection is an appealable decision and must say why.
        reasons: assertTextList(data.reasons, 'reasons'),
        decidedOn: today,
      },
    },
  ];
}

export function signContract(
  { data }: SignContract,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const scheme = establishedScheme(data.scheme, schemeId);
  if (scheme.legalBasis !== 'lov') {
    throw new DomainError('CONTRACT_NOT_APPLICABLE', 'Contracts are signed only in LOV schemes.', {
      schemeId,
      legalBasis: scheme.legalBasis,
    });
  }
  schemeNotClosed(scheme);
  const auth = activeAuthorisation(provider, schemeId, today);
  if (auth.contract !== null) {
    throw new DomainError('CONTRACT_ALREADY_SIGNED', 'The contract has already been signed.', {
      schemeId,
      contractId: auth.contract.contractId,
    });
  }
  const signedOn = pastOrToday(data.signedOn ?? today, 'signedOn', today);
  notBefore(signedOn, 'signedOn', auth.authorisedOn ?? signedOn, 'the authorisation date');
  return [
    {
      type: 'ContractSigned',
      data: {
        providerId: provider.providerId,
        schemeId,
        contractId: assertIdentifier(data.contractId, 'contractId'),
        signedOn,
      },
    },
  ];
}

export function declareCapacity(
  { data }: DeclareCapacity,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const auth = authorisationIn(provider, schemeId);
  // An applicant may state its ceiling up front; after that only while authorised.
  if (!auth || (auth.status !== 'applied' && !isActiveAuthorisation(auth, today))) {
    throw new DomainError(
      'PROVIDER_NOT_AUTHORISED',
      'Capacity can be declared only when applying or while authorised.',
      { schemeId, status: auth?.status ?? 'none' },
    );
  }
  const ceiling =
    data.ceiling === null
      ? null
      : assertIntegerInRange(data.ceiling, 'ceiling', 0, MAX_CAPACITY, 'INVALID_CAPACITY');
  return [
    {
      type: 'CapacityDeclared',
      data: { providerId: provider.providerId, schemeId, ceiling, declaredOn: today },
    },
  ];
}

export function notifyWithdrawal(
  { data }: NotifyWithdrawal,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const scheme = establishedScheme(data.scheme, schemeId);
  const auth = activeAuthorisation(provider, schemeId, today);
  if (auth.withdrawal !== null) {
    throw new DomainError(
      'WITHDRAWAL_ALREADY_NOTIFIED',
      'The provider has already given notice in this scheme.',
      { schemeId, effectiveDate: auth.withdrawal.effectiveDate },
    );
  }
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  const earliestEffectiveDate = addMonths(today, scheme.withdrawalNoticeMonths);
  if (effectiveDate < earliestEffectiveDate) {
    throw new DomainError(
      'NOTICE_PERIOD_TOO_SHORT',
      `The withdrawal can take effect at the earliest ${scheme.withdrawalNoticeMonths} months after today.`,
      {
        effectiveDate,
        earliestEffectiveDate,
        noticePeriodMonths: scheme.withdrawalNoticeMonths,
      },
    );
  }
  return [
    {
      type: 'WithdrawalNotified',
      data: { providerId: provider.providerId, schemeId, noticeGivenOn: today, effectiveDate },
    },
  ];
}
