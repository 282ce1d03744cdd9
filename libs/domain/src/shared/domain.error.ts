/**
 * Every machine-readable code a domain rule can fail with. Codes are part of the public contract:
 * clients branch on them, so existing codes are never renamed.
 */
export const DOMAIN_ERROR_CODES = [
  // The command is malformed.
  'INVALID_INPUT',
  'INVALID_CONTEXT',
  'INVALID_DATE',
  'INVALID_MONEY',
  'INVALID_ORGANISATION_NUMBER',
  'INVALID_CAPACITY',
  'INVALID_CONDITION',
  'SCHEME_MISMATCH',
  'PROVIDER_MISMATCH',
  'INVALID_PERSONAL_IDENTITY_NUMBER',
  'ENTITLEMENT_MISMATCH',
  'ROSTER_MISMATCH',
  'ADMISSION_ROUND_MISMATCH',
  'TOO_MANY_PREFERENCES',
  'INVALID_PERIOD',
  'PAYMENT_RUN_MISMATCH',
  // Something the command refers to does not exist.
  'SCHEME_NOT_ESTABLISHED',
  'PROVIDER_NOT_REGISTERED',
  'UNKNOWN_CONDITION',
  'NO_PENDING_APPLICATION',
  'MANAGER_CHANGE_NOT_FOUND',
  'COMPLAINT_NOT_FOUND',
  'NO_DEAUTHORISATION_DECIDED',
  'NO_PENDING_APPEAL',
  'ENTITLEMENT_NOT_FOUND',
  'RESERVATION_NOT_FOUND',
  'ADMISSION_ROUND_NOT_FOUND',
  'SUPPLEMENT_NOT_FOUND',
  // The command collides with what has already happened.
  'SCHEME_ALREADY_ESTABLISHED',
  'PROVIDER_ALREADY_REGISTERED',
  'CONDITION_ALREADY_DEFINED',
  'ALREADY_RECORDED',
  'APPLICATION_PENDING',
  'ALREADY_AUTHORISED',
  'CONTRACT_ALREADY_SIGNED',
  'MANAGER_CHANGE_PENDING',
  'MANAGER_CHANGE_ALREADY_DECIDED',
  'COMPLAINT_ALREADY_HANDLED',
  'APPEAL_PENDING',
  'WITHDRAWAL_ALREADY_NOTIFIED',
  'QUALITY_REPORT_ALREADY_SUBMITTED',
  'DEAUTHORISATION_IN_PROGRESS',
  'ENTITLEMENT_ALREADY_GRANTED',
  'PLACE_ALREADY_RESERVED',
  'LATER_CHOICE_REGISTERED',
  'ADMISSION_ROUND_ALREADY_OPENED',
  'ADMISSION_ALREADY_RUN',
  'SUPPLEMENT_ALREADY_GRANTED',
  'PAYMENT_RUN_ALREADY_APPROVED',
  // A business rule forbids it.
  'SCHEME_CLOSED',
  'RETROACTIVE_CHANGE',
  'DATE_IN_FUTURE',
  'CONDITION_NOT_APPLICABLE',
  'CONSEQUENCE_NOT_ALLOWED',
  'MISSING_EVIDENCE',
  'PROVIDER_NOT_AUTHORISED',
  'CONTRACT_NOT_APPLICABLE',
  'NOTICE_PERIOD_TOO_SHORT',
  'NON_CHOICE_PROVIDER_NOT_CHOOSABLE',
  'ENTITLEMENT_ENDED',
  'NOT_ENTITLED_ON_DATE',
  'PROVIDER_NOT_CHOOSABLE',
  'PROVIDER_FULL',
  'SAME_PROVIDER',
  'BACKDATING_NOT_ALLOWED',
  'REASON_REQUIRED',
  'NOTICE_PERIOD_NOT_MET',
  'CHOICE_DEADLINE_NOT_PASSED',
  'CHOICE_WINDOW_CLOSED',
  'CHOICE_WINDOW_STILL_OPEN',
  'NO_NON_CHOICE_PROVIDER',
  'SUPPLEMENT_ENDED',
  'HOURS_NOT_APPLICABLE',
  'PROVIDER_NOT_PLACED',
  'PERIOD_NOT_ENDED',
] as const;

/** A stable, machine-readable reason why a command was refused. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * Broad class of a refusal, so an adapter can map codes to transport statuses without a table of
 * its own (suggested HTTP: invalid_input 400, not_found 404, conflict 409, rule_violation 422).
 */
export type DomainErrorKind = 'invalid_input' | 'not_found' | 'conflict' | 'rule_violation';

