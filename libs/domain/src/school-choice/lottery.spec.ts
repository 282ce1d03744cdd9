import { cyrb53, lotteryNumber } from './lottery';

describe('the admission lottery', () => {
  it('is cyrb53 as published (so anyone can recompute it)', () => {
    expect(cyrb53('a')).toBe(7929297801672961);
    expect(cyrb53('')).toBe(3338908027751811);
  });

  it('draws a number per pupil from the seed and the citizen id only', () => {
    expect(lotteryNumber('skolval-2026', 'c-1')).toBe(7941561786358852);
    expect(lotteryNumber('skolval-2026', 'c-2')).toBe(1677913440657763);
    expect(lotteryNumber('skolval-2026', 'c-1')).toBe(lotteryNumber('skolval-2026', 'c-1'));
    expect(lotteryNumber('skolval-2027', 'c-1')).not.toBe(lotteryNumber('skolval-2026', 'c-1'));
  });

  it('gives safe integers spread over the range', () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => lotteryNumber('seed', `c-${i}`));
    expect(numbers.every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true);
    expect(new Set(numbers).size).toBe(1000);
    const belowHalf = numbers.filter((n) => n < 2 ** 52).length;
    expect(belowHalf).toBeGreaterThan(430);
    expect(belowHalf).toBeLessThan(570);
  });
});
