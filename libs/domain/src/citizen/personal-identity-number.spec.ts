import { luhnCheckDigit } from '../shared/organisation-number';
import { thrownBy } from '../testing/domain-test-kit';
import {
  isValidPersonalIdentityNumber,
  parsePersonalIdentityNumber,
} from './personal-identity-number';

const TODAY = '2025-03-10';

function problem(input: unknown, referenceDate = TODAY) {
  const error = thrownBy(() => parsePersonalIdentityNumber(input, referenceDate));
  expect(error.code).toBe('INVALID_PERSONAL_IDENTITY_NUMBER');
  expect(error.kind).toBe('invalid_input');
  return error.details?.reason;
}

describe('personnummer and samordningsnummer', () => {
  it('uses the Luhn digit of the ten-digit form as check digit', () => {
    expect(luhnCheckDigit('121212121')).toBe(2); // Skatteverket's 19121212-1212
    expect(luhnCheckDigit('100101000')).toBe(6);
    expect(luhnCheckDigit('701063239')).toBe(1); // Skatteverket's samordningsnummer example
  });

  it.each([
    ['19121212-1212', '191212121212'],
    ['191212121212', '191212121212'],
    [' 20100101-0006 ', '201001010006'],
    ['20240229-1237', '202402291237'],
  ])('accepts the long form %p as %p', (input, normalized) => {
    expect(parsePersonalIdentityNumber(input, TODAY)).toMatchObject({
      normalized,
      kind: 'personnummer',
    });
  });

  it('returns the birth date and a masked form for display', () => {
    expect(parsePersonalIdentityNumber('19121212-1212', TODAY)).toEqual({
      normalized: '191212121212',
      kind: 'personnummer',
      birthDate: '1912-12-12',
      masked: '19121212-****',
    });
  });

  it('resolves the century of the short form against the reference date', () => {
    expect(parsePersonalIdentityNumber('121212-1212', TODAY).normalized).toBe('201212121212');
    expect(parsePersonalIdentityNumber('1212121212', TODAY).normalized).toBe('201212121212');
    expect(parsePersonalIdentityNumber('991231-9879', TODAY).birthDate).toBe('1999-12-31');
    expect(parsePersonalIdentityNumber('010101-1237', TODAY).birthDate).toBe('2001-01-01');
    // The same short form read in 1990 is someone born in 1912.
    expect(parsePersonalIdentityNumber('121212-1212', '1990-01-01').birthDate).toBe('1912-12-12');
  });

  it('reads + as 100 years or older', () => {
    expect(parsePersonalIdentityNumber('121212+1212', TODAY).normalized).toBe('191212121212');
    expect(parsePersonalIdentityNumber('010101+1237', TODAY).birthDate).toBe('1901-01-01');
    // 29 February 2000 exists, 29 February 1900 does not.
    expect(parsePersonalIdentityNumber('000229-0005', TODAY).birthDate).toBe('2000-02-29');
    expect(problem('000229+0005')).toBe('bad_date');
  });

  it('switches to + in the year the person turns 100, not on the birthday', () => {
    // Born 1925-12-24: in 2025 the separator is already +, though the birthday is in December.
    const born1925 = `251224${'123'}${luhnCheckDigit('251224123')}`;
    const plus = `${born1925.slice(0, 6)}+${born1925.slice(6)}`;
    expect(parsePersonalIdentityNumber(plus, TODAY).birthDate).toBe('1925-12-24');
    expect(problem(born1925)).toBe('in_the_future'); // read as 2025-12-24
  });

  it.each([
    ['701063-2391', '1970-10-03'],
    ['198507911231', '1985-07-31'],
    ['19850761-1237', '1985-07-01'],
  ])('recognises the samordningsnummer %p (day + 60)', (input, birthDate) => {
    expect(parsePersonalIdentityNumber(input, TODAY)).toMatchObject({
      kind: 'samordningsnummer',
      birthDate,
    });
  });

  it('keeps the +60 day in the normalised and masked forms', () => {
    expect(parsePersonalIdentityNumber('701063-2391', TODAY)).toMatchObject({
      normalized: '197010632391',
      masked: '19701063-****',
    });
  });

  it.each([
    '19121212+1212',
    '1912121-21212',
    '19121212 1212',
    '121212--1212',
    '12121212121',
    '1912121212120',
    'ÅÅMMDD-NNNN',
    '',
  ])('refuses the malformed %p', (input) => {
    expect(problem(input)).toBe('bad_format');
  });

  it('refuses non-strings as malformed', () => {
    expect(problem(191212121212)).toBe('bad_format');
    expect(problem(null)).toBe('bad_format');
  });

  it.each([
    ['19851301-1232', 'month 13'],
    ['19990229-1237', '29 February in a common year'],
    ['19850732-1233', 'day 32'],
    ['19850760-1238', 'day 60 (no samordningsnummer day 0)'],
    ['19850792-1230', 'samordningsnummer day 92 (day 32)'],
    ['00000101-0000', 'year 0'],
  ])('refuses %p: %s', (input) => {
    expect(problem(input)).toBe('bad_date');
  });

  it('refuses a wrong check digit', () => {
    expect(problem('19121212-1213')).toBe('bad_check_digit');
    expect(problem('701063-2392')).toBe('bad_check_digit');
  });

  it('refuses a birth date after the reference date, and accepts one born today', () => {
    expect(parsePersonalIdentityNumber('20250310-0006', TODAY).birthDate).toBe(TODAY);
    expect(problem('20250311-0005')).toBe('in_the_future');
  });

  it('never puts the number in the message or the details', () => {
    const error = thrownBy(() => parsePersonalIdentityNumber('19121212-1213', TODAY));
    expect(error.message).not.toContain('1212');
    expect(JSON.stringify(error.details)).not.toContain('1212');
  });

  it('needs a real reference date', () => {
    expect(thrownBy(() => parsePersonalIdentityNumber('19121212-1212', '2025-3-10')).code).toBe(
      'INVALID_DATE',
    );
  });

  it('answers validity as a boolean', () => {
    expect(isValidPersonalIdentityNumber('19121212-1212', TODAY)).toBe(true);
    expect(isValidPersonalIdentityNumber('19121212-1213', TODAY)).toBe(false);
  });

  it('accepts every serial with its computed check digit and refuses the nine others', () => {
    for (let serial = 0; serial < 1000; serial += 37) {
      const nine = `850709${String(serial).padStart(3, '0')}`;
      const check = luhnCheckDigit(nine);
      for (let digit = 0; digit < 10; digit++) {
        expect(isValidPersonalIdentityNumber(`19${nine}${digit}`, TODAY)).toBe(digit === check);
      }
    }
  });
});
