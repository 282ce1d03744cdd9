import { AuthorisationCondition } from '../condition/authorisation-condition';
import { CalendarDate } from '../shared/calendar-date';
import { BasisPoints, Ore } from '../shared/money';
import { Message } from '../shared/messages';
import { LegalBasis, PaymentModel, PaymentRule } from './scheme.types';

/** A scheme (kundvalsområde) was set up. */
export type SchemeEstablished = Message<
  'SchemeEstablished',
  {
    schemeId: string;
    name: string;
    legalBasis: LegalBasis;
    paymentModel: PaymentModel;
    startDate: CalendarDate;
    /** Initial VAT compensation, effective from `startDate`. */
    vatCompensationBasisPoints: BasisPoints;
    withdrawalNoticeMonths: number;
    establishedOn: CalendarDate;
  }
>;

/** A rate for a level takes effect on a date; earlier rates stay in the history. */
export type SchemeRateScheduled = Message<
  'SchemeRateScheduled',
  {
    schemeId: string;
    level: string;
    amountOre: Ore;
    effectiveDate: CalendarDate;
    scheduledOn: CalendarDate;
  }
>;

/** The VAT-compensation percentage changes on a date. */
export type SchemeVatCompensationSet = Message<
  'SchemeVatCompensationSet',
  {
    schemeId: string;
    basisPoints: BasisPoints;
    effectiveDate: CalendarDate;
    setOn: CalendarDate;
  }
>;

/** A condition specific to this scheme (specifikt auktorisationsvillkor) was defined. */
export type SchemeConditionDefined = Message<
  'SchemeConditionDefined',
  { schemeId: string; condition: AuthorisationCondition }
>;

/** The provider that serves people who do not choose (ickevalsalternativ) was designated. */
export type NonChoiceProviderDesignated = Message<
  'NonChoiceProviderDesignated',
  { schemeId: string; providerId: string; designatedOn: CalendarDate }
>;

/** The scheme closes from `closingDate` (inclusive); nothing about it may change any more. */
export type SchemeClosed = Message<
  'SchemeClosed',
  { schemeId: string; closingDate: CalendarDate; reason: string; closedOn: CalendarDate }
>;

/**
 * The payment rule changes from the payment of period `effectiveFrom` (`YYYY-MM`) on; earlier
 * periods keep theirs.
 */
export type SchemePaymentRuleSet = Message<
  'SchemePaymentRuleSet',
  PaymentRule & { schemeId: string; effectiveFrom: string; setOn: CalendarDate }
>;

/** Every event of the `scheme` aggregate. */
export type SchemeEvent =
  | SchemeEstablished
  | SchemeRateScheduled
  | SchemeVatCompensationSet
  | SchemeConditionDefined
  | NonChoiceProviderDesignated
  | SchemeClosed
  | SchemePaymentRuleSet;
