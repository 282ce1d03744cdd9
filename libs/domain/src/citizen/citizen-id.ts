import { DomainError } from '../shared/domain.error';
import { assertIdentifier } from '../shared/validation';

// The shapes of a personnummer or samordningsnummer: YYYYMMDD-NNNN, YYMMDD+NNNN and so on.
const IDENTITY_NUMBER_SHAPE = /^(?:\d{8}|\d{6})[-+]?\d{4}$/;

/**
 * Checks a pseudonymous citizen id (e.g. a UUID from the identity registry). Events and stream
 * names carry only this id, so that erasing the registry entry anonymises the log; an id shaped
 * like a personal identity number is refused with `INVALID_INPUT`, whether valid or not.
 */
export function assertCitizenId(value: unknown, field = 'citizenId'): string {
  const id = assertIdentifier(value, field);
  if (IDENTITY_NUMBER_SHAPE.test(id)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${field} must be the pseudonymous citizen id, never a personal identity number.`,
      { field },
    );
  }
  return id;
}
