import { DomainError } from './domain.error';

/**
 * An amount of money in whole öre (1 krona = 100 öre). Always a safe integer, never a float, so
 * totals reconcile to the öre.
 */
export type Ore = number;

/** Basis points: 1/100 of a percent, so 6 % is 600 and 100 % is 10 000. */
export type BasisPoints = number;

/** 100 % in basis points. */
export const FULL_BASIS_POINTS: BasisPoints = 10_000;

/** True for an integer amount of öre within the safe integer range. */
export function isOre(value: unknown): value is Ore {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Returns the value as öre or throws `INVALID_MONEY`. `sign` restricts it to positive or
 * non-negative amounts.
 */
export function assertOre(
  value: unknown,
  field: string,
  sign: 'any' | 'non_negative' | 'positive' = 'any',
): Ore {
  if (!isOre(value)) {
    throw new DomainError('INVALID_MONEY', `${field} must be a whole number of öre.`, {
      field,
    });
  }
  if ((sign === 'positive' && value <= 0) || (sign === 'non_negative' && value < 0)) {
    throw new DomainError(
      'INVALID_MONEY',
      `${field} must be ${sign === 'positive' ? 'greater than zero' : 'zero or more'} öre.`,
      { field },
    );
  }
  return value;
}

/** Returns the value as basis points (0–10 000) or throws `INVALID_INPUT`. */
export function assertBasisPoints(value: unknown, field: string): BasisPoints {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > FULL_BASIS_POINTS
  ) {
    throw new DomainError(
      'INVALID_INPUT',
      `${field} must be whole basis points from 0 to ${FULL_BASIS_POINTS} (600 = 6 %).`,
      { field },
    );
  }
  return value;
}

/**
 * `amount × basisPoints / 10 000`, rounded half away from zero to whole öre. BigInt keeps the
 * intermediate product exact however large the amount.
 */
export function applyBasisPoints(amount: Ore, basisPoints: BasisPoints): Ore {
  assertOre(amount, 'amount');
  assertBasisPoints(basisPoints, 'basisPoints');
  const product = BigInt(amount) * BigInt(basisPoints);
  const divisor = BigInt(FULL_BASIS_POINTS);
  const quotient = product / divisor;
  const remainder = product % divisor;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  const rounded = absRemainder * 2n >= divisor ? quotient + (product < 0n ? -1n : 1n) : quotient;
  return Number(rounded);
}

/** Sums öre amounts, refusing a total outside the safe integer range. */
export function sumOre(amounts: readonly Ore[]): Ore {
  let total = 0;
  for (const amount of amounts) total += assertOre(amount, 'amount');
  return assertOre(total, 'total');
}
