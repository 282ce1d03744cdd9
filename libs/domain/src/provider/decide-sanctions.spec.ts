import {
  applied,
  authorisedProviderEvents,
  contextOn,
  GENERAL_CONDITIONS,
  providerFrom,
  providerRegistered,
  schemeEstablished,
  schemeFrom,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideProvider } from './decide-provider';
import { ProviderCommand } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { RegisteredProvider } from './provider.state';

const SCHEME_ID = 'hemtjanst';

function decide(command: ProviderCommand, given: ProviderEvent[], today = TODAY) {
  return decideProvider(command, providerFrom(given), contextOn(today));
}
function refusal(command: ProviderCommand, given: ProviderEvent[], today = TODAY) {
  return thrownBy(() => decide(command, given, today));
}
function after(given: ProviderEvent[], command: ProviderCommand, today = TODAY) {
  return [...given, ...decide(command, given, today)];
}
function schemeRecord(events: ProviderEvent[]) {
  return (providerFrom(events) as RegisteredProvider).schemes[SCHEME_ID];
}

const warn = (conditionId: string, warningId = 'w-1') =>
  ({
    type: 'IssueWarning',
    data: {
      providerId: 'p-1',
      schemeId: SCHEME_ID,
      warningId,
      conditionId,
      deficiency: 'Nytt verksamhetsansvarig anmäldes inte.',
      conditions: GENERAL_CONDITIONS,
    },
  }) as const;

const deauthorise = (conditionIds: string[], effectiveDate = '2025-05-01') =>
  ({
    type: 'DecideDeauthorisation',
    data: {
      providerId: 'p-1',
      schemeId: SCHEME_ID,
      decisionId: 'd-1',
      conditionIds,
      reasons: ['Rutiner för nycklar saknas trots varning.'],
      effectiveDate,
      conditions: GENERAL_CONDITIONS,
    },
  }) as const;

const appeal = (appealId = 'a-1', filedOn = TODAY) =>
  ({
    type: 'AppealDeauthorisation',
    data: {
      providerId: 'p-1',
      schemeId: SCHEME_ID,
      appealId,
      court: 'Förvaltningsrätten i Stockholm',
      filedOn,
    },
  }) as const;

const ruling = (outcome: 'upheld' | 'overturned', appealId = 'a-1', ruledOn = TODAY) =>
  ({
    type: 'RecordAppealOutcome',
    data: { providerId: 'p-1', schemeId: SCHEME_ID, appealId, outcome, ruledOn },
  }) as const;

describe('warnings', () => {
  it('issues a warning citing a warning-only condition', () => {
    expect(decide(warn('general-manager-change-reported'), authorisedProviderEvents())).toEqual([
      {
        type: 'WarningIssued',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          warningId: 'w-1',
          conditionId: 'general-manager-change-reported',
          deficiency: 'Nytt verksamhetsansvarig anmäldes inte.',
          issuedOn: TODAY,
        },
      },
    ]);
  });

  it('also allows a warning under a warning_or_deauthorisation condition', () => {
    const events = after(authorisedProviderEvents(), warn('general-keys-and-valuables'));
    expect((providerFrom(events) as RegisteredProvider).warnings).toHaveLength(1);
  });

  it('refuses a warning citing an unknown condition, or reusing an id', () => {
    expect(refusal(warn('general-dress-code'), authorisedProviderEvents()).code).toBe(
      'UNKNOWN_CONDITION',
    );
    const given = after(authorisedProviderEvents(), warn('general-goals'));
    expect(refusal(warn('general-goals'), given).code).toBe('ALREADY_RECORDED');
  });

  it('refuses a warning to a provider not authorised in the scheme', () => {
    expect(refusal(warn('general-goals'), [providerRegistered(), applied()]).code).toBe(
      'PROVIDER_NOT_AUTHORISED',
    );
  });
});

describe('de-authorisation', () => {
  it('decides a de-authorisation citing conditions that allow it', () => {
    const events = decide(deauthorise(['general-keys-and-valuables']), authorisedProviderEvents());
    expect(events).toEqual([
      {
        type: 'DeauthorisationDecided',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          decisionId: 'd-1',
          conditionIds: ['general-keys-and-valuables'],
          reasons: ['Rutiner för nycklar saknas trots varning.'],
          decidedOn: TODAY,
          effectiveDate: '2025-05-01',
          statusBefore: 'authorised',
        },
      },
    ]);
    expect(schemeRecord([...authorisedProviderEvents(), ...events])).toMatchObject({
      status: 'deauthorised',
      deauthorisation: { decisionId: 'd-1', effectiveDate: '2025-05-01', appeals: [] },
    });
  });

  it('refuses a de-authorisation citing a warning-only condition', () => {
    const error = refusal(
      deauthorise(['general-keys-and-valuables', 'general-manager-change-reported']),
      authorisedProviderEvents(),
    );
    expect(error.code).toBe('CONSEQUENCE_NOT_ALLOWED');
    expect(error.details).toMatchObject({ conditionId: 'general-manager-change-reported' });
  });

  it('refuses a de-authorisation citing no condition', () => {
    expect(refusal(deauthorise([]), authorisedProviderEvents()).code).toBe('INVALID_INPUT');
  });

  it('refuses to de-authorise a provider that is not authorised in the scheme', () => {
    expect(refusal(deauthorise(['general-goals']), [providerRegistered()]).code).toBe(
      'PROVIDER_NOT_AUTHORISED',
    );
    expect(refusal(deauthorise(['general-goals']), [providerRegistered(), applied()]).code).toBe(
      'PROVIDER_NOT_AUTHORISED',
    );
    const already = after(authorisedProviderEvents(), deauthorise(['general-goals']));
    expect(refusal(deauthorise(['general-goals']), already).code).toBe('PROVIDER_NOT_AUTHORISED');
  });

  it('refuses an effective date before the decision', () => {
    expect(
      refusal(deauthorise(['general-goals'], '2025-03-09'), authorisedProviderEvents()).code,
    ).toBe('RETROACTIVE_CHANGE');
  });

  it('can interrupt a withdrawal, and remembers it as the status before', () => {
    const withdrawing: ProviderEvent = {
      type: 'WithdrawalNotified',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        noticeGivenOn: '2025-02-01',
        effectiveDate: '2025-06-01',
      },
    };
    const [event] = decide(deauthorise(['general-goals']), [
      ...authorisedProviderEvents(),
      withdrawing,
    ]);
    expect(event.data).toMatchObject({ statusBefore: 'withdrawn' });
  });
});