const KIND_BY_CODE: Record<DomainErrorCode, DomainErrorKind> = {
  INVALID_INPUT: 'invalid_input',
  INVALID_CONTEXT: 'invalid_input',
  INVALID_DATE: 'invalid_input',
  INVALID_MONEY: 'invalid_input',
  INVALID_ORGANISATION_NUMBER: 'invalid_input',
  INVALID_CAPACITY: 'invalid_input',
  INVALID_CONDITION: 'invalid_input',
  SCHEME_MISMATCH: 'invalid_input',
  PROVIDER_MISMATCH: 'invalid_input',
  INVALID_PERSONAL_IDENTITY_NUMBER: 'invalid_input',
  ENTITLEMENT_MISMATCH: 'invalid_input',
  ROSTER_MISMATCH: 'invalid_input',
  ADMISSION_ROUND_MISMATCH: 'invalid_input',
  TOO_MANY_PREFERENCES: 'invalid_input',
  INVALID_PERIOD: 'invalid_input',
  PAYMENT_RUN_MISMATCH: 'invalid_input',
  SCHEME_NOT_ESTABLISHED: 'not_found',
  PROVIDER_NOT_REGISTERED: 'not_found',
  UNKNOWN_CONDITION: 'not_found',
  NO_PENDING_APPLICATION: 'not_found',
  MANAGER_CHANGE_NOT_FOUND: 'not_found',
  COMPLAINT_NOT_FOUND: 'not_found',
  NO_DEAUTHORISATION_DECIDED: 'not_found',
  NO_PENDING_APPEAL: 'not_found',
  ENTITLEMENT_NOT_FOUND: 'not_found',
  RESERVATION_NOT_FOUND: 'not_found',
  ADMISSION_ROUND_NOT_FOUND: 'not_found',
  SUPPLEMENT_NOT_FOUND: 'not_found',
  SCHEME_ALREADY_ESTABLISHED: 'conflict',
  PROVIDER_ALREADY_REGISTERED: 'conflict',
  CONDITION_ALREADY_DEFINED: 'conflict',
  ALREADY_RECORDED: 'conflict',
  APPLICATION_PENDING: 'conflict',
  ALREADY_AUTHORISED: 'conflict',
  CONTRACT_ALREADY_SIGNED: 'conflict',
  MANAGER_CHANGE_PENDING: 'conflict',
  MANAGER_CHANGE_ALREADY_DECIDED: 'conflict',
  COMPLAINT_ALREADY_HANDLED: 'conflict',
  APPEAL_PENDING: 'conflict',
  WITHDRAWAL_ALREADY_NOTIFIED: 'conflict',
  QUALITY_REPORT_ALREADY_SUBMITTED: 'conflict',
  DEAUTHORISATION_IN_PROGRESS: 'conflict',
  ENTITLEMENT_ALREADY_GRANTED: 'conflict',
  PLACE_ALREADY_RESERVED: 'conflict',
  LATER_CHOICE_REGISTERED: 'conflict',
  ADMISSION_ROUND_ALREADY_OPENED: 'conflict',
  ADMISSION_ALREADY_RUN: 'conflict',
  SUPPLEMENT_ALREADY_GRANTED: 'conflict',
  PAYMENT_RUN_ALREADY_APPROVED: 'conflict',
  SCHEME_CLOSED: 'rule_violation',
  RETROACTIVE_CHANGE: 'rule_violation',
  DATE_IN_FUTURE: 'rule_violation',
  CONDITION_NOT_APPLICABLE: 'rule_violation',
  CONSEQUENCE_NOT_ALLOWED: 'rule_violation',
  MISSING_EVIDENCE: 'rule_violation',
  PROVIDER_NOT_AUTHORISED: 'rule_violation',
  CONTRACT_NOT_APPLICABLE: 'rule_violation',
  NOTICE_PERIOD_TOO_SHORT: 'rule_violation',
  NON_CHOICE_PROVIDER_NOT_CHOOSABLE: 'rule_violation',
  ENTITLEMENT_ENDED: 'rule_violation',
  NOT_ENTITLED_ON_DATE: 'rule_violation',
  PROVIDER_NOT_CHOOSABLE: 'rule_violation',
  PROVIDER_FULL: 'rule_violation',
  SAME_PROVIDER: 'rule_violation',
  BACKDATING_NOT_ALLOWED: 'rule_violation',
  REASON_REQUIRED: 'rule_violation',
  NOTICE_PERIOD_NOT_MET: 'rule_violation',
  CHOICE_DEADLINE_NOT_PASSED: 'rule_violation',
  CHOICE_WINDOW_CLOSED: 'rule_violation',
  CHOICE_WINDOW_STILL_OPEN: 'rule_violation',
  NO_NON_CHOICE_PROVIDER: 'rule_violation',
  SUPPLEMENT_ENDED: 'rule_violation',
  HOURS_NOT_APPLICABLE: 'rule_violation',
  PROVIDER_NOT_PLACED: 'rule_violation',
  PERIOD_NOT_ENDED: 'rule_violation',
};

/** Extra facts about a refusal, safe to show to the caller (never personal data). */
export type DomainErrorDetails = Readonly<Record<string, unknown>>;

/** A command refused by a domain rule. The message is English and meant for humans. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: DomainErrorDetails;

  constructor(code: DomainErrorCode, message: string, details?: DomainErrorDetails) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  /** The broad class of this refusal. */
  get kind(): DomainErrorKind {
    return KIND_BY_CODE[this.code];
  }
}

/** Narrows an unknown thrown value to a {@link DomainError}. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** The broad class of a domain error code. */
export function domainErrorKind(code: DomainErrorCode): DomainErrorKind {
  return KIND_BY_CODE[code];
}
