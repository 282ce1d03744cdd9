import { Instant } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import type { VoucherCorrection } from './corrections';
import { Period } from './period';
import { VoucherLine } from './voucher-line';

/**
 * Approves (and so appends) a payment run for one scheme and period, as previewed: the period's
 * lines (`computeVoucherLines`) and the corrections of earlier periods (`computeCorrections`).
 * The period must have ended. A run is approved once; approving it again is refused with
 * `PAYMENT_RUN_ALREADY_APPROVED`, which the application reports as "this run exists".
 */
export type ApprovePaymentRun = Message<
  'ApprovePaymentRun',
  {
    runId: string;
    schemeId: string;
    period: Period;
    lines: readonly VoucherLine[];
    corrections: readonly VoucherCorrection[];
    /** When the preview was computed. */
    computedAt: Instant;
  }
>;

/** Every command of the `payment-run` aggregate. */
export type PaymentRunCommand = ApprovePaymentRun;