describe('appeals against a de-authorisation', () => {
  const deauthorised = after(authorisedProviderEvents(), deauthorise(['general-goals']));

  it('registers an appeal only against a decided de-authorisation', () => {
    expect(refusal(appeal(), authorisedProviderEvents()).code).toBe('NO_DEAUTHORISATION_DECIDED');
    const events = decide(appeal(), deauthorised);
    expect(events[0]).toMatchObject({
      type: 'DeauthorisationAppealed',
      data: { decisionId: 'd-1', appealId: 'a-1', filedOn: TODAY },
    });
    expect(schemeRecord([...deauthorised, ...events]).deauthorisation?.appeals).toEqual([
      {
        appealId: 'a-1',
        court: 'Förvaltningsrätten i Stockholm',
        filedOn: TODAY,
        outcome: 'pending',
        ruledOn: null,
      },
    ]);
  });

  it('refuses a second appeal while one is pending, and a filing date before the decision', () => {
    const appealed = after(deauthorised, appeal());
    expect(refusal(appeal('a-2'), appealed).code).toBe('APPEAL_PENDING');
    expect(refusal(appeal('a-1', '2025-03-01'), deauthorised).code).toBe('INVALID_DATE');
    expect(refusal(appeal('a-1', '2025-03-11'), deauthorised).code).toBe('DATE_IN_FUTURE');
  });

  it('upheld: the de-authorisation stands (and a higher court may be tried)', () => {
    const appealed = after(deauthorised, appeal());
    const upheld = after(appealed, ruling('upheld', 'a-1', '2025-04-01'), '2025-04-02');
    expect(upheld[upheld.length - 1].data).toMatchObject({
      outcome: 'upheld',
      restoredStatus: null,
    });
    const record = schemeRecord(upheld);
    expect(record.status).toBe('deauthorised');
    expect(record.deauthorisation?.appeals[0]).toMatchObject({
      outcome: 'upheld',
      ruledOn: '2025-04-01',
    });
    expect(decide(appeal('a-2', '2025-04-02'), upheld, '2025-04-02')).toHaveLength(1);
  });

  it('overturned: the provider is reinstated to its status before the decision', () => {
    const appealed = after(deauthorised, appeal());
    const overturned = after(appealed, ruling('overturned'));
    expect(overturned[overturned.length - 1].data).toMatchObject({
      outcome: 'overturned',
      restoredStatus: 'authorised',
    });
    const record = schemeRecord(overturned);
    expect(record.status).toBe('authorised');
    expect(record.deauthorisation).toBeNull();
    // Reinstated means sanctions apply again as to any authorised provider.
    expect(decide(warn('general-goals'), overturned)).toHaveLength(1);
  });

  it('overturned: a provider that was serving its notice goes back to withdrawing', () => {
    const withdrawing: ProviderEvent = {
      type: 'WithdrawalNotified',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        noticeGivenOn: '2025-02-01',
        effectiveDate: '2025-06-01',
      },
    };
    const given = after(
      [...authorisedProviderEvents(), withdrawing],
      deauthorise(['general-goals']),
    );
    const overturned = after(after(given, appeal()), ruling('overturned'));
    expect(schemeRecord(overturned)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { effectiveDate: '2025-06-01' },
      deauthorisation: null,
    });
  });

  it('refuses a ruling on an appeal that is not pending', () => {
    expect(refusal(ruling('upheld'), deauthorised).code).toBe('NO_PENDING_APPEAL');
    const decided = after(after(deauthorised, appeal()), ruling('upheld'));
    expect(refusal(ruling('overturned'), decided).code).toBe('NO_PENDING_APPEAL');
    expect(refusal(ruling('overturned'), authorisedProviderEvents()).code).toBe(
      'NO_DEAUTHORISATION_DECIDED',
    );
  });

  it('refuses a new application while an appeal is pending or before the de-authorisation takes effect', () => {
    const command = {
      type: 'ApplyForAuthorisation',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        applicationId: 'app-2',
        evidence: [],
        scheme: schemeFrom([schemeEstablished(SCHEME_ID)]),
        conditions: [],
      },
    } as const;
    expect(refusal(command, deauthorised).code).toBe('DEAUTHORISATION_IN_PROGRESS');
    expect(refusal(command, after(deauthorised, appeal()), '2025-06-01').code).toBe(
      'APPEAL_PENDING',
    );
    expect(decide(command, deauthorised, '2025-05-01')).toHaveLength(1);
  });
});
