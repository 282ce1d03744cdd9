import type { EntitlementState } from '../citizen/entitlement.state';
import { paymentRuleFor } from '../scheme/scheme.queries';
import { CalendarDate } from '../shared/calendar-date';
import { PaymentRule } from '../scheme/scheme.types';
import { DomainError } from '../shared/domain.error';
import { sumOre } from '../shared/money';
import {
  compareCorrections,
  computeCorrections,
  isCorrectable,
  VoucherCorrection,
} from './corrections';
import {
  compareVoucherLines,
  VoucherComputationInput,
  voucherLineCalculator,
} from './compute-voucher-lines';
import type { PaidItem } from './payment-run.queries';
import { assertPeriod, firstDayOf, lastDayOf, Period } from './period';
import type { PaymentRunPreview } from './preview-payment-run';
import { VoucherLine } from './voucher-line';

/** What a run needs besides the entitlements and what earlier runs paid. */
export type PaymentRunFrame = Omit<VoucherComputationInput, 'entitlements'> &
  Readonly<{
    /** Periods of the scheme's approved runs (any order; the run's own and later are ignored). */
    closedPeriods: readonly Period[];
  }>;

/**
 * Computes a payment run one entitlement at a time, so that a caller can stream a scheme's
 * entitlements instead of holding them all: the result equals `previewPaymentRun` over the same
 * entitlements and runs. Give it what the correctable periods' runs paid (`addPaid`, only
 * needed for {@link correctablePeriods}) and then every entitlement once (`addEntitlement`);
 * `finish` sorts and totals. Payment keys identify an entitlement by its id, so entitlement
 * ids are unique within a scheme.
 */
export class PaymentRunBuilder {
  readonly schemeId: string;
  readonly period: Period;
  readonly rule: PaymentRule;
  /** The closed periods recomputed for corrections: those within the correction window. */
  readonly correctablePeriods: readonly Period[];
  /**
   * The days the run pays or corrects: from the first day of the earliest correctable period (or
   * of the period) to the period's last day. An entitlement with no entitled day among them has
   * no line to pay or recompute, so a caller may leave it out: what it was paid is corrected to
   * nothing all the same, as paid items of no entitlement given are.
   */
  readonly days: Readonly<{ from: CalendarDate; to: CalendarDate }>;
  private readonly closedPeriods: readonly Period[];
  private readonly linesOf: (entitlement: EntitlementState) => VoucherLine[];
  private readonly recomputedOf: ((entitlement: EntitlementState) => VoucherLine[])[];
  // Paid items by entitlement: corrections are per entitlement, so each group is settled when
  // its entitlement comes by and dropped, and whatever is left was paid for no entitlement here.
  private readonly paid = new Map<string, PaidItem[]>();
  private readonly lines: VoucherLine[] = [];
  private readonly corrections: VoucherCorrection[] = [];
  private readonly correctableByPeriod = new Map<Period, boolean>();

  constructor(frame: PaymentRunFrame) {
    const scheme = frame.scheme;
    if (!scheme || scheme.status === 'not_established') {
      throw new DomainError('SCHEME_NOT_ESTABLISHED', 'A payment run needs an established scheme.');
    }
    this.schemeId = scheme.schemeId;
    this.period = assertPeriod(frame.period, 'period');
    this.rule = paymentRuleFor(scheme, this.period);
    this.closedPeriods = [...new Set(frame.closedPeriods)].filter((p) => p < this.period).sort();
    this.correctablePeriods = this.closedPeriods.filter((closed) => this.correctable(closed));
    this.days = {
      from: firstDayOf(this.correctablePeriods[0] ?? this.period),
      to: lastDayOf(this.period),
    };
    this.linesOf = voucherLineCalculator(frame);
    this.recomputedOf = this.correctablePeriods.map((closed) =>
      voucherLineCalculator({ ...frame, period: closed }),
    );
  }

  /** Adds what earlier runs paid; items for periods outside the window are not kept. */
  addPaid(items: Iterable<PaidItem>): void {
    for (const item of items) {
      if (item.schemeId !== this.schemeId || !this.correctable(item.period)) continue;
      const group = this.paid.get(item.entitlementId);
      if (!group) this.paid.set(item.entitlementId, [item]);
      // Most entitlements have one item per correctable period: a list grown by a push would
      // have room for 17, so the second item makes a list of two instead.
      else if (group.length === 1) this.paid.set(item.entitlementId, [group[0], item]);
      else group.push(item);
    }
  }

