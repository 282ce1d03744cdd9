import { AuthorisationCondition } from '../condition/authorisation-condition';
import { CalendarDate } from '../shared/calendar-date';
import { SchemeEvent } from './scheme.events';
import {
  LegalBasis,
  PaymentModel,
  PaymentRuleEntry,
  ProrationRule,
  ScheduledRate,
  VatCompensationEntry,
} from './scheme.types';

/** A scheme stream with no events yet. */
export type UnestablishedScheme = Readonly<{ status: 'not_established' }>;

/**
 * An established scheme. `status` is `closed` as soon as a closure is decided, even if the
 * closing date is still ahead: from then on the scheme refuses changes.
 */
export type EstablishedScheme = Readonly<{
  status: 'established' | 'closed';
  schemeId: string;
  name: string;
  legalBasis: LegalBasis;
  paymentModel: PaymentModel;
  startDate: CalendarDate;
  withdrawalNoticeMonths: number;
  /** Every rate ever scheduled, in scheduling order (the rate history). */
  rates: readonly ScheduledRate[];
  /** Every VAT-compensation setting, in order; the first is the one set at establishment. */
  vatCompensation: readonly VatCompensationEntry[];
  /** Conditions specific to this scheme; general ones live in the condition catalogue. */
  conditions: readonly AuthorisationCondition[];
  nonChoiceProviderId: string | null;
  /** First day the scheme is closed. */
  closingDate: CalendarDate | null;
  closingReason: string | null;
  /** Every payment rule set, in order; none means the default (`paymentRuleFor`). */
  paymentRules: readonly PaymentRuleEntry[];
}>;

/** The state of the `scheme` aggregate. */
export type SchemeState = UnestablishedScheme | EstablishedScheme;

/** The scheme before any event. */
export function initialSchemeState(): SchemeState {
  return { status: 'not_established' };
}

/** Applies one scheme event. Events that do not fit the state leave it unchanged. */
export function evolveScheme(state: SchemeState, event: SchemeEvent): SchemeState {
  if (event.type === 'SchemeEstablished') {
    const { data } = event;
    return {
      status: 'established',
      schemeId: data.schemeId,
      name: data.name,
      legalBasis: data.legalBasis,
      paymentModel: data.paymentModel,
      startDate: data.startDate,
      withdrawalNoticeMonths: data.withdrawalNoticeMonths,
      rates: [],
      vatCompensation: [
        {
          basisPoints: data.vatCompensationBasisPoints,
          effectiveDate: data.startDate,
          setOn: data.establishedOn,
        },
      ],
      conditions: [],
      nonChoiceProviderId: null,
      closingDate: null,
      closingReason: null,
      paymentRules: [],
    };
  }
  if (state.status === 'not_established') return state;
  switch (event.type) {
    case 'SchemeRateScheduled': {
      const { level, amountOre, effectiveDate, scheduledOn } = event.data;
      return {
        ...state,
        rates: [...state.rates, { level, amountOre, effectiveDate, scheduledOn }],
      };
    }
    case 'SchemeVatCompensationSet': {
      const { basisPoints, effectiveDate, setOn } = event.data;
      return {
        ...state,
        vatCompensation: [...state.vatCompensation, { basisPoints, effectiveDate, setOn }],
      };
    }
    case 'SchemeConditionDefined':
      return { ...state, conditions: [...state.conditions, event.data.condition] };
    case 'NonChoiceProviderDesignated':
      return { ...state, nonChoiceProviderId: event.data.providerId };
    case 'SchemeClosed':
      return {
        ...state,
        status: 'closed',
        closingDate: event.data.closingDate,
        closingReason: event.data.reason,
      };
    case 'SchemePaymentRuleSet': {
      const { data } = event;
      const proration: ProrationRule =
        data.proration === 'counting_day'
          ? { proration: 'counting_day', countingDay: data.countingDay }
          : { proration: 'per_day' };
      const entry: PaymentRuleEntry = {
        ...proration,
        correctionWindowMonths: data.correctionWindowMonths,
        effectiveFrom: data.effectiveFrom,
        setOn: data.setOn,
      };
      return { ...state, paymentRules: [...state.paymentRules, entry] };
    }
    default:
      return state;
  }
}
