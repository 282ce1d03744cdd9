import { toAuthorisationCondition } from '../condition/authorisation-condition';
import { SchemeEvent } from '../scheme/scheme.events';
import {
  applied,
  authorisedProviderEvents,
  contextOn,
  GENERAL_CONDITIONS,
  granted,
  providerFrom,
  providerRegistered,
  schemeEstablished,
  schemeFrom,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideProvider } from './decide-provider';
import { ApplyForAuthorisation, ProviderCommand } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { ProviderState, RegisteredProvider } from './provider.state';

const SCHEME_ID = 'hemtjanst';
const lovScheme = schemeFrom([schemeEstablished(SCHEME_ID, 'lov')]);
const schoolScheme = schemeFrom([schemeEstablished('grundskola', 'school_act')]);

function decide(command: ProviderCommand, given: ProviderEvent[], today = TODAY) {
  return decideProvider(command, providerFrom(given), contextOn(today));
}
function refusal(command: ProviderCommand, given: ProviderEvent[], today = TODAY) {
  return thrownBy(() => decide(command, given, today));
}
function evolved(given: ProviderEvent[], command: ProviderCommand, today = TODAY) {
  return providerFrom([...given, ...decide(command, given, today)]) as RegisteredProvider;
}

// Conditions shown at authorisation in the Nacka catalogue: goals and competent manager.
const FULL_EVIDENCE = [
  { conditionId: 'general-goals', description: 'Verksamhetsplan 2025', documentRef: 'dnr-1' },
  { conditionId: 'general-competent-manager', description: 'CV och examensbevis' },
];

const apply = (overrides: Partial<ApplyForAuthorisation['data']> = {}): ApplyForAuthorisation => ({
  type: 'ApplyForAuthorisation',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME_ID,
    applicationId: 'app-2',
    evidence: FULL_EVIDENCE,
    scheme: lovScheme,
    conditions: GENERAL_CONDITIONS,
    ...overrides,
  },
});

describe('applying for authorisation', () => {
  it('records the application with evidence for each at_authorisation condition', () => {
    const events = decide(apply(), [providerRegistered()]);
    expect(events).toEqual([
      {
        type: 'AuthorisationApplied',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          applicationId: 'app-2',
          evidence: [
            {
              conditionId: 'general-goals',
              description: 'Verksamhetsplan 2025',
              documentRef: 'dnr-1',
            },
            {
              conditionId: 'general-competent-manager',
              description: 'CV och examensbevis',
              documentRef: null,
            },
          ],
          appliedOn: TODAY,
        },
      },
    ]);
    const state = providerFrom([providerRegistered(), ...events]) as RegisteredProvider;
    expect(state.schemes[SCHEME_ID]).toMatchObject({ status: 'applied', authorisedOn: null });
  });

  it('refuses an application missing evidence for an at_authorisation condition', () => {
    const error = refusal(apply({ evidence: [FULL_EVIDENCE[0]] }), [providerRegistered()]);
    expect(error.code).toBe('MISSING_EVIDENCE');
    expect(error.details).toEqual({ missingConditionIds: ['general-competent-manager'] });
  });

  it('also requires evidence for the scheme-specific conditions passed in', () => {
    const specific = toAuthorisationCondition(
      {
        conditionId: 'hemtjanst-manager-swedish',
        title: 'Swedish',
        text: 'Verksamhetsansvarig ska behärska svenska.',
        controlPoints: ['at_authorisation'],
        consequence: 'warning_or_deauthorisation',
      },
      SCHEME_ID,
    );
    const error = refusal(apply({ conditions: [...GENERAL_CONDITIONS, specific] }), [
      providerRegistered(),
    ]);
    expect(error.details).toEqual({ missingConditionIds: ['hemtjanst-manager-swedish'] });
  });

  it('refuses evidence for a condition that does not apply, and duplicate evidence', () => {
    expect(
      refusal(
        apply({ evidence: [...FULL_EVIDENCE, { conditionId: 'made-up', description: 'x' }] }),
        [providerRegistered()],
      ).code,
    ).toBe('UNKNOWN_CONDITION');
    expect(
      refusal(apply({ evidence: [...FULL_EVIDENCE, FULL_EVIDENCE[0]] }), [providerRegistered()])
        .code,
    ).toBe('INVALID_INPUT');
  });

  it('refuses to apply in a scheme that is not established, another one, or closed', () => {
    expect(refusal(apply({ scheme: schemeFrom([]) }), [providerRegistered()]).code).toBe(
      'SCHEME_NOT_ESTABLISHED',
    );
    expect(refusal(apply({ scheme: schoolScheme }), [providerRegistered()]).code).toBe(
      'SCHEME_MISMATCH',
    );
    const closed = schemeFrom([
      schemeEstablished(SCHEME_ID),
      {
        type: 'SchemeClosed',
        data: { schemeId: SCHEME_ID, closingDate: '2025-12-31', reason: 'x', closedOn: TODAY },
      } as SchemeEvent,
    ]);
    expect(refusal(apply({ scheme: closed }), [providerRegistered()]).code).toBe('SCHEME_CLOSED');
  });

  it('refuses a second application while one is pending or the provider is authorised', () => {
    expect(refusal(apply(), [providerRegistered(), applied()]).code).toBe('APPLICATION_PENDING');
    expect(refusal(apply(), authorisedProviderEvents()).code).toBe('ALREADY_AUTHORISED');
  });

  it('allows a new application after a rejection', () => {
    const rejected: ProviderEvent = {
      type: 'AuthorisationRejected',
      data: {
        providerId: 'p-1',
        schemeId: SCHEME_ID,
        applicationId: 'app-1',
        reasons: ['Saknar rutiner.'],
        decidedOn: '2011-03-01',
      },
    };
    expect(decide(apply(), [providerRegistered(), applied(), rejected])).toHaveLength(1);
  });
});

