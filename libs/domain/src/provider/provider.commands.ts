import { AuthorisationCondition } from '../condition/authorisation-condition';
import type { SchemeState } from '../scheme/scheme.state';
import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import { Ownership, PublishedFigure } from './provider.types';

// Commands that depend on a scheme carry what decide needs about it (its state, or the conditions
// that apply to it: general + the scheme's specific ones), loaded by the caller, so decide stays
// pure. Use `applicableConditions(catalogue, scheme)` to build `conditions`.

/** Registers a provider. `organisationNumber` may be `NNNNNNNNNN` or `NNNNNN-NNNN`. */
export type RegisterProvider = Message<
  'RegisterProvider',
  { providerId: string; organisationNumber: string; name: string; ownership: Ownership }
>;

/** Evidence for one condition, as given in an application. */
export type EvidenceInput = Readonly<{
  conditionId: string;
  description: string;
  documentRef?: string;
}>;

/** Applies for authorisation in a scheme, with evidence for every `at_authorisation` condition. */
export type ApplyForAuthorisation = Message<
  'ApplyForAuthorisation',
  {
    providerId: string;
    schemeId: string;
    applicationId: string;
    evidence: readonly EvidenceInput[];
    scheme: SchemeState;
    conditions: readonly AuthorisationCondition[];
  }
>;

/** Grants the pending application. */
export type GrantAuthorisation = Message<
  'GrantAuthorisation',
  { providerId: string; schemeId: string; applicationId: string; scheme: SchemeState }
>;

/** Rejects the pending application, with reasons. */
export type RejectAuthorisation = Message<
  'RejectAuthorisation',
  { providerId: string; schemeId: string; applicationId: string; reasons: readonly string[] }
>;

/** Records the signed LOV contract. `signedOn` defaults to today. */
export type SignContract = Message<
  'SignContract',
  {
    providerId: string;
    schemeId: string;
    contractId: string;
    signedOn?: CalendarDate;
    scheme: SchemeState;
  }
>;

/** Declares a capacity ceiling (a non-negative integer), or `null` to remove it. */
export type DeclareCapacity = Message<
  'DeclareCapacity',
  { providerId: string; schemeId: string; ceiling: number | null }
>;

/** Reports a new manager, for approval. */
export type ReportManagerChange = Message<
  'ReportManagerChange',
  { providerId: string; changeId: string; newManagerName: string; takesOverOn: CalendarDate }
>;

/** Approves a reported manager change. */
export type ApproveManagerChange = Message<
  'ApproveManagerChange',
  { providerId: string; changeId: string }
>;

/** Rejects a reported manager change, with reasons. */
export type RejectManagerChange = Message<
  'RejectManagerChange',
  { providerId: string; changeId: string; reasons: readonly string[] }
>;

/** Records a complaint. The summary must not identify a person. */
export type RecordComplaint = Message<
  'RecordComplaint',
  {
    providerId: string;
    schemeId: string;
    complaintId: string;
    receivedOn: CalendarDate;
    summary: string;
    serious: boolean;
  }
>;

/** Records how a complaint was handled. */
export type RecordComplaintHandling = Message<
  'RecordComplaintHandling',
  { providerId: string; complaintId: string; handledOn: CalendarDate; measures: string }
>;

/** Records a serious deviation reported by the provider. */
export type ReportSeriousDeviation = Message<
  'ReportSeriousDeviation',
  {
    providerId: string;
    schemeId: string;
    deviationId: string;
    occurredOn: CalendarDate;
    description: string;
  }
>;

/** Records a follow-up visit. */
export type RecordFollowUpVisit = Message<
  'RecordFollowUpVisit',
  {
    providerId: string;
    schemeId: string;
    visitId: string;
    visitedOn: CalendarDate;
    announced: boolean;
    findings: string;
  }
>;

/** Submits the annual quality report for a year (one per scheme and year). */
export type SubmitQualityReport = Message<
  'SubmitQualityReport',
  {
    providerId: string;
    schemeId: string;
    reportId: string;
    year: number;
    summary: string;
    figures: readonly PublishedFigure[];
  }
>;

/** Records the results of a customer survey. */
export type RecordSurveyResult = Message<
  'RecordSurveyResult',
  {
    providerId: string;
    schemeId: string;
    surveyId: string;
    year: number;
    title: string;
    respondents: number;
    figures: readonly PublishedFigure[];
  }
>;

/** Issues a warning citing one condition (any consequence allows a warning). */
export type IssueWarning = Message<
  'IssueWarning',
  {
    providerId: string;
    schemeId: string;
    warningId: string;
    conditionId: string;
    deficiency: string;
    conditions: readonly AuthorisationCondition[];
  }
>;

/**
 * Decides a de-authorisation citing conditions whose consequence is `warning_or_deauthorisation`,
 * effective from a date (today or later).
 */
export type DecideDeauthorisation = Message<
  'DecideDeauthorisation',
  {
    providerId: string;
    schemeId: string;
    decisionId: string;
    conditionIds: readonly string[];
    reasons: readonly string[];
    effectiveDate: CalendarDate;
    conditions: readonly AuthorisationCondition[];
  }
>;

/** Registers a court appeal against the decided de-authorisation. */
export type AppealDeauthorisation = Message<
  'AppealDeauthorisation',
  { providerId: string; schemeId: string; appealId: string; court: string; filedOn: CalendarDate }
>;

/** Records the court's ruling on a pending appeal. */
export type RecordAppealOutcome = Message<
  'RecordAppealOutcome',
  {
    providerId: string;
    schemeId: string;
    appealId: string;
    outcome: 'upheld' | 'overturned';
    ruledOn: CalendarDate;
  }
>;

/** The provider gives notice to leave a scheme, effective at least the notice period after today. */
export type NotifyWithdrawal = Message<
  'NotifyWithdrawal',
  { providerId: string; schemeId: string; effectiveDate: CalendarDate; scheme: SchemeState }
>;

/** Every command of the `provider` aggregate. */
export type ProviderCommand =
  | RegisterProvider
  | ApplyForAuthorisation
  | GrantAuthorisation
  | RejectAuthorisation
  | SignContract
  | DeclareCapacity
  | ReportManagerChange
  | ApproveManagerChange
  | RejectManagerChange
  | RecordComplaint
  | RecordComplaintHandling
  | ReportSeriousDeviation
  | RecordFollowUpVisit
  | SubmitQualityReport
  | RecordSurveyResult
  | IssueWarning
  | DecideDeauthorisation
  | AppealDeauthorisation
  | RecordAppealOutcome
  | NotifyWithdrawal;
