import { CalendarDate } from '../shared/calendar-date';
import { OrganisationNumber } from '../shared/organisation-number';
import { ProviderEvent } from './provider.events';
import {
  Complaint,
  FollowUpVisit,
  ManagerChange,
  Ownership,
  QualityReport,
  SchemeAuthorisation,
  SeriousDeviation,
  SurveyResult,
  Warning,
} from './provider.types';

/** A provider stream with no events yet. */
export type UnregisteredProvider = Readonly<{ status: 'unregistered' }>;

/** A registered provider, with its authorisation per scheme and its follow-up record. */
export type RegisteredProvider = Readonly<{
  status: 'registered';
  providerId: string;
  organisationNumber: OrganisationNumber;
  name: string;
  ownership: Ownership;
  registeredOn: CalendarDate;
  /** The approved manager (verksamhetsansvarig), if any change has been approved. */
  manager: string | null;
  managerChanges: readonly ManagerChange[];
  /** Authorisation per scheme, keyed by scheme id. */
  schemes: Readonly<Record<string, SchemeAuthorisation>>;
  warnings: readonly Warning[];
  complaints: readonly Complaint[];
  deviations: readonly SeriousDeviation[];
  visits: readonly FollowUpVisit[];
  qualityReports: readonly QualityReport[];
  surveys: readonly SurveyResult[];
}>;

/** The state of the `provider` aggregate. */
export type ProviderState = UnregisteredProvider | RegisteredProvider;

/**
 * The provider's authorisation record in a scheme, if it has ever applied there. Reads own
 * properties only, so a scheme id such as `constructor` cannot pick up an inherited member.
 */
export function authorisationIn(
  provider: ProviderState,
  schemeId: string,
): SchemeAuthorisation | undefined {
  if (provider.status !== 'registered' || !Object.hasOwn(provider.schemes, schemeId)) {
    return undefined;
  }
  return provider.schemes[schemeId];
}

/** The provider before any event. */
export function initialProviderState(): ProviderState {
  return { status: 'unregistered' };
}

function withScheme(
  state: RegisteredProvider,
  schemeId: string,
  update: (current: SchemeAuthorisation) => SchemeAuthorisation,
): RegisteredProvider {
  const current = authorisationIn(state, schemeId);
  if (!current) return state;
  return { ...state, schemes: { ...state.schemes, [schemeId]: update(current) } };
}

function withManagerChange(
  state: RegisteredProvider,
  changeId: string,
  update: (change: ManagerChange) => ManagerChange,
): RegisteredProvider {
  return {
    ...state,
    managerChanges: state.managerChanges.map((change) =>
      change.changeId === changeId ? update(change) : change,
    ),
  };
}

