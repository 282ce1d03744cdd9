import { applyBasisPoints, assertBasisPoints, assertOre, isOre, sumOre } from './money';
import { thrownBy } from '../testing/domain-test-kit';

describe('money in öre', () => {
  it('accepts whole öre only', () => {
    expect(isOre(12_345)).toBe(true);
    expect(isOre(-500)).toBe(true);
    expect(isOre(1.5)).toBe(false);
    expect(isOre(Number.NaN)).toBe(false);
    expect(isOre('100')).toBe(false);
    expect(isOre(2 ** 53)).toBe(false);
  });

  it('refuses non-integers and wrong signs with INVALID_MONEY', () => {
    expect(thrownBy(() => assertOre(99.5, 'amountOre')).code).toBe('INVALID_MONEY');
    expect(thrownBy(() => assertOre(0, 'amountOre', 'positive')).code).toBe('INVALID_MONEY');
    expect(thrownBy(() => assertOre(-1, 'amountOre', 'non_negative')).code).toBe('INVALID_MONEY');
    expect(assertOre(0, 'amountOre', 'non_negative')).toBe(0);
  });

  it('accepts basis points from 0 to 10 000', () => {
    expect(assertBasisPoints(600, 'vat')).toBe(600);
    expect(thrownBy(() => assertBasisPoints(6.5, 'vat')).code).toBe('INVALID_INPUT');
    expect(thrownBy(() => assertBasisPoints(10_001, 'vat')).code).toBe('INVALID_INPUT');
  });

  it('applies basis points rounding half away from zero', () => {
    expect(applyBasisPoints(100_000, 600)).toBe(6_000);
    expect(applyBasisPoints(12_345, 600)).toBe(741); // 740.7
    expect(applyBasisPoints(12_341, 600)).toBe(740); // 740.46
    expect(applyBasisPoints(5, 1_000)).toBe(1); // 0.5
    expect(applyBasisPoints(-5, 1_000)).toBe(-1); // -0.5
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('sums öre exactly and refuses floats', () => {
    expect(sumOre([10, 20, 30])).toBe(60);
    expect(thrownBy(() => sumOre([10, 0.1])).code).toBe('INVALID_MONEY');
  });
});
