import { DomainError, DomainErrorCode } from './domain.error';

// Identifiers end up in stream names (`provider-<id>`), so they are kept to a URL- and
// stream-safe alphabet; UUIDs and slugs both fit.
const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Default upper bound for free text in commands. */
export const MAX_TEXT_LENGTH = 4000;

/** True for an identifier: 1–128 characters of `A-Z a-z 0-9 . _ : -`, not starting with a symbol. */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

/** Checks an identifier (see {@link isIdentifier}). */
export function assertIdentifier(value: unknown, field: string): string {
  if (!isIdentifier(value)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${field} must be an identifier (letters, digits, . _ : -).`,
      {
        field,
      },
    );
  }
  return value;
}

/** Checks non-blank free text and returns it trimmed. */
export function assertText(value: unknown, field: string, maxLength = MAX_TEXT_LENGTH): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('INVALID_INPUT', `${field} must be a non-blank text.`, { field });
  }
  const trimmed = value.trim();
  if (trimmed.length > maxLength) {
    throw new DomainError('INVALID_INPUT', `${field} must be at most ${maxLength} characters.`, {
      field,
      maxLength,
    });
  }
  return trimmed;
}

/** Checks a non-empty list of non-blank texts and returns them trimmed. */
export function assertTextList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DomainError('INVALID_INPUT', `${field} must list at least one entry.`, { field });
  }
  return value.map((entry, index) => assertText(entry, `${field}[${index}]`));
}

/** Checks that a value is one of the allowed literals. */
export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError('INVALID_INPUT', `${field} must be one of: ${allowed.join(', ')}.`, {
      field,
      allowed,
    });
  }
  return value as T;
}

/** Checks a safe integer in `[min, max]`. */
export function assertIntegerInRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
  code: DomainErrorCode = 'INVALID_INPUT',
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new DomainError(code, `${field} must be an integer from ${min} to ${max}.`, {
      field,
      min,
      max,
    });
  }
  return value;
}

/** Checks that a list of ids has no duplicates. */
export function assertUnique(ids: readonly string[], field: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new DomainError('INVALID_INPUT', `${field} lists "${id}" more than once.`, {
        field,
        duplicate: id,
      });
    }
    seen.add(id);
  }
}
