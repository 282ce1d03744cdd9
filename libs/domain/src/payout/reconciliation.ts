import { Ore } from '../shared/money';
import { PaidItem } from './payment-run.queries';
import { Period } from './period';
import { VoucherLine } from './voucher-line';

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

/** A provider's paid and recomputed totals. */
export type ProviderReconciliation = Readonly<{
  providerId: string;
  paidOre: Ore;
  recomputedOre: Ore;
  differenceOre: Ore;
}>;

/** The outcome of reconciling what was paid with what the history says was owed. */
export type Reconciliation = Readonly<{
  /** Every payment key seen on either side, zero differences included, sorted. */
  rows: readonly ReconciliationRow[];
  /** Per provider, sorted by provider id. */
  byProvider: readonly ProviderReconciliation[];
  totals: Readonly<{ paidOre: Ore; recomputedOre: Ore; differenceOre: Ore }>;
  /** True when every row's difference is zero (not just the total). */
  balanced: boolean;
}>;

/**
 * Compares what was paid (`paidItemsOf` every approved run, corrections included) with the
 * closed periods recomputed from the event history (`computeVoucherLines` per closed period),
 * per scheme, period, provider and citizen. Differences are there until a later run corrects
 * them, or for good when they fall outside the scheme's correction window.
 */
export function reconcile(
  paid: readonly PaidItem[],
  recomputed: readonly VoucherLine[],
): Reconciliation {
  const rows = new Map<string, ReconciliationRow>();
  const rowFor = (item: PaidItem | VoucherLine): ReconciliationRow => {
    const key = `${item.schemeId}/${item.period}/${item.entitlementId}/${item.providerId}`;
    const row = rows.get(key) ?? {
      schemeId: item.schemeId,
      period: item.period,
      providerId: item.providerId,
      citizenId: item.citizenId,
      entitlementId: item.entitlementId,
      paidOre: 0,
      recomputedOre: 0,
      differenceOre: 0,
    };
    rows.set(key, row);
    return row;
  };
  const update = (item: PaidItem | VoucherLine, paidOre: Ore, recomputedOre: Ore) => {
    const row = rowFor(item);
    const key = `${item.schemeId}/${item.period}/${item.entitlementId}/${item.providerId}`;
    const next = {
      ...row,
      paidOre: row.paidOre + paidOre,
      recomputedOre: row.recomputedOre + recomputedOre,
    };
    rows.set(key, { ...next, differenceOre: next.recomputedOre - next.paidOre });
  };
  for (const item of paid) update(item, item.amounts.totalOre, 0);
  for (const line of recomputed) update(line, 0, line.amounts.totalOre);

  const sorted = [...rows.values()].sort(
    (a, b) =>
      compare(a.schemeId, b.schemeId) ||
      compare(a.period, b.period) ||
      compare(a.providerId, b.providerId) ||
      compare(a.citizenId, b.citizenId) ||
      compare(a.entitlementId, b.entitlementId),
  );
  const providers = new Map<string, ProviderReconciliation>();
  for (const row of sorted) {
    const current = providers.get(row.providerId) ?? {
      providerId: row.providerId,
      paidOre: 0,
      recomputedOre: 0,
      differenceOre: 0,
    };
    providers.set(row.providerId, {
      providerId: row.providerId,
      paidOre: current.paidOre + row.paidOre,
      recomputedOre: current.recomputedOre + row.recomputedOre,
      differenceOre: current.differenceOre + row.differenceOre,
    });
  }
  const paidOre = sorted.reduce((total, row) => total + row.paidOre, 0);
  const recomputedOre = sorted.reduce((total, row) => total + row.recomputedOre, 0);
  return {
    rows: sorted,
    byProvider: [...providers.values()].sort((a, b) => compare(a.providerId, b.providerId)),
    totals: { paidOre, recomputedOre, differenceOre: recomputedOre - paidOre },
    balanced: sorted.every((row) => row.differenceOre === 0),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
