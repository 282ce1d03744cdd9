import { AmountsPool } from './shared-values';

describe('amounts held once', () => {
  it('hands out the same amounts for equal ones, and new ones for others of the same total', () => {
    const pool = new AmountsPool();
    const first = pool.of(100, 6, 0, 106);
    expect(pool.of(100, 6, 0, 106)).toBe(first);
    const other = pool.of(106, 0, 0, 106);
    expect(other).toEqual({
      voucherOre: 106,
      vatCompensationOre: 0,
      supplementOre: 0,
      totalOre: 106,
    });
    expect(pool.of(100, 6, 0, 106)).toBe(first);
  });
});
