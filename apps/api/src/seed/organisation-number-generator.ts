import { luhnCheckDigit, Ownership } from '@kundval/domain';

// The leading digits give the legal form: 55 aktiebolag, 80 ideell förening/stiftelse, 21 kommun.
// The third digit is 2 or more for every legal entity, which tells it from a personnummer.
const PREFIX_BY_OWNERSHIP: Readonly<Record<Ownership, string>> = {
  private: '556',
  non_profit: '802',
  municipal: '212000',
};

/**
 * A valid, made-up organisationsnummer (`NNNNNN-NNNN`, Luhn check digit) for the `serial`-th
 * seeded provider of an ownership. The same serial always gives the same number, and serials
 * below the range size never repeat one.
 */
export function seedOrganisationNumber(ownership: Ownership, serial: number): string {
  const prefix = PREFIX_BY_OWNERSHIP[ownership];
  const freeDigits = 9 - prefix.length;
  const range = 10 ** freeDigits;
  if (!Number.isInteger(serial) || serial < 0 || serial >= range) {
    throw new RangeError(`No seed organisation number #${serial} for ${ownership} providers`);
  }
  // A multiplier coprime with 10 scatters consecutive serials over the range without collisions.
  const body = String((serial * 7919 + 4711) % range).padStart(freeDigits, '0');
  const nine = prefix + body;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}