/** Applies one provider event. Events that do not fit the state leave it unchanged. */
export function evolveProvider(state: ProviderState, event: ProviderEvent): ProviderState {
  if (event.type === 'ProviderRegistered') {
    const { providerId, organisationNumber, name, ownership, registeredOn } = event.data;
    return {
      status: 'registered',
      providerId,
      organisationNumber,
      name,
      ownership,
      registeredOn,
      manager: null,
      managerChanges: [],
      schemes: {},
      warnings: [],
      complaints: [],
      deviations: [],
      visits: [],
      qualityReports: [],
      surveys: [],
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'AuthorisationApplied': {
      const { schemeId, applicationId, appliedOn, evidence } = event.data;
      // A new application opens a fresh record; the history of earlier ones is in the log.
      return {
        ...state,
        schemes: {
          ...state.schemes,
          [schemeId]: {
            schemeId,
            status: 'applied',
            application: { applicationId, appliedOn, evidence },
            rejection: null,
            authorisedOn: null,
            everAuthorised: authorisationIn(state, schemeId)?.everAuthorised ?? false,
            contract: null,
            capacity: null,
            withdrawal: null,
            deauthorisation: null,
          },
        },
      };
    }
    case 'AuthorisationGranted':
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        status: 'authorised',
        authorisedOn: event.data.decidedOn,
        everAuthorised: true,
      }));
    case 'AuthorisationRejected':
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        status: 'rejected',
        rejection: { decidedOn: event.data.decidedOn, reasons: event.data.reasons },
      }));
    case 'ContractSigned':
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        contract: { contractId: event.data.contractId, signedOn: event.data.signedOn },
      }));
    case 'CapacityDeclared':
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        capacity: event.data.ceiling,
      }));
    case 'WithdrawalNotified':
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        status: 'withdrawn',
        withdrawal: {
          noticeGivenOn: event.data.noticeGivenOn,
          effectiveDate: event.data.effectiveDate,
        },
      }));
    case 'DeauthorisationDecided': {
      const { decisionId, decidedOn, effectiveDate, conditionIds, reasons, statusBefore } =
        event.data;
      return withScheme(state, event.data.schemeId, (auth) => ({
        ...auth,
        status: 'deauthorised',
        deauthorisation: {
          decisionId,
          decidedOn,
          effectiveDate,
          conditionIds,
          reasons,
          statusBefore,
          appeals: [],
        },
      }));
    }
    case 'DeauthorisationAppealed': {
      const { appealId, court, filedOn } = event.data;
      return withScheme(state, event.data.schemeId, (auth) =>
        auth.deauthorisation === null
          ? auth
          : {
              ...auth,
              deauthorisation: {
                ...auth.deauthorisation,
                appeals: [
                  ...auth.deauthorisation.appeals,
                  { appealId, court, filedOn, outcome: 'pending', ruledOn: null },
                ],
              },
            },
      );
    }
    case 'AppealOutcomeRecorded': {
      const { appealId, outcome, ruledOn, restoredStatus } = event.data;
      return withScheme(state, event.data.schemeId, (auth) => {
        if (auth.deauthorisation === null) return auth;
        if (outcome === 'overturned') {
          return {
            ...auth,
            status: restoredStatus ?? auth.deauthorisation.statusBefore,
            deauthorisation: null,
          };
        }
        return {
          ...auth,
          deauthorisation: {
            ...auth.deauthorisation,
            appeals: auth.deauthorisation.appeals.map((appeal) =>
              appeal.appealId === appealId ? { ...appeal, outcome, ruledOn } : appeal,
            ),
          },
        };
      });
    }
    case 'ManagerChangeReported': {
      const { changeId, newManagerName, takesOverOn, reportedOn, reportedLate } = event.data;
      return {
        ...state,
        managerChanges: [
          ...state.managerChanges,
          {
            changeId,
            newManagerName,
            takesOverOn,
            reportedOn,
            reportedLate,
            status: 'reported',
            decidedOn: null,
            rejectionReasons: [],
          },
        ],
      };
    }
    case 'ManagerChangeApproved': {
      const change = state.managerChanges.find((c) => c.changeId === event.data.changeId);
      return {
        ...withManagerChange(state, event.data.changeId, (c) => ({
          ...c,
          status: 'approved',
          decidedOn: event.data.decidedOn,
        })),
        manager: change ? change.newManagerName : state.manager,
      };
    }
    case 'ManagerChangeRejected':
      return withManagerChange(state, event.data.changeId, (c) => ({
        ...c,
        status: 'rejected',
        decidedOn: event.data.decidedOn,
        rejectionReasons: event.data.reasons,
      }));
    case 'WarningIssued': {
      const { warningId, schemeId, conditionId, deficiency, issuedOn } = event.data;
      return {
        ...state,
        warnings: [...state.warnings, { warningId, schemeId, conditionId, deficiency, issuedOn }],
      };
    }
    case 'ComplaintRecorded': {
      const { complaintId, schemeId, receivedOn, summary, serious } = event.data;
      return {
        ...state,
        complaints: [
          ...state.complaints,
          { complaintId, schemeId, receivedOn, summary, serious, handling: null },
        ],
      };
    }
    case 'ComplaintHandled':
      return {
        ...state,
        complaints: state.complaints.map((complaint) =>
          complaint.complaintId === event.data.complaintId
            ? {
                ...complaint,
                handling: { handledOn: event.data.handledOn, measures: event.data.measures },
              }
            : complaint,
        ),
      };
    case 'SeriousDeviationReported': {
      const { deviationId, schemeId, occurredOn, reportedOn, description } = event.data;
      return {
        ...state,
        deviations: [
          ...state.deviations,
          { deviationId, schemeId, occurredOn, reportedOn, description },
        ],
      };
    }
    case 'FollowUpVisitRecorded': {
      const { visitId, schemeId, visitedOn, announced, findings } = event.data;
      return {
        ...state,
        visits: [...state.visits, { visitId, schemeId, visitedOn, announced, findings }],
      };
    }
    case 'QualityReportSubmitted': {
      const { reportId, schemeId, year, summary, figures, submittedOn } = event.data;
      return {
        ...state,
        qualityReports: [
          ...state.qualityReports,
          { reportId, schemeId, year, summary, figures, submittedOn },
        ],
      };
    }
    case 'SurveyResultRecorded': {
      const { surveyId, schemeId, year, title, respondents, figures, recordedOn } = event.data;
      return {
        ...state,
        surveys: [
          ...state.surveys,
          { surveyId, schemeId, year, title, respondents, figures, recordedOn },
        ],
      };
    }
    default:
      return state;
  }
}
