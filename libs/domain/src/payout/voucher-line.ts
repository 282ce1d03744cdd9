import type { PaymentModel, Proration } from '../scheme/scheme.types';
import { CalendarDate } from '../shared/calendar-date';
import { BasisPoints, Ore } from '../shared/money';
import { Period } from './period';

/**
 * Consecutive paid days at one level, one rate and one VAT-compensation percentage. Under a
 * counting-day rule the single segment spans the whole month.
 */
export type VoucherSegment = Readonly<{
  from: CalendarDate;
  /** Last day (inclusive). */
  to: CalendarDate;
  days: number;
  level: string;
  /** The rate in force those days: per month, hour or day by the scheme's payment model. */
  rateOre: Ore;
  rateEffectiveDate: CalendarDate;
  /** VAT compensation those days: 0 for a municipal provider. */
  vatBasisPoints: BasisPoints;
}>;

/** Performed hours behind an hourly line, all in hundredths of an hour. */
export type HoursBasis = Readonly<{
  /** The report in force for the month and provider. */
  reportId: string;
  reported: number;
  /** The cap: granted hours prorated over the provider's paid days (see `computeVoucherLines`). */
  granted: number;
  /** The lesser of reported and granted. */
  paid: number;
  /** Reported beyond the cap: flagged, not paid. */
  excess: number;
}>;

/** A supplement (tilläggsbelopp) paid on a line. */
export type SupplementBasis = Readonly<{
  supplementId: string;
  decisionRef: string;
  amountOrePerMonth: Ore;
  /** Paid days it was in force (the whole month under a counting-day rule). */
  days: number;
  amountOre: Ore;
}>;

/** Why a line was computed as it was: what a provider's statement (underlag) shows. */
export type VoucherBasis = Readonly<{
  proration: Proration;
  /** The counting day (mätdatum) under a counting-day rule, else null. */
  countingDay: CalendarDate | null;
  daysInMonth: number;
  /** Days the citizen was entitled and placed with the provider. */
  placedDays: number;
  /** Days paid: placed, provider authorised, a rate in force (under a counting-day rule: all). */
  paidDays: number;
  /** Placed days on which the provider was not authorised (e.g. after a de-authorisation). */
  unauthorisedDays: number;
  /** Placed, authorised days without a rate for the level (a gap in the rate table). */
  unpricedDays: number;
  segments: readonly VoucherSegment[];
  /** The VAT-compensation percentage when the same on all paid days, else null (see segments). */
  vatBasisPoints: BasisPoints | null;
  /** Hourly schemes only. */
  hours: HoursBasis | null;
  supplements: readonly SupplementBasis[];
}>;

/** A line's amounts in öre; `totalOre` is the sum of the other three. */
export type VoucherAmounts = Readonly<{
  voucherOre: Ore;
  vatCompensationOre: Ore;
  supplementOre: Ore;
  totalOre: Ore;
}>;

/** Remarks a statement should show next to a line. */
export const VOUCHER_LINE_FLAGS = ['excess_hours', 'unauthorised_days', 'unpriced_days'] as const;
/** A remark on a voucher line. */
export type VoucherLineFlag = (typeof VOUCHER_LINE_FLAGS)[number];

/**
 * What one provider is owed for one entitlement (so one citizen) in one scheme and period. A
 * mid-month switch gives two lines, one per provider.
 */
export type VoucherLine = Readonly<{
  /** `<period>/<entitlementId>/<providerId>`: unique within a scheme. */
  lineKey: string;
  schemeId: string;
  period: Period;
  citizenId: string;
  entitlementId: string;
  providerId: string;
  model: PaymentModel;
  basis: VoucherBasis;
  amounts: VoucherAmounts;
  flags: readonly VoucherLineFlag[];
}>;

/** The key of what is paid for one entitlement, provider and period. */
export function paymentKey(period: Period, entitlementId: string, providerId: string): string {
  return `${period}/${entitlementId}/${providerId}`;
}

/** Zero amounts. */
export const NO_AMOUNTS: VoucherAmounts = {
  voucherOre: 0,
  vatCompensationOre: 0,
  supplementOre: 0,
  totalOre: 0,
};

/** Component-wise sum of amounts. */
export function addAmounts(a: VoucherAmounts, b: VoucherAmounts): VoucherAmounts {
  return {
    voucherOre: a.voucherOre + b.voucherOre,
    vatCompensationOre: a.vatCompensationOre + b.vatCompensationOre,
    supplementOre: a.supplementOre + b.supplementOre,
    totalOre: a.totalOre + b.totalOre,
  };
}

/** Component-wise `a − b`. */
export function subtractAmounts(a: VoucherAmounts, b: VoucherAmounts): VoucherAmounts {
  return {
    voucherOre: a.voucherOre - b.voucherOre,
    vatCompensationOre: a.vatCompensationOre - b.vatCompensationOre,
    supplementOre: a.supplementOre - b.supplementOre,
    totalOre: a.totalOre - b.totalOre,
  };
}

/** True when every component is zero. */
export function isZeroAmounts(amounts: VoucherAmounts): boolean {
  return (
    amounts.voucherOre === 0 &&
    amounts.vatCompensationOre === 0 &&
    amounts.supplementOre === 0 &&
    amounts.totalOre === 0
  );
}
