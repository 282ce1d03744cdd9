import {
  isValidOrganisationNumber,
  luhnCheckDigit,
  parseOrganisationNumber,
} from './organisation-number';
import { thrownBy } from '../testing/domain-test-kit';

describe('organisationsnummer', () => {
  it('computes the Luhn check digit of the first nine digits', () => {
    expect(luhnCheckDigit('212000016')).toBe(7); // Nacka kommun 212000-0167
    expect(luhnCheckDigit('556036079')).toBe(3);
  });

  it.each([
    ['212000-0167', '212000-0167'],
    ['2120000167', '212000-0167'],
    [' 556036-0793 ', '556036-0793'],
    ['8112189876', '811218-9876'], // a sole trader's personnummer
  ])('accepts %p and normalises it to %p', (input, normalised) => {
    expect(isValidOrganisationNumber(input)).toBe(true);
    expect(parseOrganisationNumber(input)).toBe(normalised);
  });

  it.each(['212000-0168', '212000016', '21200001677', '212000 0167', '21200-00167', 'abcdef-ghij'])(
    'refuses %p with INVALID_ORGANISATION_NUMBER',
    (input) => {
      expect(isValidOrganisationNumber(input)).toBe(false);
      expect(thrownBy(() => parseOrganisationNumber(input)).code).toBe(
        'INVALID_ORGANISATION_NUMBER',
      );
    },
  );

  it('refuses non-strings', () => {
    expect(thrownBy(() => parseOrganisationNumber(2120000167)).code).toBe(
      'INVALID_ORGANISATION_NUMBER',
    );
  });
});
