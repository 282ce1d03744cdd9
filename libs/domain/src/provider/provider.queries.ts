import { vatCompensationOn } from '../scheme/scheme.queries';
import { SchemeState } from '../scheme/scheme.state';
import { CalendarDate } from '../shared/calendar-date';
import { BasisPoints } from '../shared/money';
import { ProviderState } from './provider.state';
import { QualityReport, SurveyResult, Warning } from './provider.types';

/** A provider's published results in a scheme ("openness about results"). */
export type PublishedResults = Readonly<{
  /** The quality report for the latest year reported, if any. */
  latestQualityReport: QualityReport | null;
  /** Surveys of the latest year surveyed, in recording order. */
  latestSurveys: readonly SurveyResult[];
}>;

/** The provider's latest published quality report and survey results in a scheme. */
export function publishedResults(provider: ProviderState, schemeId: string): PublishedResults {
  if (provider.status !== 'registered') return { latestQualityReport: null, latestSurveys: [] };
  const reports = provider.qualityReports.filter((report) => report.schemeId === schemeId);
  const latestQualityReport = reports.reduce<QualityReport | null>(
    (latest, report) => (latest === null || report.year > latest.year ? report : latest),
    null,
  );
  const surveys = provider.surveys.filter((survey) => survey.schemeId === schemeId);
  const latestYear = Math.max(...surveys.map((survey) => survey.year));
  return {
    latestQualityReport,
    latestSurveys: surveys.filter((survey) => survey.year === latestYear),
  };
}

/**
 * The VAT compensation the provider gets on top of the voucher on `date`: the scheme's percentage
 * for private and non-profit providers, none for municipal ones (they recover VAT otherwise).
 */
export function vatCompensationFor(
  provider: ProviderState,
  scheme: SchemeState,
  date: CalendarDate,
): BasisPoints {
  if (provider.status !== 'registered' || provider.ownership === 'municipal') return 0;
  return vatCompensationOn(scheme, date);
}

/** Warnings issued to the provider in a scheme, oldest first. */
export function warningsIn(provider: ProviderState, schemeId: string): Warning[] {
  if (provider.status !== 'registered') return [];
  return provider.warnings.filter((warning) => warning.schemeId === schemeId);
}
