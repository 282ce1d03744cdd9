import { paymentRuleFor } from '../scheme/scheme.queries';
import { SchemeState } from '../scheme/scheme.state';
import { PaymentRule } from '../scheme/scheme.types';
import { Instant } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { Ore, sumOre } from '../shared/money';
import { computeCorrections, isCorrectable, VoucherCorrection } from './corrections';
import { computeVoucherLines, VoucherComputationInput } from './compute-voucher-lines';
import { ApprovePaymentRun } from './payment-run.commands';
import { closedPeriodsOf, paidItemsOf } from './payment-run.queries';
import { PaymentRunState } from './payment-run.state';
import { assertPeriod, Period } from './period';
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

function earlierRuns(input: PaymentRunInput, schemeId: string, period: Period) {
  return input.previousRuns.filter(
    (run) => run.status === 'approved' && run.schemeId === schemeId && run.period < period,
  );
}

/**
 * Computes a payment run without appending anything: the period's lines, and corrections for
 * every closed period within the scheme's correction window (each recomputed from the current
 * history and compared with what earlier runs paid, corrections included). Approving it is
 * `approvalOf(preview, …)` → `ApprovePaymentRun`.
 */
export function previewPaymentRun(input: PaymentRunInput): PaymentRunPreview {
  const schemeId = schemeIdOf(input.scheme);
  const period = assertPeriod(input.period, 'period');
  const rule = paymentRuleFor(input.scheme, period);
  const lines = computeVoucherLines(input);
  const runs = earlierRuns(input, schemeId, period);
  const closedPeriods = closedPeriodsOf(runs);
  const correctablePeriods = closedPeriods.filter((closed) =>
    isCorrectable(closed, period, rule.correctionWindowMonths, closedPeriods),
  );
  const corrections = computeCorrections({
    schemeId,
    currentPeriod: period,
    correctionWindowMonths: rule.correctionWindowMonths,
    closedPeriods,
    previouslyPaid: runs.flatMap(paidItemsOf),
    recomputed: correctablePeriods.flatMap((closed) =>
      computeVoucherLines({ ...input, period: closed }),
    ),
  });
  const linesTotalOre = sumOre(lines.map((line) => line.amounts.totalOre));
  const correctionsTotalOre = sumOre(corrections.map((c) => c.difference.totalOre));
  return {
    schemeId,
    period,
    rule,
    lines,
    corrections,
    correctablePeriods,
    linesTotalOre,
    correctionsTotalOre,
    totalOre: sumOre([linesTotalOre, correctionsTotalOre]),
  };
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
