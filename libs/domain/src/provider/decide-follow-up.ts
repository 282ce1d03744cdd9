import { CalendarDate, yearOf } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import {
  assertIdentifier,
  assertIntegerInRange,
  assertOneOf,
  assertText,
  assertUnique,
} from '../shared/validation';
import {
  RecordComplaint,
  RecordComplaintHandling,
  RecordFollowUpVisit,
  RecordSurveyResult,
  ReportSeriousDeviation,
  SubmitQualityReport,
} from './provider.commands';
import { ProviderEvent } from './provider.events';
import {
  assertBoolean,
  everAuthorised,
  newId,
  notBefore,
  pastOrToday,
  registeredProvider,
} from './provider.guards';
import { ProviderState } from './provider.state';
import { FIGURE_UNITS, PublishedFigure } from './provider.types';

/** Earliest year accepted for reports and surveys; kundval in Nacka began in the mid-1980s. */
const EARLIEST_REPORT_YEAR = 1980;

export function recordComplaint(
  { data }: RecordComplaint,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  everAuthorised(provider, schemeId);
  return [
    {
      type: 'ComplaintRecorded',
      data: {
        providerId: provider.providerId,
        schemeId,
        complaintId: newId(
          data.complaintId,
          'complaintId',
          provider.complaints.map((complaint) => complaint.complaintId),
        ),
        receivedOn: pastOrToday(data.receivedOn, 'receivedOn', today),
        summary: assertText(data.summary, 'summary'),
        serious: assertBoolean(data.serious, 'serious'),
      },
    },
  ];
}

export function recordComplaintHandling(
  { data }: RecordComplaintHandling,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const complaintId = assertIdentifier(data.complaintId, 'complaintId');
  const complaint = provider.complaints.find((candidate) => candidate.complaintId === complaintId);
  if (!complaint) {
    throw new DomainError('COMPLAINT_NOT_FOUND', `Complaint "${complaintId}" was not recorded.`, {
      complaintId,
    });
  }
  if (complaint.handling !== null) {
    throw new DomainError(
      'COMPLAINT_ALREADY_HANDLED',
      `Complaint "${complaintId}" has already been handled.`,
      { complaintId },
    );
  }
  const handledOn = pastOrToday(data.handledOn, 'handledOn', today);
  notBefore(handledOn, 'handledOn', complaint.receivedOn, 'the date received');
  return [
    {
      type: 'ComplaintHandled',
      data: {
        providerId: provider.providerId,
        complaintId,
        handledOn,
        measures: assertText(data.measures, 'measures'),
      },
    },
  ];
}

export function reportSeriousDeviation(
  { data }: ReportSeriousDeviation,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  everAuthorised(provider, schemeId);
  return [
    {
      type: 'SeriousDeviationReported',
      data: {
        providerId: provider.providerId,
        schemeId,
        deviationId: newId(
          data.deviationId,
          'deviationId',
          provider.deviations.map((deviation) => deviation.deviationId),
        ),
        occurredOn: pastOrToday(data.occurredOn, 'occurredOn', today),
        description: assertText(data.description, 'description'),
        reportedOn: today,
      },
    },
  ];
}

export function recordFollowUpVisit(
  { data }: RecordFollowUpVisit,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  everAuthorised(provider, schemeId);
  return [
    {
      type: 'FollowUpVisitRecorded',
      data: {
        providerId: provider.providerId,
        schemeId,
        visitId: newId(
          data.visitId,
          'visitId',
          provider.visits.map((visit) => visit.visitId),
        ),
        visitedOn: pastOrToday(data.visitedOn, 'visitedOn', today),
        announced: assertBoolean(data.announced, 'announced'),
        findings: assertText(data.findings, 'findings'),
      },
    },
  ];
}

export function submitQualityReport(
  { data }: SubmitQualityReport,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  everAuthorised(provider, schemeId);
  const reportId = newId(
    data.reportId,
    'reportId',
    provider.qualityReports.map((report) => report.reportId),
  );
  const year = reportYear(data.year, today);
  if (
    provider.qualityReports.some((report) => report.schemeId === schemeId && report.year === year)
  ) {
    throw new DomainError(
      'QUALITY_REPORT_ALREADY_SUBMITTED',
      `The quality report for ${year} has already been submitted in this scheme.`,
      { schemeId, year },
    );
  }
  return [
    {
      type: 'QualityReportSubmitted',
      data: {
        providerId: provider.providerId,
        schemeId,
        reportId,
        year,
        summary: assertText(data.summary, 'summary'),
        figures: parseFigures(data.figures),
        submittedOn: today,
      },
    },
  ];
}

export function recordSurveyResult(
  { data }: RecordSurveyResult,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  everAuthorised(provider, schemeId);
  return [
    {
      type: 'SurveyResultRecorded',
      data: {
        providerId: provider.providerId,
        schemeId,
        surveyId: newId(
          data.surveyId,
          'surveyId',
          provider.surveys.map((survey) => survey.surveyId),
        ),
        year: reportYear(data.year, today),
        title: assertText(data.title, 'title', 200),
        respondents: assertIntegerInRange(
          data.respondents,
          'respondents',
          0,
          Number.MAX_SAFE_INTEGER,
        ),
        figures: parseFigures(data.figures),
        recordedOn: today,
      },
    },
  ];
}

function reportYear(value: unknown, today: CalendarDate): number {
  return assertIntegerInRange(value, 'year', EARLIEST_REPORT_YEAR, yearOf(today));
}

// Figures are published to citizens, so they must be well-formed and unambiguous.
function parseFigures(value: unknown): PublishedFigure[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DomainError('INVALID_INPUT', 'figures must list at least one published figure.', {
      field: 'figures',
    });
  }
  const figures = value.map((item: Record<string, unknown>, index): PublishedFigure => {
    const field = `figures[${index}]`;
    if (typeof item !== 'object' || item === null) {
      throw new DomainError('INVALID_INPUT', `${field} must be an object.`, { field });
    }
    const indicator = assertIdentifier(item.indicator, `${field}.indicator`);
    const unit = assertOneOf(item.unit, FIGURE_UNITS, `${field}.unit`);
    const figureValue = item.value;
    const valid =
      typeof figureValue === 'number' &&
      Number.isFinite(figureValue) &&
      (unit !== 'percent' || (figureValue >= 0 && figureValue <= 100)) &&
      (unit !== 'count' || (Number.isSafeInteger(figureValue) && figureValue >= 0));
    if (!valid) {
      throw new DomainError(
        'INVALID_INPUT',
        `${field}.value must be a number fitting its unit (percent 0–100, count a whole number).`,
        { field: `${field}.value` },
      );
    }
    return { indicator, value: figureValue as number, unit };
  });
  assertUnique(
    figures.map((figure) => figure.indicator),
    'figures',
  );
  return figures;
}
