import { ConditionDefinition } from '../condition/authorisation-condition';
import type { ProviderState } from '../provider/provider.state';
import { CalendarDate } from '../shared/calendar-date';
import { BasisPoints, Ore } from '../shared/money';
import { Message } from '../shared/messages';
import { LegalBasis, PaymentModel, PaymentRule } from './scheme.types';

/** Sets up a scheme. */
export type EstablishScheme = Message<
  'EstablishScheme',
  {
    schemeId: string;
    name: string;
    legalBasis: LegalBasis;
    paymentModel: PaymentModel;
    startDate: CalendarDate;
    /** Defaults to 600 (6 %). */
    vatCompensationBasisPoints?: BasisPoints;
    /** Defaults to 3. */
    withdrawalNoticeMonths?: number;
  }
>;

/** Schedules a rate for a level from an effective date (today or later). */
export type ScheduleRate = Message<
  'ScheduleRate',
  { schemeId: string; level: string; amountOre: Ore; effectiveDate: CalendarDate }
>;

/** Changes the VAT-compensation percentage from an effective date (today or later). */
export type SetVatCompensation = Message<
  'SetVatCompensation',
  { schemeId: string; basisPoints: BasisPoints; effectiveDate: CalendarDate }
>;

/** Defines a condition specific to this scheme. */
export type DefineSchemeCondition = Message<
  'DefineSchemeCondition',
  ConditionDefinition & { schemeId: string }
>;

/**
 * Designates the non-choice provider. `provider` is the provider's current state, loaded by the
 * caller, because the domain checks that it is choosable in this scheme.
 */
export type DesignateNonChoiceProvider = Message<
  'DesignateNonChoiceProvider',
  { schemeId: string; providerId: string; provider: ProviderState }
>;

/** Closes the scheme from a closing date (today or later; the last day open is the day before). */
export type CloseScheme = Message<
  'CloseScheme',
  { schemeId: string; closingDate: CalendarDate; reason: string }
>;

/**
 * Sets how vouchers are paid (proration of monthly vouchers, correction window) from the payment
 * of period `effectiveFrom` (`YYYY-MM`, the current month or later; defaults to the current
 * month). Earlier periods keep the rule they were paid under, so recomputing them for
 * corrections and reconciliation gives what was owed then.
 */
export type SetPaymentRule = Message<
  'SetPaymentRule',
  PaymentRule & { schemeId: string; effectiveFrom?: string | null }
>;

/** Every command of the `scheme` aggregate. */
export type SchemeCommand =
  | EstablishScheme
  | ScheduleRate
  | SetVatCompensation
  | DefineSchemeCondition
  | DesignateNonChoiceProvider
  | CloseScheme
  | SetPaymentRule;