describe('deciding the application', () => {
  const given = [providerRegistered(), applied()];
  const grant = (applicationId = 'app-1') =>
    ({
      type: 'GrantAuthorisation',
      data: { providerId: 'p-1', schemeId: SCHEME_ID, applicationId, scheme: lovScheme },
    }) as const;
  const reject = (reasons: string[]) =>
    ({
      type: 'RejectAuthorisation',
      data: { providerId: 'p-1', schemeId: SCHEME_ID, applicationId: 'app-1', reasons },
    }) as const;

  it('grants the pending application: authorised from today', () => {
    const state = evolved(given, grant());
    expect(state.schemes[SCHEME_ID]).toMatchObject({
      status: 'authorised',
      authorisedOn: TODAY,
      everAuthorised: true,
    });
  });

  it('rejects with reasons', () => {
    const state = evolved(given, reject(['Verksamhetsplan saknas.']));
    expect(state.schemes[SCHEME_ID]).toMatchObject({
      status: 'rejected',
      rejection: { decidedOn: TODAY, reasons: ['Verksamhetsplan saknas.'] },
    });
    expect(refusal(reject([]), given).code).toBe('INVALID_INPUT');
  });

  it('refuses to decide an application that is not pending', () => {
    expect(refusal(grant('app-9'), given).code).toBe('NO_PENDING_APPLICATION');
    expect(refusal(grant(), [providerRegistered()]).code).toBe('NO_PENDING_APPLICATION');
    expect(refusal(grant(), [...given, granted()]).code).toBe('NO_PENDING_APPLICATION');
  });
});