  /** Adds one entitlement: its lines for the period and its corrections of closed periods. */
  addEntitlement(entitlement: EntitlementState): void {
    for (const line of this.linesOf(entitlement)) this.lines.push(line);
    if (entitlement.status === 'not_granted' || entitlement.schemeId !== this.schemeId) return;
    const recomputed = this.recomputedOf.flatMap((linesOf) => linesOf(entitlement));
    const paid = this.paid.get(entitlement.entitlementId) ?? [];
    this.paid.delete(entitlement.entitlementId);
    this.settle(paid, recomputed);
  }

  /** The run: lines and corrections in their documented order, with totals. */
  finish(): PaymentRunPreview {
    for (const paid of this.paid.values()) this.settle(paid, []);
    this.paid.clear();
    const lines = this.lines.sort(compareVoucherLines);
    const corrections = this.corrections.sort(compareCorrections);
    const linesTotalOre = sumOre(lines.map((line) => line.amounts.totalOre));
    const correctionsTotalOre = sumOre(corrections.map((c) => c.difference.totalOre));
    return {
      schemeId: this.schemeId,
      period: this.period,
      rule: this.rule,
      lines,
      corrections,
      correctablePeriods: this.correctablePeriods,
      linesTotalOre,
      correctionsTotalOre,
      totalOre: sumOre([linesTotalOre, correctionsTotalOre]),
    };
  }

  private settle(paid: readonly PaidItem[], recomputed: readonly VoucherLine[]): void {
    if (paid.length === 0 && recomputed.length === 0) return;
    if (paidAsRecomputed(paid, recomputed)) return;
    const found = computeCorrections({
      schemeId: this.schemeId,
      currentPeriod: this.period,
      correctionWindowMonths: this.rule.correctionWindowMonths,
      closedPeriods: this.closedPeriods,
      previouslyPaid: paid,
      recomputed,
    });
    for (const correction of found) this.corrections.push(correction);
  }

  private correctable(period: Period): boolean {
    // Asked once per paid item: a handful of distinct periods, so each is worked out once.
    let answer = this.correctableByPeriod.get(period);
    if (answer === undefined) {
      answer = isCorrectable(
        period,
        this.period,
        this.rule.correctionWindowMonths,
        this.closedPeriods,
      );
      this.correctableByPeriod.set(period, answer);
    }
    return answer;
  }
}

// True when the paid items (all of this scheme and correctable: `addPaid` keeps no others) add up,
// per payment key, to exactly the recomputed lines' amounts: then `computeCorrections` finds
// nothing. The usual case by far; an entitlement has a few of each, so they are compared by
// scanning, without the sorting, keys and maps of `computeCorrections`.
function paidAsRecomputed(paid: readonly PaidItem[], recomputed: readonly VoucherLine[]): boolean {
  if (paidInStep(paid, recomputed)) return true;
  let matched = 0;
  for (let i = 0; i < recomputed.length; i++) {
    const { period, entitlementId, providerId, amounts: owed } = recomputed[i];
    for (let j = 0; j < i; j++) {
      const other = recomputed[j];
      if (
        other.period === period &&
        other.entitlementId === entitlementId &&
        other.providerId === providerId
      ) {
        return false;
      }
    }
    let voucherOre = 0;
    let vatCompensationOre = 0;
    let supplementOre = 0;
    let totalOre = 0;
    for (const item of paid) {
      if (
        item.period !== period ||
        item.entitlementId !== entitlementId ||
        item.providerId !== providerId
      ) {
        continue;
      }
      matched += 1;
      voucherOre += item.amounts.voucherOre;
      vatCompensationOre += item.amounts.vatCompensationOre;
      supplementOre += item.amounts.supplementOre;
      totalOre += item.amounts.totalOre;
    }
    if (
      voucherOre !== owed.voucherOre ||
      vatCompensationOre !== owed.vatCompensationOre ||
      supplementOre !== owed.supplementOre ||
      totalOre !== owed.totalOre
    ) {
      return false;
    }
  }
  // Every paid item belongs to some recomputed line: none was paid for a line that is gone.
  return matched === paid.length;
}

// The commonest case of all, in one pass: one payment per line, in the same order (both follow the
// correctable periods), each equal to its line. The lines' keys are distinct (one line per
// provider and period), so each key's payments then add up to its line.
function paidInStep(paid: readonly PaidItem[], recomputed: readonly VoucherLine[]): boolean {
  if (paid.length !== recomputed.length) return false;
  for (let i = 0; i < paid.length; i++) {
    const item = paid[i];
    const line = recomputed[i];
    if (
      item.period !== line.period ||
      item.entitlementId !== line.entitlementId ||
      item.providerId !== line.providerId ||
      item.amounts.voucherOre !== line.amounts.voucherOre ||
      item.amounts.vatCompensationOre !== line.amounts.vatCompensationOre ||
      item.amounts.supplementOre !== line.amounts.supplementOre ||
      item.amounts.totalOre !== line.amounts.totalOre
    ) {
      return false;
    }
  }
  return true;
}
