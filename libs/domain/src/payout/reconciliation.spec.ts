import { ReconciledItem, reconcile, ReconciliationBuilder } from './reconciliation';

const item = (
  period: string,
  citizen: number,
  providerId: string,
  totalOre: number,
): ReconciledItem => ({
  schemeId: 'forskola',
  period,
  citizenId: `c-${citizen}`,
  entitlementId: `e-${citizen}`,
  providerId,
  amounts: { voucherOre: totalOre, vatCompensationOre: 0, supplementOre: 0, totalOre },
});

// Three months of ten children each: what was paid, and what the history says now. In February
// child 3 moved from p-1 to p-2 after it was paid; in March every p-2 child's rate rose by 1 kr.
const periods = ['2025-01', '2025-02', '2025-03'];
const paidTo = (citizen: number) => (citizen % 2 === 0 ? 'p-2' : 'p-1');
const owedTo = (period: string, citizen: number) =>
  period >= '2025-02' && citizen === 3 ? 'p-2' : paidTo(citizen);
const children = Array.from({ length: 10 }, (_, citizen) => citizen);
const paid = periods.flatMap((period) => children.map((c) => item(period, c, paidTo(c), 500_000)));
const recomputed = periods.flatMap((period) =>
  children.map((c) => {
    const to = owedTo(period, c);
    return item(period, c, to, period === '2025-03' && to === 'p-2' ? 500_100 : 500_000);
  }),
);

describe('reconciliation a period at a time', () => {
  it('equals reconciling everything at once', () => {
    const builder = new ReconciliationBuilder();
    for (const period of periods) {
      builder.addPaid(paid.filter((p) => p.period === period));
      builder.addRecomputed(recomputed.filter((r) => r.period === period));
      builder.settle();
    }
    expect(builder.finish()).toEqual(reconcile(paid, recomputed));
  });

  it('totals each period and provider, and lists only the rows that differ', () => {
    const result = reconcile(paid, recomputed);
    expect(result.byPeriod.map((p) => [p.period, p.differenceOre, p.unsettledCount])).toEqual([
      ['2025-01', 0, 0],
      ['2025-02', 0, 2],
      ['2025-03', 6 * 100, 7],
    ]);
    expect(result.unsettledCount).toBe(9);
    expect(
      result.unsettled.map((r) => [r.period, r.providerId, r.citizenId, r.differenceOre]),
    ).toEqual([
      ['2025-02', 'p-1', 'c-3', -500_000],
      ['2025-02', 'p-2', 'c-3', 500_000],
      ['2025-03', 'p-1', 'c-3', -500_000],
      ['2025-03', 'p-2', 'c-0', 100],
      ['2025-03', 'p-2', 'c-2', 100],
      ['2025-03', 'p-2', 'c-3', 500_100],
      ['2025-03', 'p-2', 'c-4', 100],
      ['2025-03', 'p-2', 'c-6', 100],
      ['2025-03', 'p-2', 'c-8', 100],
    ]);
    const fiveChildren = 5 * 3 * 500_000;
    expect(result.byProvider).toEqual([
      {
        providerId: 'p-1',
        paidOre: fiveChildren,
        recomputedOre: fiveChildren - 2 * 500_000,
        differenceOre: -1_000_000,
      },
      {
        providerId: 'p-2',
        paidOre: fiveChildren,
        recomputedOre: fiveChildren + 2 * 500_000 + 600,
        differenceOre: 1_000_600,
      },
    ]);
    expect(result.totals).toEqual({
      paidOre: 30 * 500_000,
      recomputedOre: 30 * 500_000 + 600,
      differenceOre: 600,
    });
    expect(result.balanced).toBe(false);
  });

  it('lists at most the limit, the first rows in order, and still counts them all', () => {
    const result = reconcile(paid, recomputed, 3);
    expect(result.unsettledCount).toBe(9);
    expect(result.unsettled).toEqual(reconcile(paid, recomputed).unsettled.slice(0, 3));
  });
});
