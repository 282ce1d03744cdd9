import { decideScheme } from './decide-scheme';
import { SchemeCommand } from './scheme.commands';
import { SchemeEvent } from './scheme.events';
import { evolveScheme, initialSchemeState, SchemeState } from './scheme.state';
import {
  authorisedProviderEvents,
  contextOn,
  providerFrom,
  providerRegistered,
  schemeEstablished,
  schemeFrom,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';

const SCHEME_ID = 'hemtjanst';

function decide(command: SchemeCommand, given: SchemeEvent[] = [schemeEstablished()]) {
  return decideScheme(command, schemeFrom(given), contextOn());
}

function refusal(command: SchemeCommand, given: SchemeEvent[] = [schemeEstablished()]) {
  return thrownBy(() => decide(command, given));
}

const scheduleRate = (effectiveDate: string, amountOre: number = 45_000, level = 'standard') =>
  ({
    type: 'ScheduleRate',
    data: { schemeId: SCHEME_ID, level, amountOre, effectiveDate },
  }) as const;

describe('establishing a scheme', () => {
  const establish = {
    type: 'EstablishScheme',
    data: {
      schemeId: SCHEME_ID,
      name: '  Hemtjänst  ',
      legalBasis: 'lov',
      paymentModel: 'hourly',
      startDate: '1992-01-01',
    },
  } as const;

  it('records the scheme with 6 % VAT compensation and 3 months notice by default', () => {
    expect(decide(establish, [])).toEqual([
      {
        type: 'SchemeEstablished',
        data: {
          schemeId: SCHEME_ID,
          name: 'Hemtjänst',
          legalBasis: 'lov',
          paymentModel: 'hourly',
          startDate: '1992-01-01',
          vatCompensationBasisPoints: 600,
          withdrawalNoticeMonths: 3,
          establishedOn: TODAY,
        },
      },
    ]);
  });

  it('evolves into an open scheme whose VAT history starts at the start date', () => {
    const state = decide(establish, []).reduce(evolveScheme, initialSchemeState());
    expect(state).toMatchObject({
      status: 'established',
      schemeId: SCHEME_ID,
      vatCompensation: [{ basisPoints: 600, effectiveDate: '1992-01-01' }],
      rates: [],
      nonChoiceProviderId: null,
      closingDate: null,
    });
  });

  it('refuses to establish a scheme twice', () => {
    expect(refusal(establish).code).toBe('SCHEME_ALREADY_ESTABLISHED');
  });

  it.each([
    [{ legalBasis: 'municipal_act' }, 'INVALID_INPUT'],
    [{ paymentModel: 'weekly' }, 'INVALID_INPUT'],
    [{ startDate: '2023-02-29' }, 'INVALID_DATE'],
    [{ vatCompensationBasisPoints: 6.5 }, 'INVALID_INPUT'],
    [{ withdrawalNoticeMonths: -1 }, 'INVALID_INPUT'],
    [{ schemeId: '' }, 'INVALID_INPUT'],
  ])('refuses %p with %s', (overrides, code) => {
    const command = { ...establish, data: { ...establish.data, ...overrides } } as SchemeCommand;
    expect(refusal(command, []).code).toBe(code);
  });

  it('refuses commands on a scheme that does not exist', () => {
    expect(refusal(scheduleRate(TODAY), []).code).toBe('SCHEME_NOT_ESTABLISHED');
  });

  it('refuses a command addressed to another scheme', () => {
    expect(refusal(scheduleRate(TODAY), [schemeEstablished('grundskola')]).code).toBe(
      'SCHEME_MISMATCH',
    );
  });
});

describe('scheduling rates', () => {
  it('schedules a rate from today or later as a new event', () => {
    expect(decide(scheduleRate('2025-07-01', 46_500))).toEqual([
      {
        type: 'SchemeRateScheduled',
        data: {
          schemeId: SCHEME_ID,
          level: 'standard',
          amountOre: 46_500,
          effectiveDate: '2025-07-01',
          scheduledOn: TODAY,
        },
      },
    ]);
    expect(decide(scheduleRate(TODAY))).toHaveLength(1);
  });

  it('never changes a rate retroactively', () => {
    const error = refusal(scheduleRate('2025-03-09'));
    expect(error.code).toBe('RETROACTIVE_CHANGE');
    expect(error.details).toMatchObject({ effectiveDate: '2025-03-09', today: TODAY });
  });

  it('refuses to replace a rate already in force today, but lets a future one be corrected', () => {
    const given: SchemeEvent[] = [
      schemeEstablished(),
      ...decide(scheduleRate(TODAY)),
      ...decide(scheduleRate('2025-07-01')),
    ];
    expect(refusal(scheduleRate(TODAY, 50_000), given).code).toBe('RETROACTIVE_CHANGE');
    expect(decide(scheduleRate('2025-07-01', 47_000), given)).toHaveLength(1);
    expect(decide(scheduleRate(TODAY, 50_000, 'other-level'), given)).toHaveLength(1);
  });

  it.each([
    [450.5, 'INVALID_MONEY'],
    [0, 'INVALID_MONEY'],
    [-100, 'INVALID_MONEY'],
  ])('refuses the amount %p with %s', (amount, code) => {
    expect(refusal(scheduleRate('2025-07-01', amount)).code).toBe(code);
  });

  it('refuses an impossible effective date', () => {
    expect(refusal(scheduleRate('2025-06-31')).code).toBe('INVALID_DATE');
  });

  it('keeps the whole rate history in the state', () => {
    const state = schemeFrom([
      schemeEstablished(),
      ...decide(scheduleRate(TODAY, 45_000)),
      ...decide(scheduleRate('2026-01-01', 47_000)),
    ]);
    expect(state.status === 'established' && state.rates.map((r) => r.amountOre)).toEqual([
      45_000, 47_000,
    ]);
  });
});

describe('VAT compensation', () => {
  const setVat = (basisPoints: number, effectiveDate: string) =>
    ({
      type: 'SetVatCompensation',
      data: { schemeId: SCHEME_ID, basisPoints, effectiveDate },
    }) as const;

  it('sets a new percentage from a future date', () => {
    expect(decide(setVat(800, '2026-01-01'))).toEqual([
      {
        type: 'SchemeVatCompensationSet',
        data: { schemeId: SCHEME_ID, basisPoints: 800, effectiveDate: '2026-01-01', setOn: TODAY },
      },
    ]);
  });

  it('refuses a retroactive change and an out-of-range percentage', () => {
    expect(refusal(setVat(800, '2025-01-01')).code).toBe('RETROACTIVE_CHANGE');
    expect(refusal(setVat(10_500, '2026-01-01')).code).toBe('INVALID_INPUT');
  });
});

describe('scheme-specific conditions', () => {
  const defineCondition = {
    type: 'DefineSchemeCondition',
    data: {
      schemeId: SCHEME_ID,
      conditionId: 'hemtjanst-manager-swedish',
      title: 'Manager speaks Swedish',
      text: 'Verksamhetsansvarig ska behärska svenska.',
      controlPoints: ['at_authorisation', 'follow_up'],
      consequence: 'warning_or_deauthorisation',
    },
  } as const;

  it('defines a condition specific to the scheme', () => {
    const [event] = decide(defineCondition);
    expect(event).toMatchObject({
      type: 'SchemeConditionDefined',
      data: { condition: { scope: 'specific', schemeId: SCHEME_ID } },
    });
    const state = schemeFrom([schemeEstablished(), event]);
    expect(state.status === 'established' && state.conditions).toHaveLength(1);
  });

  it('refuses a duplicate condition id', () => {
    const given = [schemeEstablished(), ...decide(defineCondition)];
    expect(refusal(defineCondition, given).code).toBe('CONDITION_ALREADY_DEFINED');
  });
});

describe('designating the non-choice provider', () => {
  const designate = (provider = providerFrom(authorisedProviderEvents('p-1'))) =>
    ({
      type: 'DesignateNonChoiceProvider',
      data: { schemeId: SCHEME_ID, providerId: 'p-1', provider },
    }) as const;

  it('designates a provider that is choosable in the scheme', () => {
    const [event] = decide(designate());
    expect(event).toEqual({
      type: 'NonChoiceProviderDesignated',
      data: { schemeId: SCHEME_ID, providerId: 'p-1', designatedOn: TODAY },
    });
    const state = schemeFrom([schemeEstablished(), event]);
    expect(state.status === 'established' && state.nonChoiceProviderId).toBe('p-1');
  });

  it('refuses a provider that is not authorised in the scheme', () => {
    const error = refusal(designate(providerFrom([providerRegistered('p-1')])));
    expect(error.code).toBe('NON_CHOICE_PROVIDER_NOT_CHOOSABLE');
    expect(error.details).toMatchObject({ reason: 'NOT_AUTHORISED' });
  });

  it('refuses an id that is not a registered provider', () => {
    expect(refusal(designate(providerFrom([]))).code).toBe('PROVIDER_NOT_REGISTERED');
    expect(refusal(designate(providerFrom(authorisedProviderEvents('p-2')))).code).toBe(
      'PROVIDER_NOT_REGISTERED',
    );
  });
});

describe('closing a scheme', () => {
  const close = (closingDate: string) =>
    ({
      type: 'CloseScheme',
      data: { schemeId: SCHEME_ID, closingDate, reason: 'Fotvårdscheckar upphörde.' },
    }) as const;

  it('closes from a closing date, after which the scheme refuses every change', () => {
    const given = [schemeEstablished(), ...decide(close('2025-12-31'))];
    const state: SchemeState = schemeFrom(given);
    expect(state).toMatchObject({ status: 'closed', closingDate: '2025-12-31' });
    expect(refusal(scheduleRate('2025-06-01'), given).code).toBe('SCHEME_CLOSED');
    expect(refusal(close('2026-01-31'), given).code).toBe('SCHEME_CLOSED');
    expect(
      refusal(
        {
          type: 'SetVatCompensation',
          data: { schemeId: SCHEME_ID, basisPoints: 0, effectiveDate: '2025-06-01' },
        },
        given,
      ).code,
    ).toBe('SCHEME_CLOSED');
  });

  it('refuses a closing date in the past or not after the start date', () => {
    expect(refusal(close('2025-03-09')).code).toBe('RETROACTIVE_CHANGE');
    expect(
      refusal(close('2026-01-01'), [schemeEstablished(SCHEME_ID, 'lov', '2026-06-01')]).code,
    ).toBe('INVALID_DATE');
  });
});

describe('decision context', () => {
  it('refuses to decide without a valid context', () => {
    expect(
      thrownBy(() =>
        decideScheme(scheduleRate(TODAY), schemeFrom([schemeEstablished()]), {
          now: 'now',
          today: TODAY,
        }),
      ).code,
    ).toBe('INVALID_CONTEXT');
  });

  it('refuses an unknown command type', () => {
    const bogus = { type: 'RenameScheme', data: {} } as unknown as SchemeCommand;
    expect(refusal(bogus).code).toBe('INVALID_INPUT');
  });
});
