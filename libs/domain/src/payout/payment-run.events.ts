import type { PaymentModel } from '../scheme/scheme.types';
import { CalendarDate, Instant } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import { Ore } from '../shared/money';
import { Period } from './period';
import { VoucherAmounts, VoucherBasis, VoucherLineFlag } from './voucher-line';

/**
 * A payment run for a scheme and period was approved. `totalOre` = `linesTotalOre` +
 * `correctionsTotalOre`, each the exact sum of the events that follow it.
 */
export type PaymentRunApproved = Message<
  'PaymentRunApproved',
  {
    runId: string;
    schemeId: string;
    period: Period;
    totalOre: Ore;
    linesTotalOre: Ore;
    correctionsTotalOre: Ore;
    lineCount: number;
    correctionCount: number;
    computedAt: Instant;
    approvedOn: CalendarDate;
  }
>;

/** One provider is paid for one entitlement (one citizen) in the run's scheme and period. */
export type VoucherPaymentRecorded = Message<
  'VoucherPaymentRecorded',
  {
    /** Stable: `payment/<schemeId>/<period>/<entitlementId>/<providerId>`. */
    paymentId: string;
    runId: string;
    schemeId: string;
    period: Period;
    citizenId: string;
    entitlementId: string;
    providerId: string;
    model: PaymentModel;
    basis: VoucherBasis;
    amounts: VoucherAmounts;
    flags: readonly VoucherLineFlag[];
  }
>;

/**
 * A difference for an earlier, closed period, settled in this run (`period`) without rewriting
 * that period. `difference` = `owed` − `previouslyPaid`; `differenceOre` is its total.
 */
export type VoucherPaymentCorrected = Message<
  'VoucherPaymentCorrected',
  {
    /**
     * Stable: `correction/<schemeId>/<period>/<correctsPeriod>/<entitlementId>/<providerId>`.
     */
    paymentId: string;
    runId: string;
    schemeId: string;
    /** The run's period. */
    period: Period;
    correctsPeriod: Period;
    /** The payment corrected, or null if the provider was never paid for that period. */
    correctsPaymentId: string | null;
    citizenId: string;
    entitlementId: string;
    providerId: string;
    previouslyPaid: VoucherAmounts;
    owed: VoucherAmounts;
    difference: VoucherAmounts;
    differenceOre: Ore;
    /** The recomputed basis of `owed`, or null when nothing is owed any more. */
    model: PaymentModel | null;
    basis: VoucherBasis | null;
    flags: readonly VoucherLineFlag[];
  }
>;

/** Every event of the `payment-run` aggregate. */
export type PaymentRunEvent = PaymentRunApproved | VoucherPaymentRecorded | VoucherPaymentCorrected;
