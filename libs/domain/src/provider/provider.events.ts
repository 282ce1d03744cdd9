import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import { OrganisationNumber } from '../shared/organisation-number';
import { Evidence, Ownership, PublishedFigure, RestorableStatus } from './provider.types';

/** A provider (anordnare) was registered. */
export type ProviderRegistered = Message<
  'ProviderRegistered',
  {
    providerId: string;
    organisationNumber: OrganisationNumber;
    name: string;
    ownership: Ownership;
    registeredOn: CalendarDate;
  }
>;

/** The provider applied for authorisation in a scheme. */
export type AuthorisationApplied = Message<
  'AuthorisationApplied',
  {
    providerId: string;
    schemeId: string;
    applicationId: string;
    evidence: readonly Evidence[];
    appliedOn: CalendarDate;
  }
>;

/** The application was granted: the provider is authorised in the scheme from `decidedOn`. */
export type AuthorisationGranted = Message<
  'AuthorisationGranted',
  { providerId: string; schemeId: string; applicationId: string; decidedOn: CalendarDate }
>;

/** The application was rejected, with reasons. */
export type AuthorisationRejected = Message<
  'AuthorisationRejected',
  {
    providerId: string;
    schemeId: string;
    applicationId: string;
    reasons: readonly string[];
    decidedOn: CalendarDate;
  }
>;

/** The LOV contract was signed. */
export type ContractSigned = Message<
  'ContractSigned',
  { providerId: string; schemeId: string; contractId: string; signedOn: CalendarDate }
>;

/** The provider declared a capacity ceiling (null: none). */
export type CapacityDeclared = Message<
  'CapacityDeclared',
  { providerId: string; schemeId: string; ceiling: number | null; declaredOn: CalendarDate }
>;

/** The provider reported a new manager, for the municipality's approval. */
export type ManagerChangeReported = Message<
  'ManagerChangeReported',
  {
    providerId: string;
    changeId: string;
    newManagerName: string;
    takesOverOn: CalendarDate;
    reportedOn: CalendarDate;
    reportedLate: boolean;
  }
>;

/** The municipality approved the new manager. */
export type ManagerChangeApproved = Message<
  'ManagerChangeApproved',
  { providerId: string; changeId: string; decidedOn: CalendarDate }
>;

/** The municipality rejected the new manager, with reasons. */
export type ManagerChangeRejected = Message<
  'ManagerChangeRejected',
  { providerId: string; changeId: string; reasons: readonly string[]; decidedOn: CalendarDate }
>;

/** A complaint about the provider was received. */
export type ComplaintRecorded = Message<
  'ComplaintRecorded',
  {
    providerId: string;
    schemeId: string;
    complaintId: string;
    receivedOn: CalendarDate;
    summary: string;
    serious: boolean;
  }
>;

/** The handling of a complaint was recorded. */
export type ComplaintHandled = Message<
  'ComplaintHandled',
  { providerId: string; complaintId: string; handledOn: CalendarDate; measures: string }
>;

/** The provider reported a serious deviation itself. */
export type SeriousDeviationReported = Message<
  'SeriousDeviationReported',
  {
    providerId: string;
    schemeId: string;
    deviationId: string;
    occurredOn: CalendarDate;
    description: string;
    reportedOn: CalendarDate;
  }
>;

/** The municipality visited the provider. */
export type FollowUpVisitRecorded = Message<
  'FollowUpVisitRecorded',
  {
    providerId: string;
    schemeId: string;
    visitId: string;
    visitedOn: CalendarDate;
    announced: boolean;
    findings: string;
  }
>;

/** The provider submitted its annual quality report. */
export type QualityReportSubmitted = Message<
  'QualityReportSubmitted',
  {
    providerId: string;
    schemeId: string;
    reportId: string;
    year: number;
    summary: string;
    figures: readonly PublishedFigure[];
    submittedOn: CalendarDate;
  }
>;

/** Results of a customer survey were recorded. */
export type SurveyResultRecorded = Message<
  'SurveyResultRecorded',
  {
    providerId: string;
    schemeId: string;
    surveyId: string;
    year: number;
    title: string;
    respondents: number;
    figures: readonly PublishedFigure[];
    recordedOn: CalendarDate;
  }
>;

/** A warning was issued, citing a condition. */
export type WarningIssued = Message<
  'WarningIssued',
  {
    providerId: string;
    schemeId: string;
    warningId: string;
    conditionId: string;
    deficiency: string;
    issuedOn: CalendarDate;
  }
>;

/** A de-authorisation was decided, citing conditions, effective from a date. */
export type DeauthorisationDecided = Message<
  'DeauthorisationDecided',
  {
    providerId: string;
    schemeId: string;
    decisionId: string;
    conditionIds: readonly string[];
    reasons: readonly string[];
    decidedOn: CalendarDate;
    effectiveDate: CalendarDate;
    /** What an overturning court ruling restores. */
    statusBefore: RestorableStatus;
  }
>;

/** The provider appealed a de-authorisation to a court. */
export type DeauthorisationAppealed = Message<
  'DeauthorisationAppealed',
  {
    providerId: string;
    schemeId: string;
    decisionId: string;
    appealId: string;
    court: string;
    filedOn: CalendarDate;
  }
>;

/**
 * The court ruled on an appeal. Upheld: the de-authorisation stands. Overturned: the provider is
 * reinstated to `restoredStatus`, the status before the decision.
 */
export type AppealOutcomeRecorded = Message<
  'AppealOutcomeRecorded',
  {
    providerId: string;
    schemeId: string;
    decisionId: string;
    appealId: string;
    outcome: 'upheld' | 'overturned';
    ruledOn: CalendarDate;
    restoredStatus: RestorableStatus | null;
  }
>;

/** The provider gave notice to leave a scheme. */
export type WithdrawalNotified = Message<
  'WithdrawalNotified',
  {
    providerId: string;
    schemeId: string;
    noticeGivenOn: CalendarDate;
    effectiveDate: CalendarDate;
  }
>;

/** Every event of the `provider` aggregate. */
export type ProviderEvent =
  | ProviderRegistered
  | AuthorisationApplied
  | AuthorisationGranted
  | AuthorisationRejected
  | ContractSigned
  | CapacityDeclared
  | ManagerChangeReported
  | ManagerChangeApproved
  | ManagerChangeRejected
  | ComplaintRecorded
  | ComplaintHandled
  | SeriousDeviationReported
  | FollowUpVisitRecorded
  | QualityReportSubmitted
  | SurveyResultRecorded
  | WarningIssued
  | DeauthorisationDecided
  | DeauthorisationAppealed
  | AppealOutcomeRecorded
  | WithdrawalNotified;
