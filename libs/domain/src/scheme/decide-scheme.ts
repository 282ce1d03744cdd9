import { toAuthorisationCondition } from '../condition/authorisation-condition';
import { isChoosable } from '../provider/choosability';
import { assertCalendarDate, laterDate } from '../shared/calendar-date';
import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertBasisPoints, assertOre } from '../shared/money';
import { unknownCommand } from '../shared/unknown-command';
import {
  assertIdentifier,
  assertIntegerInRange,
  assertOneOf,
  assertText,
} from '../shared/validation';
import {
  CloseScheme,
  DefineSchemeCondition,
  DesignateNonChoiceProvider,
  EstablishScheme,
  ScheduleRate,
  SchemeCommand,
  SetVatCompensation,
} from './scheme.commands';
import { setPaymentRule } from './decide-payment-rule';
import { SchemeEvent } from './scheme.events';
import { EstablishedScheme, SchemeState } from './scheme.state';
import {
  DEFAULT_VAT_COMPENSATION_BASIS_POINTS,
  DEFAULT_WITHDRAWAL_NOTICE_MONTHS,
  LEGAL_BASES,
  PAYMENT_MODELS,
} from './scheme.types';

/**
 * Decides a scheme command against the current state. Returns the events to append, or throws a
 * `DomainError` when a rule is violated. Pure: the same input always gives the same output.
 */
export function decideScheme(
  command: SchemeCommand,
  state: SchemeState,
  context: DecisionContext,
): SchemeEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'EstablishScheme':
      return establish(command, state, context);
    case 'ScheduleRate':
      return scheduleRate(command, openScheme(state, command.data.schemeId), context);
    case 'SetVatCompensation':
      return setVatCompensation(command, openScheme(state, command.data.schemeId), context);
    case 'DefineSchemeCondition':
      return defineCondition(command, openScheme(state, command.data.schemeId));
    case 'DesignateNonChoiceProvider':
      return designateNonChoiceProvider(command, openScheme(state, command.data.schemeId), context);
    case 'CloseScheme':
      return close(command, openScheme(state, command.data.schemeId), context);
    case 'SetPaymentRule':
      return setPaymentRule(command, openScheme(state, command.data.schemeId), context);
    default:
      return unknownCommand(command);
  }
}

// A scheme that exists, is the one addressed, and has not been closed.
function openScheme(state: SchemeState, schemeId: string): EstablishedScheme {
  if (state.status === 'not_established') {
    throw new DomainError('SCHEME_NOT_ESTABLISHED', `Scheme "${schemeId}" is not established.`, {
      schemeId,
    });
  }
  if (state.schemeId !== schemeId) {
    throw new DomainError('SCHEME_MISMATCH', 'The command addresses another scheme.', {
      schemeId,
      stateSchemeId: state.schemeId,
    });
  }
  if (state.status === 'closed') {
    throw new DomainError('SCHEME_CLOSED', `Scheme "${schemeId}" is closed and cannot change.`, {
      schemeId,
      closingDate: state.closingDate,
    });
  }
  return state;
}

function establish(
  { data }: EstablishScheme,
  state: SchemeState,
  { today }: DecisionContext,
): SchemeEvent[] {
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  if (state.status !== 'not_established') {
    throw new DomainError('SCHEME_ALREADY_ESTABLISHED', `Scheme "${schemeId}" already exists.`, {
      schemeId,
    });
  }
  return [
    {
      type: 'SchemeEstablished',
      data: {
        schemeId,
        name: assertText(data.name, 'name', 200),
        legalBasis: assertOneOf(data.legalBasis, LEGAL_BASES, 'legalBasis'),
        paymentModel: assertOneOf(data.paymentModel, PAYMENT_MODELS, 'paymentModel'),
        // Not limited to the future: schemes that began decades ago are recorded as they were.
        startDate: assertCalendarDate(data.startDate, 'startDate'),
        vatCompensationBasisPoints: assertBasisPoints(
          data.vatCompensationBasisPoints ?? DEFAULT_VAT_COMPENSATION_BASIS_POINTS,
          'vatCompensationBasisPoints',
        ),
        withdrawalNoticeMonths: assertIntegerInRange(
          data.withdrawalNoticeMonths ?? DEFAULT_WITHDRAWAL_NOTICE_MONTHS,
          'withdrawalNoticeMonths',
          0,
          24,
        ),
        establishedOn: today,
      },
    },
  ];
}

