import { EstablishedScheme, SchemeState } from '../scheme/scheme.state';
import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { assertIdentifier } from '../shared/validation';
import { authorisationIn, ProviderState, RegisteredProvider } from './provider.state';
import { SchemeAuthorisation } from './provider.types';

// Preconditions shared by the provider decide functions. Each throws the DomainError that names
// the broken rule, so the decide functions read as a list of rules.

export function registeredProvider(state: ProviderState, providerId: unknown): RegisteredProvider {
  const id = assertIdentifier(providerId, 'providerId');
  if (state.status !== 'registered') {
    throw new DomainError('PROVIDER_NOT_REGISTERED', `Provider "${id}" is not registered.`, {
      providerId: id,
    });
  }
  if (state.providerId !== id) {
    throw new DomainError('PROVIDER_MISMATCH', 'The command addresses another provider.', {
      providerId: id,
      stateProviderId: state.providerId,
    });
  }
  return state;
}

export function establishedScheme(scheme: SchemeState, schemeId: string): EstablishedScheme {
  if (!scheme || scheme.status === 'not_established') {
    throw new DomainError('SCHEME_NOT_ESTABLISHED', `Scheme "${schemeId}" is not established.`, {
      schemeId,
    });
  }
  if (scheme.schemeId !== schemeId) {
    throw new DomainError('SCHEME_MISMATCH', 'The scheme state given is for another scheme.', {
      schemeId,
      stateSchemeId: scheme.schemeId,
    });
  }
  return scheme;
}

export function schemeNotClosed(scheme: EstablishedScheme): void {
  if (scheme.status === 'closed') {
    throw new DomainError('SCHEME_CLOSED', `Scheme "${scheme.schemeId}" is closed.`, {
      schemeId: scheme.schemeId,
      closingDate: scheme.closingDate,
    });
  }
}

/**
 * Authorised and not on the way out by a decision: `authorised`, or `withdrawn` before the
 * withdrawal takes effect (a provider serving its notice is still authorised).
 */
export function isActiveAuthorisation(
  auth: SchemeAuthorisation | undefined,
  today: CalendarDate,
): boolean {
  if (!auth) return false;
  if (auth.status === 'authorised') return true;
  return (
    auth.status === 'withdrawn' && auth.withdrawal !== null && today < auth.withdrawal.effectiveDate
  );
}

export function activeAuthorisation(
  provider: RegisteredProvider,
  schemeId: string,
  today: CalendarDate,
): SchemeAuthorisation {
  const auth = authorisationIn(provider, schemeId);
  if (!auth || !isActiveAuthorisation(auth, today)) {
    throw new DomainError(
      'PROVIDER_NOT_AUTHORISED',
      `Provider "${provider.providerId}" is not authorised in scheme "${schemeId}".`,
      { providerId: provider.providerId, schemeId, status: auth?.status ?? 'none' },
    );
  }
  return auth;
}

/** Follow-up concerns a scheme the provider has served in, now or earlier. */
export function everAuthorised(
  provider: RegisteredProvider,
  schemeId: string,
): SchemeAuthorisation {
  const auth = authorisationIn(provider, schemeId);
  if (!auth || !auth.everAuthorised) {
    throw new DomainError(
      'PROVIDER_NOT_AUTHORISED',
      `Provider "${provider.providerId}" has never been authorised in scheme "${schemeId}".`,
      { providerId: provider.providerId, schemeId },
    );
  }
  return auth;
}

/** A date that has happened: a valid date no later than today. */
export function pastOrToday(value: unknown, field: string, today: CalendarDate): CalendarDate {
  const date = assertCalendarDate(value, field);
  if (date > today) {
    throw new DomainError('DATE_IN_FUTURE', `${field} cannot be later than today.`, {
      field,
      date,
      today,
    });
  }
  return date;
}

/** A date no earlier than another (e.g. a ruling no earlier than the appeal). */
export function notBefore(
  date: CalendarDate,
  field: string,
  earliest: CalendarDate,
  earliestField: string,
): void {
  if (date < earliest) {
    throw new DomainError('INVALID_DATE', `${field} cannot be earlier than ${earliestField}.`, {
      field,
      date,
      earliest,
    });
  }
}

/** A fresh id for a record kept in a list. */
export function newId(value: unknown, field: string, existing: readonly string[]): string {
  const id = assertIdentifier(value, field);
  if (existing.includes(id)) {
    throw new DomainError('ALREADY_RECORDED', `${field} "${id}" has already been recorded.`, {
      field,
      id,
    });
  }
  return id;
}

export function assertBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw new DomainError('INVALID_INPUT', `${field} must be true or false.`, { field });
  }
  return value;
}
