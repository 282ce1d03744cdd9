import {
  applied,
  authorisedProviderEvents,
  contextOn,
  providerFrom,
  providerRegistered,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideProvider } from './decide-provider';
import { ProviderCommand, SubmitQualityReport } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { RegisteredProvider } from './provider.state';

const SCHEME_ID = 'hemtjanst';

function decide(command: ProviderCommand, given: ProviderEvent[]) {
  return decideProvider(command, providerFrom(given), contextOn());
}
function refusal(command: ProviderCommand, given: ProviderEvent[]) {
  return thrownBy(() => decide(command, given));
}
function after(given: ProviderEvent[], command: ProviderCommand) {
  return [...given, ...decide(command, given)];
}
const stateOf = (events: ProviderEvent[]) => providerFrom(events) as RegisteredProvider;

const complaint = (complaintId = 'k-1', receivedOn = '2025-03-01') =>
  ({
    type: 'RecordComplaint',
    data: {
      providerId: 'p-1',
      schemeId: SCHEME_ID,
      complaintId,
      receivedOn,
      summary: 'Personalen kom inte vid avtalad tid.',
      serious: false,
    },
  }) as const;
const handling = (handledOn = TODAY, complaintId = 'k-1') =>
  ({
    type: 'RecordComplaintHandling',
    data: { providerId: 'p-1', complaintId, handledOn, measures: 'Ny schemaläggning.' },
  }) as const;
const qualityReport = (
  overrides: Partial<SubmitQualityReport['data']> = {},
): SubmitQualityReport => ({
  type: 'SubmitQualityReport',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME_ID,
    reportId: 'q-2024',
    year: 2024,
    summary: 'Kvalitetsredovisning 2024.',
    figures: [
      { indicator: 'overall-satisfaction', value: 92.5, unit: 'percent' },
      { indicator: 'customers', value: 140, unit: 'count' },
    ],
    ...overrides,
  },
});

describe('complaints', () => {
  it('records a complaint and then its handling', () => {
    const events = after(after(authorisedProviderEvents(), complaint()), handling());
    expect(stateOf(events).complaints).toEqual([
      {
        complaintId: 'k-1',
        schemeId: SCHEME_ID,
        receivedOn: '2025-03-01',
        summary: 'Personalen kom inte vid avtalad tid.',
        serious: false,
        handling: { handledOn: TODAY, measures: 'Ny schemaläggning.' },
      },
    ]);
  });

  it('refuses complaints in a scheme the provider never served, or received in the future', () => {
    expect(refusal(complaint(), [providerRegistered(), applied()]).code).toBe(
      'PROVIDER_NOT_AUTHORISED',
    );
    expect(refusal(complaint('k-1', '2025-03-11'), authorisedProviderEvents()).code).toBe(
      'DATE_IN_FUTURE',
    );
  });

  it('refuses handling an unknown or already handled complaint, or before it was received', () => {
    expect(refusal(handling(), authorisedProviderEvents()).code).toBe('COMPLAINT_NOT_FOUND');
    const recorded = after(authorisedProviderEvents(), complaint());
    expect(refusal(handling('2025-02-28'), recorded).code).toBe('INVALID_DATE');
    expect(refusal(handling(), after(recorded, handling())).code).toBe('COMPLAINT_ALREADY_HANDLED');
    expect(refusal(complaint(), recorded).code).toBe('ALREADY_RECORDED');
  });
});

describe('deviations and visits', () => {
  it('records a serious deviation reported by the provider', () => {
    const [event] = decide(
      {
        type: 'ReportSeriousDeviation',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          deviationId: 'dev-1',
          occurredOn: '2025-03-08',
          description: 'Utebliven insats under helgen.',
        },
      },
      authorisedProviderEvents(),
    );
    expect(event).toMatchObject({
      type: 'SeriousDeviationReported',
      data: { occurredOn: '2025-03-08', reportedOn: TODAY },
    });
  });

  it('records a follow-up visit', () => {
    const events = after(authorisedProviderEvents(), {
      type: 'RecordFollowUpVisit',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        visitId: 'v-1',
        visitedOn: '2025-03-05',
        announced: false,
        findings: 'Nyckelrutiner följs.',
      },
    });
    expect(stateOf(events).visits).toEqual([
      {
        visitId: 'v-1',
        schemeId: SCHEME_ID,
        visitedOn: '2025-03-05',
        announced: false,
        findings: 'Nyckelrutiner följs.',
      },
    ]);
  });
});

describe('published figures', () => {
  it('records one quality report per scheme and year', () => {
    const events = after(authorisedProviderEvents(), qualityReport());
    expect(stateOf(events).qualityReports[0]).toMatchObject({ year: 2024, submittedOn: TODAY });
    expect(refusal(qualityReport({ reportId: 'q-2024b' }), events).code).toBe(
      'QUALITY_REPORT_ALREADY_SUBMITTED',
    );
  });

  it.each([
    [{ figures: [] }, 'INVALID_INPUT'],
    [{ figures: [{ indicator: 'x', value: 101, unit: 'percent' }] }, 'INVALID_INPUT'],
    [{ figures: [{ indicator: 'x', value: 1.5, unit: 'count' }] }, 'INVALID_INPUT'],
    [{ figures: [{ indicator: 'x', value: 1, unit: 'stars' }] }, 'INVALID_INPUT'],
    [
      {
        figures: [
          { indicator: 'x', value: 1, unit: 'count' },
          { indicator: 'x', value: 2, unit: 'count' },
        ],
      },
      'INVALID_INPUT',
    ],
    [{ year: 2026 }, 'INVALID_INPUT'],
  ])('refuses a report with %p', (overrides, code) => {
    const command = qualityReport(overrides as Partial<SubmitQualityReport['data']>);
    expect(refusal(command, authorisedProviderEvents()).code).toBe(code);
  });

  it('records survey results', () => {
    const events = after(authorisedProviderEvents(), {
      type: 'RecordSurveyResult',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        surveyId: 's-2024',
        year: 2024,
        title: 'Brukarundersökning äldreomsorg',
        respondents: 87,
        figures: [{ indicator: 'would-recommend', value: 88, unit: 'percent' }],
      },
    });
    expect(stateOf(events).surveys[0]).toMatchObject({ respondents: 87, recordedOn: TODAY });
  });
});