function scheduleRate(
  { data }: ScheduleRate,
  scheme: EstablishedScheme,
  { today }: DecisionContext,
): SchemeEvent[] {
  const level = assertIdentifier(data.level, 'level');
  const amountOre = assertOre(data.amountOre, 'amountOre', 'positive');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  if (effectiveDate < today) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'Rates never change retroactively: the effective date must be today or later.',
      { effectiveDate, today },
    );
  }
  // Replacing a rate that is already in force today could change amounts computed today; a
  // future rate may still be corrected before it takes effect.
  const replacesRateInForce =
    effectiveDate === today &&
    scheme.rates.some((rate) => rate.level === level && rate.effectiveDate === today);
  if (replacesRateInForce) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'A rate already in force today cannot be replaced; schedule the new rate from tomorrow.',
      { level, effectiveDate, today },
    );
  }
  return [
    {
      type: 'SchemeRateScheduled',
      data: { schemeId: scheme.schemeId, level, amountOre, effectiveDate, scheduledOn: today },
    },
  ];
}

function setVatCompensation(
  { data }: SetVatCompensation,
  scheme: EstablishedScheme,
  { today }: DecisionContext,
): SchemeEvent[] {
  const basisPoints = assertBasisPoints(data.basisPoints, 'basisPoints');
  const effectiveDate = assertCalendarDate(data.effectiveDate, 'effectiveDate');
  if (effectiveDate < today) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'VAT compensation never changes retroactively: the effective date must be today or later.',
      { effectiveDate, today },
    );
  }
  return [
    {
      type: 'SchemeVatCompensationSet',
      data: { schemeId: scheme.schemeId, basisPoints, effectiveDate, setOn: today },
    },
  ];
}

function defineCondition(
  { data }: DefineSchemeCondition,
  scheme: EstablishedScheme,
): SchemeEvent[] {
  const condition = toAuthorisationCondition(data, scheme.schemeId);
  if (scheme.conditions.some((existing) => existing.conditionId === condition.conditionId)) {
    throw new DomainError(
      'CONDITION_ALREADY_DEFINED',
      `Condition "${condition.conditionId}" is already defined for this scheme.`,
      { conditionId: condition.conditionId },
    );
  }
  return [{ type: 'SchemeConditionDefined', data: { schemeId: scheme.schemeId, condition } }];
}

function designateNonChoiceProvider(
  { data }: DesignateNonChoiceProvider,
  scheme: EstablishedScheme,
  { today }: DecisionContext,
): SchemeEvent[] {
  const providerId = assertIdentifier(data.providerId, 'providerId');
  const provider = data.provider;
  if (!provider || provider.status !== 'registered' || provider.providerId !== providerId) {
    throw new DomainError(
      'PROVIDER_NOT_REGISTERED',
      `Provider "${providerId}" is not a registered provider.`,
      { providerId },
    );
  }
  // Before the scheme starts, check the provider as it will stand on the first day.
  const checkDate = laterDate(today, scheme.startDate);
  const choosability = isChoosable(provider, scheme, checkDate);
  if (!choosability.choosable) {
    throw new DomainError(
      'NON_CHOICE_PROVIDER_NOT_CHOOSABLE',
      `Provider "${providerId}" cannot be the non-choice alternative: it is not choosable in this scheme.`,
      { providerId, reason: choosability.reason, date: checkDate },
    );
  }
  return [
    {
      type: 'NonChoiceProviderDesignated',
      data: { schemeId: scheme.schemeId, providerId, designatedOn: today },
    },
  ];
}

function close(
  { data }: CloseScheme,
  scheme: EstablishedScheme,
  { today }: DecisionContext,
): SchemeEvent[] {
  const closingDate = assertCalendarDate(data.closingDate, 'closingDate');
  if (closingDate < today) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'A scheme cannot be closed retroactively: the closing date must be today or later.',
      { closingDate, today },
    );
  }
  if (closingDate <= scheme.startDate) {
    throw new DomainError('INVALID_DATE', 'The closing date must be after the start date.', {
      field: 'closingDate',
      closingDate,
      startDate: scheme.startDate,
    });
  }
  return [
    {
      type: 'SchemeClosed',
      data: {
        schemeId: scheme.schemeId,
        closingDate,
        reason: assertText(data.reason, 'reason'),
        closedOn: today,
      },
    },
  ];
}
