import { CalendarDate, luhnCheckDigit } from '@kundval/domain';
import { Sex } from './citizen-names';

// ASSUMPTION. Skatteverket's published test personnummer use the birth numbers (födelsenummer)
// 980-999, which are not given to real people; every seeded number is taken from that series, so
// a seeded citizen is no one real. (From memory of Skatteverket's test-number practice; it could
// not be checked against the published list offline.)
const TEST_SERIES = ['98', '99'] as const;

/** How many seed numbers one birth date has per sex: two series of five odd or even digits. */
export const SEED_NUMBERS_PER_BIRTH_DATE = 10;

/**
 * A valid, made-up personnummer, normalised (`YYYYMMDDNNNC`): the `ordinal`-th (0–9) seed number
 * for someone of `sex` born on `birthDate`. The ninth digit is odd for men and even for women, the
 * last is the Luhn check digit of the ten-digit form. Distinct ordinals give distinct numbers.
 */
export function seedPersonalNumber(birthDate: CalendarDate, sex: Sex, ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= SEED_NUMBERS_PER_BIRTH_DATE) {
    throw new RangeError(`No seed personnummer #${ordinal} for one birth date`);
  }
  const series = TEST_SERIES[Math.floor(ordinal / 5)];
  const sexDigit = 2 * (ordinal % 5) + (sex === 'male' ? 1 : 0);
  const date = birthDate.replace(/-/g, '');
  const nine = `${date.slice(2)}${series}${sexDigit}`;
  return `${date}${series}${sexDigit}${luhnCheckDigit(nine)}`;
}
