import { DomainError } from '../shared/domain.error';
import { assertOre, Ore } from '../shared/money';

/**
 * The payout's one rounding rule: an amount is computed as an exact fraction of integers
 * (`numerator / denominator`, in BigInt so nothing overflows) and rounded once, half away from
 * zero, to whole öre. For the positive amounts a run pays this is "round half up": 0.5 öre
 * becomes 1 öre. Nothing is rounded twice, and totals are sums of rounded amounts, never
 * rounded themselves.
 */
export function divideRounded(numerator: bigint, denominator: bigint): Ore {
  if (denominator <= 0n) {
    throw new DomainError('INVALID_INPUT', 'A payout amount needs a positive denominator.');
  }
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  const rounded =
    absRemainder * 2n >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER) || rounded < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('INVALID_MONEY', 'A payout amount is too large to be paid in öre.');
  }
  return assertOre(Number(rounded), 'amount');
}
