import { Choosability, NotChoosableReason } from '../provider/choosability';
import { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { assertIdentifier, MAX_TEXT_LENGTH } from '../shared/validation';
import { isEntitledOn, lastEntitledDay } from './entitlement.queries';
import { EntitlementState, GrantedEntitlement } from './entitlement.state';
import { Placement } from './entitlement.types';

// Preconditions shared by the entitlement decide functions. Each throws the DomainError that
// names the broken rule, so the decide functions read as a list of rules.

/** Most hours a month can hold (31 × 24): a sanity bound for granted hours. */
export const MAX_HOURS_PER_MONTH = 744;

export function grantedEntitlement(
  state: EntitlementState,
  entitlementId: unknown,
): GrantedEntitlement {
  const id = assertIdentifier(entitlementId, 'entitlementId');
  if (state.status === 'not_granted') {
    throw new DomainError('ENTITLEMENT_NOT_FOUND', `Entitlement "${id}" has not been granted.`, {
      entitlementId: id,
    });
  }
  if (state.entitlementId !== id) {
    throw new DomainError('ENTITLEMENT_MISMATCH', 'The command addresses another entitlement.', {
      entitlementId: id,
      stateEntitlementId: state.entitlementId,
    });
  }
  return state;
}

/** The entitlement covers `date`; past an early end the refusal is `ENTITLEMENT_ENDED`. */
export function assertEntitledOn(
  entitlement: GrantedEntitlement,
  date: CalendarDate,
  field: string,
): void {
  if (isEntitledOn(entitlement, date)) return;
  const details = {
    field,
    date,
    validFrom: entitlement.validFrom,
    lastDay: lastEntitledDay(entitlement),
  };
  if (entitlement.endDate !== null && date > entitlement.endDate) {
    throw new DomainError(
      'ENTITLEMENT_ENDED',
      `The entitlement ended on ${entitlement.endDate}; ${field} cannot be later.`,
      details,
    );
  }
  throw new DomainError(
    'NOT_ENTITLED_ON_DATE',
    `The citizen is not entitled on ${date}: ${field} must lie within the entitlement.`,
    details,
  );
}

/** Granted hours per month: more than 0, at most 744, in hundredths at most (e.g. 12.25). */
export function assertHoursPerMonth(value: unknown, field: string): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_HOURS_PER_MONTH &&
    Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
  if (!valid) {
    throw new DomainError(
      'INVALID_INPUT',
      `${field} must be a number of hours above 0 and at most ${MAX_HOURS_PER_MONTH}, with at most two decimals.`,
      { field },
    );
  }
  return value;
}

/** Optional free text: absent or blank gives null, otherwise the trimmed text. */
export function optionalText(
  value: unknown,
  field: string,
  maxLength = MAX_TEXT_LENGTH,
): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new DomainError('INVALID_INPUT', `${field} must be a text.`, { field });
  }
  const trimmed = value.trim();
  if (trimmed.length > maxLength) {
    throw new DomainError('INVALID_INPUT', `${field} must be at most ${maxLength} characters.`, {
      field,
      maxLength,
    });
  }
  return trimmed === '' ? null : trimmed;
}

/**
 * A backdated effective date (before today) needs someone allowed to backdate and a reason, so
 * that the late registration is explained in the log (the payout corrects closed months).
 */
export function assertBackdatingAllowed(
  effectiveDate: CalendarDate,
  today: CalendarDate,
  mayBackdate: boolean,
  reason: string | null,
): void {
  if (effectiveDate >= today) return;
  if (!mayBackdate) {
    throw new DomainError(
      'BACKDATING_NOT_ALLOWED',
      'Only a caseworker may register a change with an effective date before today.',
      { effectiveDate, today },
    );
  }
  if (reason === null) {
    throw new DomainError(
      'REASON_REQUIRED',
      'A change with an effective date before today must state the reason.',
      { effectiveDate, today, field: 'reason' },
    );
  }
}

const NOT_CHOOSABLE_EXPLANATIONS: Record<NotChoosableReason, string> = {
  SCHEME_NOT_ESTABLISHED: 'the scheme is not established',
  SCHEME_NOT_STARTED: 'the scheme has not started yet',
  SCHEME_CLOSED: 'the scheme is closed',
  PROVIDER_NOT_REGISTERED: 'the provider is not registered',
  NOT_AUTHORISED: 'the provider is not authorised in the scheme',
  CONTRACT_NOT_SIGNED: 'the provider has not signed the contract',
  DEAUTHORISED: 'the provider has been de-authorised',
  WITHDRAWN: 'the provider has left the scheme',
};

/** The provider is choosable on the date, as the caller computed with `isChoosable`. */
export function assertChoosable(
  choosability: Choosability,
  providerId: string,
  date: CalendarDate,
): void {
  if (
    !choosability ||
    typeof choosability !== 'object' ||
    typeof choosability.choosable !== 'boolean'
  ) {
    throw new DomainError(
      'INVALID_INPUT',
      'choosability must be the result of isChoosable(provider, scheme, effectiveDate).',
      { field: 'choosability' },
    );
  }
  if (choosability.choosable) return;
  const explanation = NOT_CHOOSABLE_EXPLANATIONS[choosability.reason] ?? 'it is not choosable';
  throw new DomainError(
    'PROVIDER_NOT_CHOOSABLE',
    `Provider "${providerId}" cannot be chosen on ${date}: ${explanation}.`,
    { providerId, date, reason: choosability.reason },
  );
}

/**
 * The placement a new one from `effectiveDate` takes over from (ends or replaces), if any.
 * Choices go forward in time: one from before the latest placement's start is refused, since
 * it would silently cancel a later choice.
 */
export function placementTakenOver(
  entitlement: GrantedEntitlement,
  effectiveDate: CalendarDate,
): Placement | undefined {
  const latest = entitlement.placements[entitlement.placements.length - 1];
  if (latest !== undefined && latest.from > effectiveDate) {
    throw new DomainError(
      'LATER_CHOICE_REGISTERED',
      `A placement from ${latest.from} is already registered; register the change from that date or later.`,
      { effectiveDate, latestFrom: latest.from, latestProviderId: latest.providerId },
    );
  }
  return latest;
}
