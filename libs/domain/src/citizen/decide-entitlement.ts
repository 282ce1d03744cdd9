import { establishedScheme } from '../provider/provider.guards';
import { addDays, assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { unknownCommand } from '../shared/unknown-command';
import { assertIdentifier, assertText } from '../shared/validation';
import { assertCitizenId } from './citizen-id';
import { assignNonChoiceProvider, placeByAdmission, registerChoice } from './decide-choice';
import {
  ChangeEntitlementLevel,
  EndEntitlement,
  EntitlementCommand,
  GrantEntitlement,
} from './entitlement.commands';
import { reportPerformedHours } from './decide-performed-hours';
import { endSupplement, grantSupplement } from './decide-supplement';
import { EntitlementEvent } from './entitlement.events';
import {
  assertEntitledOn,
  assertHoursPerMonth,
  grantedEntitlement,
  optionalText,
} from './entitlement.guards';
import { levelOn } from './entitlement.queries';
import { EntitlementState } from './entitlement.state';

/**
 * Decides an entitlement command against the current state. Returns the events to append (none
 * when the command is already satisfied), or throws a `DomainError` when a rule is violated.
 * Pure: the same input always gives the same output.
 */
export function decideEntitlement(
  command: EntitlementCommand,
  state: EntitlementState,
  context: DecisionContext,
): EntitlementEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'GrantEntitlement':
      return grant(command, state, context);
    case 'ChangeEntitlementLevel':
      return changeLevel(command, state, context);
    case 'EndEntitlement':
      return end(command, state, context);
    case 'RegisterChoice':
      return registerChoice(command, state, context);
    case 'AssignNonChoiceProvider':
      return assignNonChoiceProvider(command, state, context);
    case 'PlaceByAdmission':
      return placeByAdmission(command, state, context);
    case 'GrantSupplement':
      return grantSupplement(command, state, context);
    case 'EndSupplement':
      return endSupplement(command, state, context);
    case 'ReportPerformedHours':
      return reportPerformedHours(command, state, context);
    default:
      return unknownCommand(command);
  }
}

function optionalDate(value: unknown, field: string): CalendarDate | null {
  return value === undefined || value === null ? null : assertCalendarDate(value, field);
}

function notBefore(date: CalendarDate, field: string, earliest: CalendarDate, what: string): void {
  if (date < earliest) {
    throw new DomainError('INVALID_DATE', `${field} cannot be earlier than ${what}.`, {
      field,
      date,
      earliest,
    });
  }
}

function noHours(value: unknown): void {
  if (value !== undefined && value !== null) {
    throw new DomainError(
      'INVALID_INPUT',
      'grantedHoursPerMonth applies to hourly schemes (home care) only.',
      { field: 'grantedHoursPerMonth' },
    );
  }
}

function grant(
  { data }: GrantEntitlement,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlementId = assertIdentifier(data.entitlementId, 'entitlementId');
  if (state.status !== 'not_granted') {
    throw new DomainError(
      'ENTITLEMENT_ALREADY_GRANTED',
      `Entitlement "${entitlementId}" has already been granted.`,
      { entitlementId },
    );
  }
  const citizenId = assertCitizenId(data.citizenId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const scheme = establishedScheme(data.scheme, schemeId);
  const validFrom = assertCalendarDate(data.validFrom, 'validFrom');
  const validTo = optionalDate(data.validTo, 'validTo');
  const choiceDeadline = optionalDate(data.choiceDeadline, 'choiceDeadline');

  // Decisions recorded late are recorded as they were: validFrom may lie before today.
  notBefore(validFrom, 'validFrom', scheme.startDate, "the scheme's start date");
  if (scheme.closingDate !== null && validFrom >= scheme.closingDate) {
    throw new DomainError(
      'SCHEME_CLOSED',
      `Scheme "${schemeId}" closes on ${scheme.closingDate}; no entitlement can start then or later.`,
      { schemeId, closingDate: scheme.closingDate, validFrom },
    );
  }
  if (validTo !== null) notBefore(validTo, 'validTo', validFrom, 'validFrom');
  if (choiceDeadline !== null && validTo !== null && choiceDeadline > validTo) {
    throw new DomainError('INVALID_DATE', 'choiceDeadline cannot be later than validTo.', {
      field: 'choiceDeadline',
      date: choiceDeadline,
      latest: validTo,
    });
  }
  let grantedHoursPerMonth: number | null = null;
  if (scheme.paymentModel === 'hourly') {
    grantedHoursPerMonth = assertHoursPerMonth(data.grantedHoursPerMonth, 'grantedHoursPerMonth');
  } else {
    noHours(data.grantedHoursPerMonth);
  }
  return [
    {
      type: 'EntitlementGranted',
      data: {
        entitlementId,
        citizenId,
        schemeId,
        decisionRef: assertText(data.decisionRef, 'decisionRef', 200),
        level: assertIdentifier(data.level, 'level'),
        grantedHoursPerMonth,
        validFrom,
        validTo,
        choiceDeadline,
        grantedOn: today,
      },
    },
  ];
}

function changeLevel(
  { data }: ChangeEntitlementLevel,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const level = assertIdentifier(data.level, 'level');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  const decisionRef = optionalText(data.decisionRef, 'decisionRef', 200);
  // Level changes follow decisions and age: one recorded late may take effect earlier (the
  // payout corrects closed months), but only while the citizen was entitled.
  assertEntitledOn(entitlement, effectiveDate, 'effectiveDate');
  const current = levelOn(entitlement, effectiveDate);
  let grantedHoursPerMonth: number | null = null;
  if (entitlement.hourly) {
    grantedHoursPerMonth =
      data.grantedHoursPerMonth === undefined || data.grantedHoursPerMonth === null
        ? (current?.grantedHoursPerMonth ?? null)
        : assertHoursPerMonth(data.grantedHoursPerMonth, 'grantedHoursPerMonth');
  } else {
    noHours(data.grantedHoursPerMonth);
  }
  const unchanged =
    current !== undefined &&
    current.level === level &&
    current.grantedHoursPerMonth === grantedHoursPerMonth &&
    (decisionRef === null || decisionRef === current.decisionRef);
  if (unchanged) return [];
  return [
    {
      type: 'EntitlementLevelChanged',
      data: {
        entitlementId: entitlement.entitlementId,
        level,
        effectiveDate,
        grantedHoursPerMonth,
        decisionRef,
        changedOn: today,
      },
    },
  ];
}

function end(
  { data }: EndEntitlement,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  if (entitlement.status === 'ended') {
    throw new DomainError(
      'ENTITLEMENT_ENDED',
      `The entitlement has already been ended (last day ${entitlement.endDate}).`,
      { endDate: entitlement.endDate },
    );
  }
  const endDate = assertCalendarDate(data.endDate, 'endDate');
  // The day before validFrom ends an entitlement that never took effect (a revoked decision).
  notBefore(endDate, 'endDate', addDays(entitlement.validFrom, -1), 'the day before validFrom');
  if (entitlement.validTo !== null && endDate > entitlement.validTo) {
    throw new DomainError('INVALID_DATE', 'endDate cannot be later than validTo.', {
      field: 'endDate',
      date: endDate,
      latest: entitlement.validTo,
    });
  }
  return [
    {
      type: 'EntitlementEnded',
      data: {
        entitlementId: entitlement.entitlementId,
        endDate,
        reason: assertText(data.reason, 'reason'),
        endedOn: today,
      },
    },
  ];
}
