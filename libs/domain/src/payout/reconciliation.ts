import { Ore } from '../shared/money';
import { PaidItem } from './payment-run.queries';
import { Period } from './period';
import { VoucherLine } from './voucher-line';

/** How many unsettled rows a reconciliation lists at most; `unsettledCount` has them all. */
export const UNSETTLED_ROWS_LIMIT = 1_000;

/** Paid and recomputed for one citizen's entitlement, provider and period. */
export type ReconciliationRow = Readonly<{
  schemeId: string;
  period: Period;
  providerId: string;
  citizenId: string;
  entitlementId: string;
  /** Originals and corrections paid for it. */
  paidOre: Ore;
  /** What the current history says was owed. */
  recomputedOre: Ore;
  /** `recomputedOre − paidOre`: positive is still owed to the provider, negative overpaid. */
  differenceOre: Ore;
}>;

/** What reconciliation reads of a paid item or a recomputed line. */
export type ReconciledItem = Pick<
  PaidItem & VoucherLine,
  'schemeId' | 'period' | 'citizenId' | 'entitlementId' | 'providerId' | 'amounts'
>;

type Sums = { paidOre: Ore; recomputedOre: Ore; differenceOre: Ore };

/** A provider's paid and recomputed totals. */
export type ProviderReconciliation = Readonly<{ providerId: string } & Sums>;

/** A period's paid and recomputed totals, and how many of its rows differ. */
export type PeriodReconciliation = Readonly<{ period: Period; unsettledCount: number } & Sums>;

/** The outcome of reconciling what was paid with what the history says was owed. */
export type Reconciliation = Readonly<{
  /**
   * The rows whose difference is not zero, sorted by scheme, period, provider, citizen and
   * entitlement: the first {@link UNSETTLED_ROWS_LIMIT}. A backdated rate change can make every
   * payment of a year differ, and a list of millions helps no one; the totals count them all.
   */
  unsettled: readonly ReconciliationRow[];
  /** How many rows differ, listed or not. */
  unsettledCount: number;
  /** Per closed period, oldest first. */
  byPeriod: readonly PeriodReconciliation[];
  /** Per provider, sorted by provider id. */
  byProvider: readonly ProviderReconciliation[];
  totals: Readonly<Sums>;
  /** True when every row's difference is zero (not just the total). */
  balanced: boolean;
}>;

/** Rows and totals being added to (those reported are read-only). */
type Open<T> = { -readonly [K in keyof T]: T[K] };
type OpenRow = Open<ReconciliationRow>;

/**
 * Reconciles a scheme a period at a time, so that a caller need hold only one period's rows:
 * add what was paid for the period (originals and corrections, from whichever runs) and what the
 * history now says was owed, then `settle` before the next period. A row is settled once, so all
 * of a period's items and lines must be in before it is settled.
 */
export class ReconciliationBuilder {
  private open = new Map<string, OpenRow>();
  private readonly periods = new Map<Period, Open<PeriodReconciliation>>();
  private readonly providers = new Map<string, Sums>();
  private unsettled: ReconciliationRow[] = [];
  private unsettledCount = 0;

  constructor(private readonly limit = UNSETTLED_ROWS_LIMIT) {}

  /** What runs paid (payments and corrections). */
  addPaid(items: Iterable<ReconciledItem>): void {
    for (const item of items) this.rowOf(item).paidOre += item.amounts.totalOre;
  }

  /** What the current history says was owed. */
  addRecomputed(lines: Iterable<ReconciledItem>): void {
    for (const line of lines) this.rowOf(line).recomputedOre += line.amounts.totalOre;
  }

  /** Totals the rows added so far and keeps those that differ (within the limit). */
  settle(): void {
    const differing: ReconciliationRow[] = [];
    for (const row of this.open.values()) {
      row.differenceOre = row.recomputedOre - row.paidOre;
      const period = this.periods.get(row.period) ?? {
        period: row.period,
        ...zero(),
        unsettledCount: 0,
      };
      this.periods.set(row.period, period);
      const provider = this.providers.get(row.providerId) ?? zero();
      this.providers.set(row.providerId, provider);
      for (const sums of [period, provider]) {
        sums.paidOre += row.paidOre;
        sums.recomputedOre += row.recomputedOre;
        sums.differenceOre += row.differenceOre;
      }
      if (row.differenceOre === 0) continue;
      this.unsettledCount++;
      period.unsettledCount++;
      differing.push(row);
    }
    this.open = new Map();
    if (differing.length > 0) {
      this.unsettled = [...this.unsettled, ...differing].sort(compareRows).slice(0, this.limit);
    }
  }

  /** Settles what is left and reports. */
  finish(): Reconciliation {
    this.settle();
    const byPeriod = [...this.periods.values()].sort((a, b) => compare(a.period, b.period));
    const totals = zero();
    for (const period of byPeriod) {
      totals.paidOre += period.paidOre;
      totals.recomputedOre += period.recomputedOre;
      totals.differenceOre += period.differenceOre;
    }
    return {
      unsettled: this.unsettled,
      unsettledCount: this.unsettledCount,
      byPeriod,
      byProvider: [...this.providers]
        .map(([providerId, sums]) => ({ providerId, ...sums }))
        .sort((a, b) => compare(a.providerId, b.providerId)),
      totals,
      balanced: this.unsettledCount === 0,
    };
  }

  private rowOf(item: ReconciledItem): OpenRow {
    const key = `${item.schemeId}/${item.period}/${item.entitlementId}/${item.providerId}`;
    let row = this.open.get(key);
    if (!row) {
      row = {
        schemeId: item.schemeId,
        period: item.period,
        providerId: item.providerId,
        citizenId: item.citizenId,
        entitlementId: item.entitlementId,
        ...zero(),
      };
      this.open.set(key, row);
    }
    return row;
  }
}

/**
 * Compares what was paid (`paidItemsOf` every approved run, corrections included) with the
 * closed periods recomputed from the event history (`computeVoucherLines` per closed period),
 * per scheme, period, provider and citizen. Differences are there until a later run corrects
 * them, or for good when they fall outside the scheme's correction window.
 */
export function reconcile(
  paid: Iterable<ReconciledItem>,
  recomputed: Iterable<ReconciledItem>,
  limit = UNSETTLED_ROWS_LIMIT,
): Reconciliation {
  const builder = new ReconciliationBuilder(limit);
  builder.addPaid(paid);
  builder.addRecomputed(recomputed);
  return builder.finish();
}

function zero(): Sums {
  return { paidOre: 0, recomputedOre: 0, differenceOre: 0 };
}

function compareRows(a: ReconciliationRow, b: ReconciliationRow): number {
  return (
    compare(a.schemeId, b.schemeId) ||
    compare(a.period, b.period) ||
    compare(a.providerId, b.providerId) ||
    compare(a.citizenId, b.citizenId) ||
    compare(a.entitlementId, b.entitlementId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
