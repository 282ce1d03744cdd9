import { CalendarDate } from '../shared/calendar-date';
import { BasisPoints, Ore } from '../shared/money';

/**
 * The law a scheme runs under: the Education Act (skollagen), the Act on System of Choice in the
 * Public Sector (LOV, lagen om valfrihetssystem), or a municipal customer-choice model outside
 * both (kundval före LOV, e.g. music school).
 */
export const LEGAL_BASES = ['school_act', 'lov', 'other'] as const;
/** The law a scheme runs under. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/**
 * How vouchers are paid: a monthly voucher (1/12 of an annual amount, e.g. skolpeng), per
 * performed hour (home care), or per day (housing, short stays).
 */
export const PAYMENT_MODELS = ['monthly', 'hourly', 'daily'] as const;
/** How vouchers are paid. */
export type PaymentModel = (typeof PAYMENT_MODELS)[number];

/** VAT compensation (momskompensation) for non-municipal providers unless set otherwise: 6 %. */
export const DEFAULT_VAT_COMPENSATION_BASIS_POINTS: BasisPoints = 600;

/**
 * Notice a provider must give to leave a scheme unless set otherwise: 3 months, the period most
 * LOV contracts use so that customers have time to choose again.
 */
export const DEFAULT_WITHDRAWAL_NOTICE_MONTHS = 3;

/**
 * A rate for one level (e.g. an age band or grade), effective from a date until superseded. The
 * amount is per month, hour or day according to the scheme's payment model.
 */
export type ScheduledRate = Readonly<{
  level: string;
  amountOre: Ore;
  effectiveDate: CalendarDate;
  scheduledOn: CalendarDate;
}>;

/** A VAT-compensation percentage, in basis points, effective from a date until superseded. */
export type VatCompensationEntry = Readonly<{
  basisPoints: BasisPoints;
  effectiveDate: CalendarDate;
  setOn: CalendarDate;
}>;

/**
 * How a monthly voucher is shared when the provider changes, or the entitlement starts or ends,
 * within a month: `per_day` pays each provider the days it had the citizen (rate × days / days
 * in the month); `counting_day` pays the whole month to the provider placed on the counting day
 * (mätdatum) and nothing to the others. Hourly and daily schemes always count days.
 */
export const PRORATIONS = ['per_day', 'counting_day'] as const;
/** How a monthly voucher is shared within a month. */
export type Proration = (typeof PRORATIONS)[number];

/**
 * The counting day (mätdatum) of a month: the 15th (moved to Monday when on a weekend), or the
 * first or last weekday. Public holidays are not modelled.
 */
export const COUNTING_DAYS = ['fifteenth', 'first_weekday', 'last_weekday'] as const;
/** The counting day (mätdatum) of a month. */
export type CountingDay = (typeof COUNTING_DAYS)[number];

/** The proration part of a payment rule. */
export type ProrationRule =
  | Readonly<{ proration: 'per_day' }>
  | Readonly<{ proration: 'counting_day'; countingDay: CountingDay }>;

/**
 * How a scheme's vouchers are paid beyond the rates: the proration of monthly vouchers, and how
 * many months back a payment run may correct (`correctionWindowMonths`: 1 = only the previous
 * month, 0 = never, null = without limit).
 */
export type PaymentRule = ProrationRule & Readonly<{ correctionWindowMonths: number | null }>;

/** A payment rule in force from the payment of period `effectiveFrom` (`YYYY-MM`) on. */
export type PaymentRuleEntry = PaymentRule &
  Readonly<{ effectiveFrom: string; setOn: CalendarDate }>;

/** The rule of a scheme that never set one: per day, corrections without limit. */
export const DEFAULT_PAYMENT_RULE: PaymentRule = {
  proration: 'per_day',
  correctionWindowMonths: null,
};

/** Longest correction window a scheme may set, in months (ten years). */
export const MAX_CORRECTION_WINDOW_MONTHS = 120;
