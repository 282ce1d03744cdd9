import { Ore } from '../shared/money';
import type { VoucherPaymentCorrected, VoucherPaymentRecorded } from './payment-run.events';
import { PaymentRunState } from './payment-run.state';
import { Period } from './period';
import { VoucherAmounts } from './voucher-line';

/** One amount paid for an entitlement, provider and period: an original payment or a correction. */
export type PaidItem = Readonly<{
  paymentId: string;
  kind: 'payment' | 'correction';
  runId: string;
  /** The period of the run that paid it. */
  runPeriod: Period;
  schemeId: string;
  /** The period paid for (a correction's `correctsPeriod`). */
  period: Period;
  citizenId: string;
  entitlementId: string;
  providerId: string;
  /** For a correction: its difference. */
  amounts: VoucherAmounts;
}>;

/** Stable id of the payment of one line. */
export function paymentIdOf(
  schemeId: string,
  period: Period,
  entitlementId: string,
  providerId: string,
): string {
  return `payment/${schemeId}/${period}/${entitlementId}/${providerId}`;
}

/** Stable id of a correction of `correctsPeriod` appended by the run for `period`. */
export function correctionIdOf(
  schemeId: string,
  period: Period,
  correctsPeriod: Period,
  entitlementId: string,
  providerId: string,
): string {
  return `correction/${schemeId}/${period}/${correctsPeriod}/${entitlementId}/${providerId}`;
}

/** Everything a run paid: its payments and its corrections of earlier periods. */
export function paidItemsOf(run: PaymentRunState): PaidItem[] {
  if (run.status !== 'approved') return [];
  const { runId, period: runPeriod } = run;
  return [
    ...run.payments.map((data) =>
      paidItemOf({ type: 'VoucherPaymentRecorded', data }, runId, runPeriod),
    ),
    ...run.corrections.map((data) =>
      paidItemOf({ type: 'VoucherPaymentCorrected', data }, runId, runPeriod),
    ),
  ];
}

/** What one payment or correction of the run `runId` (for `runPeriod`) paid. */
export function paidItemOf(
  event:
    Pick<VoucherPaymentRecorded, 'type' | 'data'> | Pick<VoucherPaymentCorrected, 'type' | 'data'>,
  runId: string,
  runPeriod: Period,
): PaidItem {
  // Written out in full rather than spread from a common part: a run turns a million events into
  // items, and building one by spreading a common part took nearly three times as long.
  if (event.type === 'VoucherPaymentRecorded') {
    const { data } = event;
    return {
      paymentId: data.paymentId,
      kind: 'payment',
      runId,
      runPeriod,
      schemeId: data.schemeId,
      period: data.period,
      citizenId: data.citizenId,
      entitlementId: data.entitlementId,
      providerId: data.providerId,
      amounts: data.amounts,
    };
  }
  const { data } = event;
  return {
    paymentId: data.paymentId,
    kind: 'correction',
    runId,
    runPeriod,
    schemeId: data.schemeId,
    period: data.correctsPeriod,
    citizenId: data.citizenId,
    entitlementId: data.entitlementId,
    providerId: data.providerId,
    amounts: data.difference,
  };
}

/** The closed periods: those with an approved run, in order. */
export function closedPeriodsOf(runs: readonly PaymentRunState[]): Period[] {
  return [
    ...new Set(runs.flatMap((run) => (run.status === 'approved' ? [run.period] : []))),
  ].sort();
}

/** A provider's part of a run: what its statement totals. */
export type ProviderRunTotal = Readonly<{
  providerId: string;
  paymentsOre: Ore;
  correctionsOre: Ore;
  totalOre: Ore;
  lineCount: number;
  correctionCount: number;
}>;

/** Per provider, what a run pays (payments and corrections), sorted by provider id. */
export function providerTotalsOf(run: PaymentRunState): ProviderRunTotal[] {
  if (run.status !== 'approved') return [];
  const totals = new Map<string, ProviderRunTotal>();
  const entry = (providerId: string) =>
    totals.get(providerId) ?? {
      providerId,
      paymentsOre: 0,
      correctionsOre: 0,
      totalOre: 0,
      lineCount: 0,
      correctionCount: 0,
    };
  for (const payment of run.payments) {
    const current = entry(payment.providerId);
    totals.set(payment.providerId, {
      ...current,
      paymentsOre: current.paymentsOre + payment.amounts.totalOre,
      totalOre: current.totalOre + payment.amounts.totalOre,
      lineCount: current.lineCount + 1,
    });
  }
  for (const correction of run.corrections) {
    const current = entry(correction.providerId);
    totals.set(correction.providerId, {
      ...current,
      correctionsOre: current.correctionsOre + correction.differenceOre,
      totalOre: current.totalOre + correction.differenceOre,
      correctionCount: current.correctionCount + 1,
    });
  }
  return [...totals.values()].sort((a, b) =>
    a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0,
  );
}
