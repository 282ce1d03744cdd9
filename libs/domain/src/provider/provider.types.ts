import { CalendarDate } from '../shared/calendar-date';

/** Who owns the provider: the municipality (egen regi), a company, or a non-profit (idéburen). */
export const OWNERSHIPS = ['municipal', 'private', 'non_profit'] as const;
/** Who owns the provider. */
export type Ownership = (typeof OWNERSHIPS)[number];

/**
 * A provider's standing in one scheme, as last decided. Dated effects are read with the queries
 * (`isChoosable`, `authorisationStatusOn`):
 * - `applied`: an application awaits a decision;
 * - `rejected`: the latest application was rejected;
 * - `authorised`: granted (auktoriserad / godkänd);
 * - `withdrawn`: the provider gave notice; it stays authorised until the effective date;
 * - `deauthorised`: a de-authorisation (avauktorisation) was decided; no new choices from the
 *   decision, existing customers are served and paid until the effective date.
 */
export const AUTHORISATION_STATUSES = [
  'applied',
  'rejected',
  'authorised',
  'withdrawn',
  'deauthorised',
] as const;
/** A provider's standing in one scheme, as last decided. */
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

/** The statuses a de-authorisation can interrupt, and that an overturned appeal restores. */
export type RestorableStatus = 'authorised' | 'withdrawn';

/** What an applicant shows for one condition. */
export type Evidence = Readonly<{
  conditionId: string;
  description: string;
  /** A reference to a filed document (diarienummer, file id), if any. */
  documentRef: string | null;
}>;

/** An application for authorisation in a scheme. */
export type Application = Readonly<{
  applicationId: string;
  appliedOn: CalendarDate;
  evidence: readonly Evidence[];
}>;

/** A court appeal (överklagande) against a de-authorisation. */
export type Appeal = Readonly<{
  appealId: string;
  court: string;
  filedOn: CalendarDate;
  outcome: 'pending' | 'upheld' | 'overturned';
  ruledOn: CalendarDate | null;
}>;

/** A decided de-authorisation. */
export type Deauthorisation = Readonly<{
  decisionId: string;
  decidedOn: CalendarDate;
  /** First day the provider is no longer authorised; payments stop from this day. */
  effectiveDate: CalendarDate;
  conditionIds: readonly string[];
  reasons: readonly string[];
  statusBefore: RestorableStatus;
  /** Appeals in filing order; after one is upheld a higher court may be tried. */
  appeals: readonly Appeal[];
}>;

/** The provider's notice that it leaves a scheme. */
export type Withdrawal = Readonly<{
  noticeGivenOn: CalendarDate;
  /** First day the provider is no longer authorised. */
  effectiveDate: CalendarDate;
}>;

/** A provider's authorisation in one scheme. */
export type SchemeAuthorisation = Readonly<{
  schemeId: string;
  status: AuthorisationStatus;
  application: Application;
  rejection: Readonly<{ decidedOn: CalendarDate; reasons: readonly string[] }> | null;
  authorisedOn: CalendarDate | null;
  /** True once authorised in this scheme, even if later ended: follow-up may still be recorded. */
  everAuthorised: boolean;
  /** The LOV contract (avtal), signed after authorisation. */
  contract: Readonly<{ contractId: string; signedOn: CalendarDate }> | null;
  /** Capacity ceiling (kapacitetstak): most customers at once; null means no ceiling. */
  capacity: number | null;
  withdrawal: Withdrawal | null;
  deauthorisation: Deauthorisation | null;
}>;

/** A reported change of the person in charge of daily operations (verksamhetsansvarig). */
export type ManagerChange = Readonly<{
  changeId: string;
  newManagerName: string;
  takesOverOn: CalendarDate;
  reportedOn: CalendarDate;
  /** Reported after the new manager took over: a deficiency that can be cited in a warning. */
  reportedLate: boolean;
  status: 'reported' | 'approved' | 'rejected';
  decidedOn: CalendarDate | null;
  rejectionReasons: readonly string[];
}>;

/** A warning (varning) citing one condition. */
export type Warning = Readonly<{
  warningId: string;
  schemeId: string;
  conditionId: string;
  deficiency: string;
  issuedOn: CalendarDate;
}>;

/** A complaint (klagomål) about the provider and how it was handled. Holds no personal data. */
export type Complaint = Readonly<{
  complaintId: string;
  schemeId: string;
  receivedOn: CalendarDate;
  summary: string;
  serious: boolean;
  handling: Readonly<{ handledOn: CalendarDate; measures: string }> | null;
}>;

/** A serious deviation (allvarlig avvikelse) the provider reported itself. */
export type SeriousDeviation = Readonly<{
  deviationId: string;
  schemeId: string;
  occurredOn: CalendarDate;
  reportedOn: CalendarDate;
  description: string;
}>;

/** A follow-up visit (besök i verksamheten) by the municipality. */
export type FollowUpVisit = Readonly<{
  visitId: string;
  schemeId: string;
  visitedOn: CalendarDate;
  announced: boolean;
  findings: string;
}>;

/** Units a published figure may have. */
export const FIGURE_UNITS = ['percent', 'count', 'score'] as const;

/** One published result figure, e.g. `{ indicator: 'overall-satisfaction', value: 92, unit: 'percent' }`. */
export type PublishedFigure = Readonly<{
  indicator: string;
  value: number;
  unit: (typeof FIGURE_UNITS)[number];
}>;

/** The provider's annual quality report (kvalitetsredovisning); its figures are published. */
export type QualityReport = Readonly<{
  reportId: string;
  schemeId: string;
  year: number;
  summary: string;
  figures: readonly PublishedFigure[];
  submittedOn: CalendarDate;
}>;

/** Results of a customer survey (kundundersökning); its figures are published. */
export type SurveyResult = Readonly<{
  surveyId: string;
  schemeId: string;
  year: number;
  title: string;
  respondents: number;
  figures: readonly PublishedFigure[];
  recordedOn: CalendarDate;
}>;
