// Helpers for the domain's own specs: building states from events and catching refusals. Kept
// free of Jest globals so the production build (which compiles libs/**) does not need Jest types.
import { toAuthorisationCondition } from '../condition/authorisation-condition';
import { ProviderEvent } from '../provider/provider.events';
import { evolveProvider, initialProviderState, ProviderState } from '../provider/provider.state';
import { Ownership } from '../provider/provider.types';
import { NACKA_GENERAL_CONDITIONS } from '../seed-data/nacka-general-conditions.seed';
import { SchemeEvent } from '../scheme/scheme.events';
import { evolveScheme, initialSchemeState, SchemeState } from '../scheme/scheme.state';
import { LegalBasis } from '../scheme/scheme.types';
import { CalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';

export const TODAY: CalendarDate = '2025-03-10';

export function contextOn(today: CalendarDate = TODAY): DecisionContext {
  return { now: `${today}T09:00:00.000Z`, today };
}

/** Runs `action` and returns the DomainError it throws; fails if it throws nothing or else. */
export function thrownBy(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, but nothing was thrown.');
}

export function schemeFrom(events: readonly SchemeEvent[]): SchemeState {
  return events.reduce(evolveScheme, initialSchemeState());
}

export function providerFrom(events: readonly ProviderEvent[]): ProviderState {
  return events.reduce(evolveProvider, initialProviderState());
}

export function schemeEstablished(
  schemeId = 'hemtjanst',
  legalBasis: LegalBasis = 'lov',
  startDate: CalendarDate = '2010-01-01',
): SchemeEvent {
  return {
    type: 'SchemeEstablished',
    data: {
      schemeId,
      name: 'Home care',
      legalBasis,
      paymentModel: 'hourly',
      startDate,
      vatCompensationBasisPoints: 600,
      withdrawalNoticeMonths: 3,
      establishedOn: '2009-11-01',
    },
  };
}

export const GENERAL_CONDITIONS = NACKA_GENERAL_CONDITIONS.map((definition) =>
  toAuthorisationCondition(definition, null),
);

export function providerRegistered(
  providerId = 'p-1',
  name = 'Omsorg AB',
  ownership: Ownership = 'private',
): ProviderEvent {
  return {
    type: 'ProviderRegistered',
    data: {
      providerId,
      organisationNumber: '556036-0793',
      name,
      ownership,
      registeredOn: '2011-01-01',
    },
  };
}

export function applied(
  providerId = 'p-1',
  schemeId = 'hemtjanst',
  appliedOn: CalendarDate = '2011-02-01',
  applicationId = 'app-1',
): ProviderEvent {
  return {
    type: 'AuthorisationApplied',
    data: { providerId, schemeId, applicationId, evidence: [], appliedOn },
  };
}

export function granted(
  providerId = 'p-1',
  schemeId = 'hemtjanst',
  decidedOn: CalendarDate = '2011-03-01',
  applicationId = 'app-1',
): ProviderEvent {
  return {
    type: 'AuthorisationGranted',
    data: { providerId, schemeId, applicationId, decidedOn },
  };
}

export function contractSigned(
  providerId = 'p-1',
  schemeId = 'hemtjanst',
  signedOn: CalendarDate = '2011-03-05',
): ProviderEvent {
  return {
    type: 'ContractSigned',
    data: { providerId, schemeId, contractId: 'contract-1', signedOn },
  };
}

/** Registered, authorised on 2011-03-01 and (by default) under contract from 2011-03-05. */
export function authorisedProviderEvents(
  providerId = 'p-1',
  name = 'Omsorg AB',
  schemeId = 'hemtjanst',
  withContract = true,
): ProviderEvent[] {
  return [
    providerRegistered(providerId, name),
    applied(providerId, schemeId),
    granted(providerId, schemeId),
    ...(withContract ? [contractSigned(providerId, schemeId)] : []),
  ];
}
