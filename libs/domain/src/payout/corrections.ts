import { DomainError } from '../shared/domain.error';
import { addPeriods, Period } from './period';
import type { PaidItem } from './payment-run.queries';
import {
  addAmounts,
  isZeroAmounts,
  NO_AMOUNTS,
  paymentKey,
  subtractAmounts,
  VoucherAmounts,
  VoucherLine,
} from './voucher-line';

/**
 * The difference between what a closed period now says a provider was owed for an entitlement
 * and what was paid for it (originals and earlier corrections), to be settled in the next run.
 */
export type VoucherCorrection = Readonly<{
  schemeId: string;
  /** The closed period corrected. */
  correctsPeriod: Period;
  citizenId: string;
  entitlementId: string;
  providerId: string;
  /**
   * The payment corrected: the original voucher payment, or, if there was none, the first
   * correction that paid this provider for the period; null if it was never paid (e.g. the new
   * provider of a backdated switch).
   */
  correctsPaymentId: string | null;
  previouslyPaid: VoucherAmounts;
  /** What the current history says was owed (zero if nothing is owed any more). */
  owed: VoucherAmounts;
  /** `owed − previouslyPaid`, per component; negative when the provider was overpaid. */
  difference: VoucherAmounts;
  /** The recomputed line behind `owed`, or null if nothing is owed any more. */
  line: VoucherLine | null;
}>;

/** What {@link computeCorrections} compares. */
export type CorrectionInput = Readonly<{
  schemeId: string;
  /** The period of the run that will carry the corrections. */
  currentPeriod: Period;
  /** The scheme's correction window for that run (`paymentRuleFor(scheme, currentPeriod)`). */
  correctionWindowMonths: number | null;
  /** Periods with an approved run: only those are closed and can be corrected. */
  closedPeriods: readonly Period[];
  /** Everything paid in earlier runs, corrections included (`paidItemsOf`). */
  previouslyPaid: readonly PaidItem[];
  /** The closed periods' lines recomputed from the current history. */
  recomputed: readonly VoucherLine[];
}>;

/**
 * Whether a run for `currentPeriod` may correct `period`: it is closed, earlier, and within the
 * window (`1` = the previous month only, `0` = none, null = any earlier month).
 */
export function isCorrectable(
  period: Period,
  currentPeriod: Period,
  correctionWindowMonths: number | null,
  closedPeriods: readonly Period[],
): boolean {
  if (period >= currentPeriod || !closedPeriods.includes(period)) return false;
  return (
    correctionWindowMonths === null || period >= addPeriods(currentPeriod, -correctionWindowMonths)
  );
}

type Paid = { amounts: VoucherAmounts; first: PaidItem };

/**
 * The corrections a run for `currentPeriod` appends: for every entitlement, provider and
 * correctable period whose recomputed amounts differ from what was paid (in any component), one
 * correction carrying the difference. Differences in periods outside the window are left alone
 * (closed periods are never rewritten); reconciliation still shows them. Sorted by period,
 * citizen, entitlement and provider; pure and deterministic.
 */
export function computeCorrections(input: CorrectionInput): VoucherCorrection[] {
  const { schemeId, currentPeriod, correctionWindowMonths, closedPeriods } = input;
  const correctable = (period: Period) =>
    isCorrectable(period, currentPeriod, correctionWindowMonths, closedPeriods);

  const paidByKey = new Map<string, Paid>();
  const paidItems = input.previouslyPaid
    .filter((item) => item.schemeId === schemeId && correctable(item.period))
    .sort(
      (a, b) =>
        compare(a.runPeriod, b.runPeriod) ||
        (a.kind === b.kind ? 0 : a.kind === 'payment' ? -1 : 1),
    );
  for (const item of paidItems) {
    const key = paymentKey(item.period, item.entitlementId, item.providerId);
    const paid = paidByKey.get(key);
    paidByKey.set(
      key,
      paid
        ? { amounts: addAmounts(paid.amounts, item.amounts), first: paid.first }
        : { amounts: item.amounts, first: item },
    );
  }

  const owedByKey = new Map<string, VoucherLine>();
  for (const line of input.recomputed) {
    if (line.schemeId !== schemeId || !correctable(line.period)) continue;
    const key = paymentKey(line.period, line.entitlementId, line.providerId);
    if (owedByKey.has(key)) {
      throw new DomainError('INVALID_INPUT', 'The recomputed lines list a payment twice.', {
        field: 'recomputed',
        key,
      });
    }
    owedByKey.set(key, line);
  }

  const corrections: VoucherCorrection[] = [];
  for (const key of new Set([...paidByKey.keys(), ...owedByKey.keys()])) {
    const paid = paidByKey.get(key);
    const line = owedByKey.get(key) ?? null;
    const owed = line?.amounts ?? NO_AMOUNTS;
    const previouslyPaid = paid?.amounts ?? NO_AMOUNTS;
    const difference = subtractAmounts(owed, previouslyPaid);
    if (isZeroAmounts(difference)) continue;
    const about = line ?? (paid as Paid).first;
    corrections.push({
      schemeId,
      correctsPeriod: about.period,
      citizenId: about.citizenId,
      entitlementId: about.entitlementId,
      providerId: about.providerId,
      correctsPaymentId: paid?.first.paymentId ?? null,
      previouslyPaid,
      owed,
      difference,
      line,
    });
  }
  return corrections.sort(compareCorrections);
}

/** The order of `computeCorrections`: by corrected period, citizen, entitlement and provider. */
export function compareCorrections(a: VoucherCorrection, b: VoucherCorrection): number {
  return (
    compare(a.correctsPeriod, b.correctsPeriod) ||
    compare(a.citizenId, b.citizenId) ||
    compare(a.entitlementId, b.entitlementId) ||
    compare(a.providerId, b.providerId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
