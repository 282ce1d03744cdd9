import { isValidPersonalIdentityNumber } from '@kundval/domain';
import { BirthNumberAllocator } from './batch-plan';

describe('BirthNumberAllocator', () => {
  it('hands out 490 distinct valid numbers per birth date and sex, keeping the sex', () => {
    const numbers = new BirthNumberAllocator();
    const women = Array.from({ length: 490 }, () => numbers.allocate('20100119', 0));
    expect(new Set(women).size).toBe(490);
    for (const number of women) {
      expect(number.slice(0, 8)).toBe('20100119');
      expect(Number(number[10]) % 2).toBe(0);
      expect(isValidPersonalIdentityNumber(number, '2026-12-05')).toBe(true);
    }
    // The other sex has numbers of its own on the same date.
    expect(numbers.allocate('20100119', 1).slice(0, 8)).toBe('20100119');
  });

  it('lends a used-up date the numbers of the next day that has some left', () => {
    const numbers = new BirthNumberAllocator();
    const all = Array.from({ length: 490 * 3 + 1 }, () => numbers.allocate('20101231', 1));
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(490, 980).every((n) => n.startsWith('20110101'))).toBe(true);
    expect(all.at(-1)!.slice(0, 8)).toBe('20110103');
    expect(
      all.every((n) => isValidPersonalIdentityNumber(n, '2026-12-05') && Number(n[10]) % 2 === 1),
    ).toBe(true);
  });
});
