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