describe('contract and capacity', () => {
  const sign = (scheme = lovScheme, schemeId = SCHEME_ID) =>
    ({
      type: 'SignContract',
      data: { providerId: 'p-1', schemeId, contractId: 'avtal-7', scheme },
    }) as const;
  const declare = (ceiling: number | null) =>
    ({
      type: 'DeclareCapacity',
      data: { providerId: 'p-1', schemeId: SCHEME_ID, ceiling },
    }) as const;

  it('signs the contract of an authorised provider in a LOV scheme', () => {
    const state = evolved(authorisedProviderEvents('p-1', 'Omsorg AB', SCHEME_ID, false), sign());
    expect(state.schemes[SCHEME_ID].contract).toEqual({ contractId: 'avtal-7', signedOn: TODAY });
  });

  it('refuses a contract outside LOV, before authorisation, or twice', () => {
    expect(
      refusal(sign(schoolScheme, 'grundskola'), authorisedProviderEvents('p-1', 'A', 'grundskola'))
        .code,
    ).toBe('CONTRACT_NOT_APPLICABLE');
    expect(refusal(sign(), [providerRegistered(), applied()]).code).toBe('PROVIDER_NOT_AUTHORISED');
    expect(refusal(sign(), authorisedProviderEvents()).code).toBe('CONTRACT_ALREADY_SIGNED');
  });

  it('declares a non-negative integer ceiling, or removes it', () => {
    expect(evolved(authorisedProviderEvents(), declare(25)).schemes[SCHEME_ID].capacity).toBe(25);
    expect(evolved(authorisedProviderEvents(), declare(0)).schemes[SCHEME_ID].capacity).toBe(0);
    expect(evolved(authorisedProviderEvents(), declare(null)).schemes[SCHEME_ID].capacity).toBe(
      null,
    );
    expect(evolved([providerRegistered(), applied()], declare(5)).schemes[SCHEME_ID].capacity).toBe(
      5,
    );
  });

  it.each([-1, 2.5, Number.NaN])('refuses the ceiling %p with INVALID_CAPACITY', (ceiling) => {
    expect(refusal(declare(ceiling), authorisedProviderEvents()).code).toBe('INVALID_CAPACITY');
  });

  it('refuses capacity for a scheme the provider is not in', () => {
    expect(refusal(declare(5), [providerRegistered()]).code).toBe('PROVIDER_NOT_AUTHORISED');
  });
});

describe("provider's own withdrawal", () => {
  const withdraw = (effectiveDate: string) =>
    ({
      type: 'NotifyWithdrawal',
      data: { providerId: 'p-1', schemeId: SCHEME_ID, effectiveDate, scheme: lovScheme },
    }) as const;

  it('takes effect no earlier than the notice period (3 months) after today', () => {
    const error = refusal(withdraw('2025-06-09'), authorisedProviderEvents());
    expect(error.code).toBe('NOTICE_PERIOD_TOO_SHORT');
    expect(error.details).toMatchObject({ earliestEffectiveDate: '2025-06-10' });
    const state = evolved(authorisedProviderEvents(), withdraw('2025-06-10'));
    expect(state.schemes[SCHEME_ID]).toMatchObject({
      status: 'withdrawn',
      withdrawal: { noticeGivenOn: TODAY, effectiveDate: '2025-06-10' },
    });
  });

  it('uses the notice period set on the scheme', () => {
    const oneMonth = schemeFrom([
      {
        ...schemeEstablished(SCHEME_ID),
        data: { ...schemeEstablished(SCHEME_ID).data, withdrawalNoticeMonths: 1 },
      } as SchemeEvent,
    ]);
    const command = {
      ...withdraw('2025-04-10'),
      data: { ...withdraw('2025-04-10').data, scheme: oneMonth },
    };
    expect(decide(command, authorisedProviderEvents())).toHaveLength(1);
  });

  it('refuses a second notice and a notice from a provider that is not authorised', () => {
    const given = [
      ...authorisedProviderEvents(),
      ...decide(withdraw('2025-07-01'), authorisedProviderEvents()),
    ];
    expect(refusal(withdraw('2025-08-01'), given).code).toBe('WITHDRAWAL_ALREADY_NOTIFIED');
    expect(refusal(withdraw('2025-08-01'), [providerRegistered(), applied()]).code).toBe(
      'PROVIDER_NOT_AUTHORISED',
    );
  });

  it('lets the provider apply again once the withdrawal has taken effect', () => {
    const given = [
      ...authorisedProviderEvents(),
      ...decide(withdraw('2025-07-01'), authorisedProviderEvents()),
    ];
    expect(refusal(apply(), given, '2025-06-30').code).toBe('ALREADY_AUTHORISED');
    const state: ProviderState = evolved(given, apply(), '2025-07-01');
    expect(state.status === 'registered' && state.schemes[SCHEME_ID]).toMatchObject({
      status: 'applied',
      everAuthorised: true,
      withdrawal: null,
    });
  });
});
