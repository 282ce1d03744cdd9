import { assertCalendarDate, CalendarDate, isCalendarDate, yearOf } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { luhnCheckDigit } from '../shared/organisation-number';

/**
 * `personnummer` for people registered as residents; `samordningsnummer` (coordination number)
 * for people who are not, recognisable by 60 added to the day of birth.
 */
export type PersonalIdentityNumberKind = 'personnummer' | 'samordningsnummer';

/**
 * A validated personnummer or samordningsnummer. Personal data: it belongs in the identity
 * registry only. Events and streams refer to the pseudonymous citizen id instead.
 */
export type PersonalIdentityNumber = Readonly<{
  /** Twelve digits `YYYYMMDDNNNN`; for a samordningsnummer the day keeps its +60. */
  normalized: string;
  kind: PersonalIdentityNumberKind;
  /** The real date of birth (for a samordningsnummer, the day minus 60). */
  birthDate: CalendarDate;
  /** `YYYYMMDD-****`: enough to tell people apart on screen without showing the number. */
  masked: string;
}>;

/** Why a number was refused; also given as `details.reason` of the error. */
export type PersonalIdentityNumberProblem =
  'bad_format' | 'bad_date' | 'bad_check_digit' | 'in_the_future';

const LONG_FORM = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/;
const SHORT_FORM = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
const COORDINATION_DAY_OFFSET = 60;

const MESSAGES: Record<PersonalIdentityNumberProblem, string> = {
  bad_format:
    'The personal identity number must be YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN.',
  bad_date:
    'The personal identity number does not contain a real date of birth (a samordningsnummer adds 60 to the day).',
  bad_check_digit: 'The check digit of the personal identity number is wrong.',
  in_the_future: 'The date of birth in the personal identity number lies in the future.',
};

// The message never repeats the number: errors are logged, and the number is personal data.
function refuse(reason: PersonalIdentityNumberProblem): never {
  throw new DomainError('INVALID_PERSONAL_IDENTITY_NUMBER', MESSAGES[reason], { reason });
}

type Parts = { year: number; month: string; day: string; serial: string };

// The short form has no century. The separator tells it: `-` until the year the person turns 100,
// `+` from that year on (Skatteverket). So `-` means the latest year ending in YY that is not
// after the reference year, and `+` the year a century before that.
function partsOf(input: string, referenceDate: CalendarDate): Parts {
  const long = LONG_FORM.exec(input);
  if (long) {
    return { year: Number(long[1]), month: long[2], day: long[3], serial: long[4] };
  }
  const short = SHORT_FORM.exec(input);
  if (!short) return refuse('bad_format');
  const referenceYear = yearOf(referenceDate);
  const yy = Number(short[1]);
  const underHundred = referenceYear - ((((referenceYear - yy) % 100) + 100) % 100);
  return {
    year: short[4] === '+' ? underHundred - 100 : underHundred,
    month: short[2],
    day: short[3],
    serial: short[5],
  };
}

/**
 * Validates a personnummer or samordningsnummer and normalises it. Accepts `YYYYMMDD-NNNN`,
 * `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN` (read as `-`) and `YYMMDD+NNNN` (`+`: 100 years or
 * older). The century of a short form is resolved against `referenceDate` (normally today). The
 * check digit is the Luhn digit of the ten-digit form `YYMMDDNNN`; a samordningsnummer has day
 * 61–91. Throws `INVALID_PERSONAL_IDENTITY_NUMBER` with `details.reason` one of `bad_format`,
 * `bad_date`, `bad_check_digit`, `in_the_future`; neither message nor details contain the number.
 */
export function parsePersonalIdentityNumber(
  input: unknown,
  referenceDate: CalendarDate,
): PersonalIdentityNumber {
  assertCalendarDate(referenceDate, 'referenceDate');
  if (typeof input !== 'string') return refuse('bad_format');
  const { year, month, day, serial } = partsOf(input.trim(), referenceDate);
  if (year < 1) return refuse('bad_date');

  const dayNumber = Number(day);
  const kind: PersonalIdentityNumberKind =
    dayNumber > COORDINATION_DAY_OFFSET ? 'samordningsnummer' : 'personnummer';
  const birthDay = kind === 'samordningsnummer' ? dayNumber - COORDINATION_DAY_OFFSET : dayNumber;
  const yyyy = String(year).padStart(4, '0');
  const birthDate = `${yyyy}-${month}-${String(birthDay).padStart(2, '0')}`;
  if (!isCalendarDate(birthDate)) return refuse('bad_date');

  const tenDigits = `${yyyy.slice(2)}${month}${day}${serial}`;
  if (luhnCheckDigit(tenDigits.slice(0, 9)) !== Number(tenDigits[9])) {
    return refuse('bad_check_digit');
  }
  if (birthDate > referenceDate) return refuse('in_the_future');

  const normalized = `${yyyy}${month}${day}${serial}`;
  return { normalized, kind, birthDate, masked: `${normalized.slice(0, 8)}-****` };
}

/** True if {@link parsePersonalIdentityNumber} would accept the input. */
export function isValidPersonalIdentityNumber(
  input: unknown,
  referenceDate: CalendarDate,
): boolean {
  try {
    parsePersonalIdentityNumber(input, referenceDate);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'INVALID_PERSONAL_IDENTITY_NUMBER') {
      return false;
    }
    throw error;
  }
}
