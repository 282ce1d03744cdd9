import type { VoucherAmounts, VoucherBasis, VoucherLineFlag } from './voucher-line';

/** A line with nothing to remark: one list for all of them. */
export const NO_FLAGS: readonly VoucherLineFlag[] = Object.freeze([]);

// Enough for every rate, level and month length of a scheme; beyond it values are not shared.
const LIMIT = 65_536;

/**
 * Hands out one object for equal amounts. A run holds its lines and what earlier runs paid until
 * it is appended, and at national scale most of a scheme's hundreds of thousands of lines are
 * for the same few rates: held once each, they are a few objects instead of one per citizen.
 * Amounts are never changed after they are made (the types are read-only), so sharing them is
 * safe.
 */
export class AmountsPool {
  // By total: equal amounts have equal totals, and a total seldom has two ways of adding up.
  private readonly byTotal = new Map<number, VoucherAmounts>();

  of(
    voucherOre: number,
    vatCompensationOre: number,
    supplementOre: number,
    totalOre: number,
  ): VoucherAmounts {
    const known = this.byTotal.get(totalOre);
    if (
      known &&
      known.voucherOre === voucherOre &&
      known.vatCompensationOre === vatCompensationOre &&
      known.supplementOre === supplementOre
    ) {
      return known;
    }
    const amounts = { voucherOre, vatCompensationOre, supplementOre, totalOre };
    if (!known && this.byTotal.size < LIMIT) this.byTotal.set(totalOre, amounts);
    return amounts;
  }
}

/**
 * Hands out one basis for equal bases of the usual kind (one segment, no hours, no supplements),
 * for the same reason as {@link AmountsPool}: a basis with its segment is most of a line's size.
 */
export class BasisPool {
  private readonly byKey = new Map<string, VoucherBasis>();

  of(basis: VoucherBasis): VoucherBasis {
    if (basis.segments.length !== 1 || basis.hours !== null || basis.supplements.length > 0) {
      return basis;
    }
    const [s] = basis.segments;
    // What can differ between two such bases of one scheme and period; the rest follows from it.
    const key =
      `${basis.placedDays}|${basis.unauthorisedDays}|${basis.unpricedDays}|${s.from}|${s.to}|` +
      `${s.days}|${s.level}|${s.rateOre}|${s.rateEffectiveDate}|${s.vatBasisPoints}`;
    const known = this.byKey.get(key);
    if (known) return known;
    if (this.byKey.size < LIMIT) this.byKey.set(key, basis);
    return basis;
  }
}
