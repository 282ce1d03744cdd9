import { assertPeriod, periodOf } from '../payout/period';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertIntegerInRange, assertOneOf } from '../shared/validation';
import { SetPaymentRule } from './scheme.commands';
import { SchemeEvent } from './scheme.events';
import { EstablishedScheme } from './scheme.state';
import {
  COUNTING_DAYS,
  MAX_CORRECTION_WINDOW_MONTHS,
  PaymentRule,
  PRORATIONS,
} from './scheme.types';

/**
 * Sets the payment rule from a period: the current month (the default) or later, never an
 * earlier one, since periods already paid must keep the rule they were paid under.
 * `countingDay` is required with `counting_day` and refused with `per_day`; a missing
 * `correctionWindowMonths` means no limit.
 */
export function setPaymentRule(
  { data }: SetPaymentRule,
  scheme: EstablishedScheme,
  { today }: DecisionContext,
): SchemeEvent[] {
  const currentPeriod = periodOf(today);
  const effectiveFrom =
    data.effectiveFrom === undefined || data.effectiveFrom === null
      ? currentPeriod
      : assertPeriod(data.effectiveFrom, 'effectiveFrom');
  if (effectiveFrom < currentPeriod) {
    throw new DomainError(
      'RETROACTIVE_CHANGE',
      'A payment rule never changes retroactively: it applies from the current month or later.',
      { effectiveFrom, currentPeriod },
    );
  }
  return [
    {
      type: 'SchemePaymentRuleSet',
      data: { schemeId: scheme.schemeId, ...paymentRule(data), effectiveFrom, setOn: today },
    },
  ];
}

function paymentRule(data: SetPaymentRule['data']): PaymentRule {
  const proration = assertOneOf(data.proration, PRORATIONS, 'proration');
  const countingDay = (data as { countingDay?: unknown }).countingDay;
  const correctionWindowMonths =
    data.correctionWindowMonths === null || data.correctionWindowMonths === undefined
      ? null
      : assertIntegerInRange(
          data.correctionWindowMonths,
          'correctionWindowMonths',
          0,
          MAX_CORRECTION_WINDOW_MONTHS,
        );
  if (proration === 'counting_day') {
    return {
      proration,
      countingDay: assertOneOf(countingDay, COUNTING_DAYS, 'countingDay'),
      correctionWindowMonths,
    };
  }
  if (countingDay !== undefined && countingDay !== null) {
    throw new DomainError('INVALID_INPUT', 'countingDay applies to counting_day proration only.', {
      field: 'countingDay',
    });
  }
  return { proration, correctionWindowMonths };
}
