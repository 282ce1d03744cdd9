import { DOMAIN_ERROR_CODES, DomainError, domainErrorKind, isDomainError } from './domain.error';

describe('DomainError', () => {
  it('carries a stable code, an English message and optional details', () => {
    const error = new DomainError('PROVIDER_NOT_AUTHORISED', 'Not authorised.', { schemeId: 's' });
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('PROVIDER_NOT_AUTHORISED');
    expect(error.message).toBe('Not authorised.');
    expect(error.details).toEqual({ schemeId: 's' });
    expect(error.kind).toBe('rule_violation');
  });

  it('classifies every code', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      expect(['invalid_input', 'not_found', 'conflict', 'rule_violation']).toContain(
        domainErrorKind(code),
      );
    }
    expect(domainErrorKind('INVALID_DATE')).toBe('invalid_input');
    expect(domainErrorKind('SCHEME_NOT_ESTABLISHED')).toBe('not_found');
    expect(domainErrorKind('SCHEME_ALREADY_ESTABLISHED')).toBe('conflict');
  });

  it('is not confused with other errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
