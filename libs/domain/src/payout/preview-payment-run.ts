import { SchemeState } from '../scheme/scheme.state';
import { PaymentRule } from '../scheme/scheme.types';
import { Instant } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { Ore } from '../shared/money';
import { VoucherCorrection } from './corrections';
import { computeVoucherLines, VoucherComputationInput } from './compute-voucher-lines';
import { PaymentRunBuilder } from './payment-run-builder';
import { ApprovePaymentRun } from './payment-run.commands';
import { closedPeriodsOf, paidItemsOf } from './payment-run.queries';
import { ApprovedPaymentRun, PaymentRunState } from './payment-run.state';
import { Period } from './period';
import { reconcile, Reconciliation } from './reconciliation';
import { VoucherLine } from './voucher-line';

/** What a run preview needs: the period's inputs and the scheme's earlier runs. */
export type PaymentRunInput = VoucherComputationInput &
  Readonly<{
    /** The scheme's payment runs (any order; unapproved and later ones are ignored). */
    previousRuns: readonly PaymentRunState[];
  }>;

/** A computed, not yet appended, payment run (the underlag providers check). */
export type PaymentRunPreview = Readonly<{
  schemeId: string;
  period: Period;
  rule: PaymentRule;
  lines: readonly VoucherLine[];
  corrections: readonly VoucherCorrection[];
  /** The closed periods recomputed for corrections (those within the window). */
  correctablePeriods: readonly Period[];
  linesTotalOre: Ore;
  correctionsTotalOre: Ore;
  totalOre: Ore;
}>;

function schemeIdOf(scheme: SchemeState): string {
  if (!scheme || scheme.status === 'not_established') {
    throw new DomainError('SCHEME_NOT_ESTABLISHED', 'A payment run needs an established scheme.');
  }
  return scheme.schemeId;
}

/**
 * Computes a payment run without appending anything: the period's lines, and corrections for
 * every closed period within the scheme's correction window (each recomputed from the current
 * history and compared with what earlier runs paid, corrections included). Approving it is
 * `approvalOf(preview, …)` → `ApprovePaymentRun`. ({@link PaymentRunBuilder} computes the same
 * one entitlement at a time.)
 */
export function previewPaymentRun(input: PaymentRunInput): PaymentRunPreview {
  const schemeId = schemeIdOf(input.scheme);
  const runs = input.previousRuns.filter(
    (run): run is ApprovedPaymentRun => run.status === 'approved' && run.schemeId === schemeId,
  );
  const builder = new PaymentRunBuilder({ ...input, closedPeriods: closedPeriodsOf(runs) });
  builder.addPaid(runs.filter((run) => run.period < builder.period).flatMap(paidItemsOf));
  for (const entitlement of input.entitlements) builder.addEntitlement(entitlement);
  return builder.finish();
}

/** The command that approves a previewed run as it was computed. */
export function approvalOf(
  preview: PaymentRunPreview,
  run: Readonly<{ runId: string; computedAt: Instant }>,
): ApprovePaymentRun {
  return {
    type: 'ApprovePaymentRun',
    data: {
      runId: run.runId,
      schemeId: preview.schemeId,
      period: preview.period,
      lines: preview.lines,
      corrections: preview.corrections,
      computedAt: run.computedAt,
    },
  };
}

/**
 * Reconciles a scheme: recomputes every closed period (each approved run's period) from the
 * current history and compares it with everything paid, corrections included.
 */
export function reconcilePaymentRuns(input: Omit<PaymentRunInput, 'period'>): Reconciliation {
  const schemeId = schemeIdOf(input.scheme);
  const runs = input.previousRuns.filter(
    (run) => run.status === 'approved' && run.schemeId === schemeId,
  );
  return reconcile(
    runs.flatMap(paidItemsOf),
    closedPeriodsOf(runs).flatMap((period) => computeVoucherLines({ ...input, period })),
  );
}
