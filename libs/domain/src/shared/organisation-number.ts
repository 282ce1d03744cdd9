import { DomainError } from './domain.error';

/** A Swedish organisationsnummer, normalised to `NNNNNN-NNNN`. */
export type OrganisationNumber = string;

const INPUT_PATTERN = /^(\d{6})-?(\d{4})$/;

/** The Luhn (mod 10) check digit for a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Weights alternate 2,1,2,1… from the left, as for Swedish personnummer and organisationsnummer.
    let product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True for 10 digits (optionally `NNNNNN-NNNN`) whose last digit is the Luhn check digit of the
 * first nine. The legal-form digits are not checked: a sole trader's organisationsnummer is the
 * owner's personnummer, and sole traders do run care and school services.
 */
export function isValidOrganisationNumber(input: unknown): boolean {
  if (typeof input !== 'string') return false;
  const match = INPUT_PATTERN.exec(input.trim());
  if (!match) return false;
  const digits = match[1] + match[2];
  return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** Validates and normalises to `NNNNNN-NNNN`, or throws `INVALID_ORGANISATION_NUMBER`. */
export function parseOrganisationNumber(input: unknown): OrganisationNumber {
  if (!isValidOrganisationNumber(input)) {
    throw new DomainError(
      'INVALID_ORGANISATION_NUMBER',
      'The organisation number must be 10 digits (NNNNNN-NNNN) with a valid check digit.',
    );
  }
  const match = INPUT_PATTERN.exec((input as string).trim()) as RegExpExecArray;
  return `${match[1]}-${match[2]}`;
}
