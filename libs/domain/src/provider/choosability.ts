import { schemeOpennessOn } from '../scheme/scheme.queries';
import { SchemeState } from '../scheme/scheme.state';
import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { authorisationIn, ProviderState, RegisteredProvider } from './provider.state';
import { SchemeAuthorisation } from './provider.types';

/**
 * A provider's standing in a scheme on a given date, derived from the last decided status and its
 * dates. `*_pending` means decided but not yet effective.
 */
export type EffectiveAuthorisationStatus =
  | 'none'
  | 'applied'
  | 'rejected'
  | 'authorised'
  | 'withdrawal_pending'
  | 'withdrawn'
  | 'deauthorisation_pending'
  | 'deauthorised';

/** Why a provider cannot be chosen in a scheme on a date. */
export const NOT_CHOOSABLE_REASONS = [
  'SCHEME_NOT_ESTABLISHED',
  'SCHEME_NOT_STARTED',
  'SCHEME_CLOSED',
  'PROVIDER_NOT_REGISTERED',
  'NOT_AUTHORISED',
  'CONTRACT_NOT_SIGNED',
  'DEAUTHORISED',
  'WITHDRAWN',
] as const;
/** Why a provider cannot be chosen in a scheme on a date. */
export type NotChoosableReason = (typeof NOT_CHOOSABLE_REASONS)[number];

/** Whether a provider can be chosen, and if not, why. */
export type Choosability =
  Readonly<{ choosable: true }> | Readonly<{ choosable: false; reason: NotChoosableReason }>;

// Before the grant the provider was at most an applicant; an undecided application has no dates
// that could make it anything else.
function beforeGrant(auth: SchemeAuthorisation, date: CalendarDate): EffectiveAuthorisationStatus {
  return date >= auth.application.appliedOn ? 'applied' : 'none';
}

function withdrawalStatus(
  auth: SchemeAuthorisation,
  date: CalendarDate,
): EffectiveAuthorisationStatus {
  if (auth.withdrawal === null) return 'authorised';
  return date < auth.withdrawal.effectiveDate ? 'withdrawal_pending' : 'withdrawn';
}

/**
 * The provider's standing in a scheme on `date`, as far as the current state tells. The state
 * holds the latest application only; for an exact picture of an earlier period, replay the stream
 * up to that moment.
 */
export function authorisationStatusOn(
  provider: ProviderState,
  schemeId: string,
  date: CalendarDate,
): EffectiveAuthorisationStatus {
  assertCalendarDate(date, 'date');
  if (provider.status !== 'registered') return 'none';
  const auth = authorisationIn(provider, schemeId);
  if (!auth) return 'none';
  if (auth.status === 'applied') return beforeGrant(auth, date);
  if (auth.status === 'rejected') {
    return auth.rejection && date >= auth.rejection.decidedOn
      ? 'rejected'
      : beforeGrant(auth, date);
  }
  if (auth.authorisedOn === null || date < auth.authorisedOn) return beforeGrant(auth, date);
  if (auth.status === 'deauthorised' && auth.deauthorisation !== null) {
    const { decidedOn, effectiveDate } = auth.deauthorisation;
    if (date >= effectiveDate) return 'deauthorised';
    if (date >= decidedOn) return 'deauthorisation_pending';
  }
  return withdrawalStatus(auth, date);
}

/**
 * Whether citizens can choose the provider in the scheme on `date`: the scheme runs that day, and
 * the provider is authorised (with a signed contract under LOV). A decided de-authorisation stops
 * new choices from the decision date, even if it takes effect later; a notified withdrawal stops
 * them from its effective date. Capacity is not considered here: whether the roster is full is a
 * question for the choice itself.
 */
export function isChoosable(
  provider: ProviderState,
  scheme: SchemeState,
  date: CalendarDate,
): Choosability {
  const openness = schemeOpennessOn(scheme, date);
  if (openness === 'not_established') return notChoosable('SCHEME_NOT_ESTABLISHED');
  if (openness === 'not_started') return notChoosable('SCHEME_NOT_STARTED');
  if (openness === 'closed') return notChoosable('SCHEME_CLOSED');
  if (scheme.status === 'not_established') return notChoosable('SCHEME_NOT_ESTABLISHED');
  if (provider.status !== 'registered') return notChoosable('PROVIDER_NOT_REGISTERED');

  const status = authorisationStatusOn(provider, scheme.schemeId, date);
  if (status === 'deauthorised' || status === 'deauthorisation_pending') {
    return notChoosable('DEAUTHORISED');
  }
  if (status === 'withdrawn') return notChoosable('WITHDRAWN');
  if (status !== 'authorised' && status !== 'withdrawal_pending') {
    return notChoosable('NOT_AUTHORISED');
  }
  if (scheme.legalBasis === 'lov') {
    const contract = authorisationIn(provider, scheme.schemeId)?.contract ?? null;
    if (contract === null || date < contract.signedOn) return notChoosable('CONTRACT_NOT_SIGNED');
  }
  return { choosable: true };
}

function notChoosable(reason: NotChoosableReason): Choosability {
  return { choosable: false, reason };
}

/**
 * Whether the provider may serve, and be paid for, existing customers in the scheme on `date`:
 * the scheme runs and the provider's authorisation has not ended. Unlike {@link isChoosable}, a
 * decided de-authorisation or withdrawal counts only from its effective date.
 */
export function isAuthorisedOn(
  provider: ProviderState,
  scheme: SchemeState,
  date: CalendarDate,
): boolean {
  if (scheme.status === 'not_established' || schemeOpennessOn(scheme, date) !== 'open') {
    return false;
  }
  const status = authorisationStatusOn(provider, scheme.schemeId, date);
  return (
    status === 'authorised' ||
    status === 'withdrawal_pending' ||
    status === 'deauthorisation_pending'
  );
}

const NAME_ORDER = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });

/**
 * The neutral order in which providers are listed to citizens: by name in Swedish collation (å, ä,
 * ö after z), then by provider id so equal names still sort the same way every time. Never by
 * popularity or any other measure a caseworker could be seen to recommend by.
 */
export function compareProvidersNeutrally(a: RegisteredProvider, b: RegisteredProvider): number {
  const byName = NAME_ORDER.compare(a.name, b.name);
  if (byName !== 0) return byName;
  return a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0;
}

/** The providers that can be chosen in the scheme on `date`, in the neutral order. */
export function choosableProviders(
  providers: readonly ProviderState[],
  scheme: SchemeState,
  date: CalendarDate,
): RegisteredProvider[] {
  return providers
    .filter((provider): provider is RegisteredProvider => provider.status === 'registered')
    .filter((provider) => isChoosable(provider, scheme, date).choosable)
    .sort(compareProvidersNeutrally);
}
