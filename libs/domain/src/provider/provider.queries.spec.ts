import {
  authorisedProviderEvents,
  providerFrom,
  providerRegistered,
  schemeEstablished,
  schemeFrom,
} from '../testing/domain-test-kit';
import { ProviderEvent } from './provider.events';
import { publishedResults, vatCompensationFor, warningsIn } from './provider.queries';

const SCHEME_ID = 'hemtjanst';
const scheme = schemeFrom([schemeEstablished(SCHEME_ID)]);

const report = (reportId: string, year: number): ProviderEvent => ({
  type: 'QualityReportSubmitted',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME_ID,
    reportId,
    year,
    summary: 'Redovisning.',
    figures: [{ indicator: 'satisfaction', value: 90, unit: 'percent' }],
    submittedOn: `${year + 1}-02-01`,
  },
});
const survey = (surveyId: string, year: number): ProviderEvent => ({
  type: 'SurveyResultRecorded',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME_ID,
    surveyId,
    year,
    title: 'Undersökning',
    respondents: 10,
    figures: [{ indicator: 'satisfaction', value: 80, unit: 'percent' }],
    recordedOn: `${year}-11-01`,
  },
});

describe('provider queries', () => {
  it('publishes the latest quality report and the latest year of surveys', () => {
    const provider = providerFrom([
      ...authorisedProviderEvents(),
      report('q-2024', 2024),
      report('q-2023', 2023),
      survey('s-2023', 2023),
      survey('s-2024a', 2024),
      survey('s-2024b', 2024),
    ]);
    const results = publishedResults(provider, SCHEME_ID);
    expect(results.latestQualityReport?.reportId).toBe('q-2024');
    expect(results.latestSurveys.map((s) => s.surveyId)).toEqual(['s-2024a', 's-2024b']);
    expect(publishedResults(provider, 'other')).toEqual({
      latestQualityReport: null,
      latestSurveys: [],
    });
  });

  it('pays VAT compensation to private and non-profit providers only', () => {
    expect(vatCompensationFor(providerFrom(authorisedProviderEvents()), scheme, '2025-03-10')).toBe(
      600,
    );
    const municipal = providerFrom([providerRegistered('p-2', 'Nacka Hemtjänst', 'municipal')]);
    expect(vatCompensationFor(municipal, scheme, '2025-03-10')).toBe(0);
    const nonProfit = providerFrom([providerRegistered('p-3', 'Stiftelsen Omsorg', 'non_profit')]);
    expect(vatCompensationFor(nonProfit, scheme, '2025-03-10')).toBe(600);
  });

  it('lists warnings per scheme', () => {
    const provider = providerFrom([
      ...authorisedProviderEvents(),
      {
        type: 'WarningIssued',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          warningId: 'w-1',
          conditionId: 'general-goals',
          deficiency: 'x',
          issuedOn: '2025-01-01',
        },
      },
    ]);
    expect(warningsIn(provider, SCHEME_ID).map((w) => w.warningId)).toEqual(['w-1']);
    expect(warningsIn(provider, 'other')).toEqual([]);
  });
});
