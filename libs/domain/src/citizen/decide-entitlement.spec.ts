import { SchemeEvent } from '../scheme/scheme.events';
import {
  schemeEstablished,
  schemeFrom,
  contextOn,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideEntitlement } from './decide-entitlement';
import { EntitlementCommand, GrantEntitlement } from './entitlement.commands';
import { entitlementDecider } from './entitlement.decider';
import { EntitlementEvent } from './entitlement.events';
import { isEntitledOn, levelOn, placementOn } from './entitlement.queries';
import { GrantedEntitlement } from './entitlement.state';
import {
  choiceRegistered,
  entitlementFrom,
  entitlementGranted,
  HOME_CARE,
  homeCareGranted,
  PRESCHOOL,
} from './entitlement.test-kit';

function decide(command: EntitlementCommand, given: EntitlementEvent[], today = TODAY) {
  return decideEntitlement(command, entitlementFrom(given), contextOn(today));
}
function refusal(command: EntitlementCommand, given: EntitlementEvent[], today = TODAY) {
  return thrownBy(() => decide(command, given, today));
}
function after(given: EntitlementEvent[], command: EntitlementCommand, today = TODAY) {
  return entitlementFrom([...given, ...decide(command, given, today)]) as GrantedEntitlement;
}

const grantPreschool = (data: Partial<GrantEntitlement['data']> = {}): GrantEntitlement => ({
  type: 'GrantEntitlement',
  data: {
    entitlementId: 'e-1',
    citizenId: '7b0c3c1e-4f55-4a4e-9d8e-0c2f0a9e5b11',
    schemeId: 'forskola',
    decisionRef: ' BUN-2025-3 ',
    level: 'age-1-3',
    validFrom: '2025-08-01',
    choiceDeadline: '2025-05-31',
    scheme: PRESCHOOL,
    ...data,
  },
});

const grantHomeCare = (data: Partial<GrantEntitlement['data']> = {}): GrantEntitlement =>
  grantPreschool({
    schemeId: 'hemtjanst',
    level: 'standard',
    validFrom: '2025-03-01',
    choiceDeadline: null,
    scheme: HOME_CARE,
    grantedHoursPerMonth: 22.5,
    ...data,
  });

describe('granting an entitlement', () => {
  it('records the grant with the pseudonymous citizen id', () => {
    expect(decide(grantPreschool(), [])).toEqual([
      {
        type: 'EntitlementGranted',
        data: {
          entitlementId: 'e-1',
          citizenId: '7b0c3c1e-4f55-4a4e-9d8e-0c2f0a9e5b11',
          schemeId: 'forskola',
          decisionRef: 'BUN-2025-3',
          level: 'age-1-3',
          grantedHoursPerMonth: null,
          validFrom: '2025-08-01',
          validTo: null,
          choiceDeadline: '2025-05-31',
          grantedOn: TODAY,
        },
      },
    ]);
  });

  it('evolves into an entitlement with its first level and no placement', () => {
    const state = after([], grantPreschool({ validTo: '2031-07-31' }));
    expect(state).toMatchObject({
      status: 'granted',
      validTo: '2031-07-31',
      hourly: false,
      placements: [],
      endDate: null,
    });
    expect(levelOn(state, '2025-08-01')).toMatchObject({
      level: 'age-1-3',
      decisionRef: 'BUN-2025-3',
    });
    expect(isEntitledOn(state, '2025-07-31')).toBe(false);
    expect(isEntitledOn(state, '2031-07-31')).toBe(true);
    expect(isEntitledOn(state, '2031-08-01')).toBe(false);
  });

  it('is available as a decider object', () => {
    const events = entitlementDecider.decide(
      grantPreschool(),
      entitlementDecider.initialState(),
      contextOn(),
    );
    expect(
      events.reduce(entitlementDecider.evolve, entitlementDecider.initialState()),
    ).toMatchObject({
      status: 'granted',
      entitlementId: 'e-1',
    });
  });

  it('records granted hours for an hourly scheme and needs them', () => {
    expect(decide(grantHomeCare(), [])[0].data).toMatchObject({ grantedHoursPerMonth: 22.5 });
    expect(after([], grantHomeCare()).hourly).toBe(true);
    expect(refusal(grantHomeCare({ grantedHoursPerMonth: undefined }), []).code).toBe(
      'INVALID_INPUT',
    );
    expect(refusal(grantHomeCare({ grantedHoursPerMonth: 0 }), []).code).toBe('INVALID_INPUT');
    expect(refusal(grantHomeCare({ grantedHoursPerMonth: 10.125 }), []).code).toBe('INVALID_INPUT');
    expect(refusal(grantHomeCare({ grantedHoursPerMonth: 745 }), []).code).toBe('INVALID_INPUT');
  });

  it('refuses granted hours in a scheme that is not paid by the hour', () => {
    expect(refusal(grantPreschool({ grantedHoursPerMonth: 10 }), []).details).toMatchObject({
      field: 'grantedHoursPerMonth',
    });
  });

  it('records a decision made earlier with a validFrom before today', () => {
    expect(
      decide(grantPreschool({ validFrom: '2024-08-01', choiceDeadline: null }), []),
    ).toHaveLength(1);
  });

  it('refuses a second grant in the same stream', () => {
    expect(refusal(grantPreschool(), [entitlementGranted()]).code).toBe(
      'ENTITLEMENT_ALREADY_GRANTED',
    );
  });

  it('refuses a personal identity number as citizen id', () => {
    for (const citizenId of ['19121212-1212', '191212121212', '121212+1212', '1212121212']) {
      expect(refusal(grantPreschool({ citizenId }), []).details).toMatchObject({
        field: 'citizenId',
      });
    }
  });

  it.each([
    [{ validTo: '2025-07-31' }, 'INVALID_DATE'],
    [{ validTo: '2026-07-31', choiceDeadline: '2026-08-01' }, 'INVALID_DATE'],
    [{ validFrom: '1993-12-31' }, 'INVALID_DATE'],
    [{ validFrom: '2025-02-30' }, 'INVALID_DATE'],
    [{ level: 'age 1-3' }, 'INVALID_INPUT'],
    [{ decisionRef: ' ' }, 'INVALID_INPUT'],
    [{ schemeId: 'grundskola' }, 'SCHEME_MISMATCH'],
    [{ scheme: schemeFrom([]) }, 'SCHEME_NOT_ESTABLISHED'],
  ])('refuses %p with %s', (data, code) => {
    expect(refusal(grantPreschool(data as Partial<GrantEntitlement['data']>), []).code).toBe(code);
  });

  it('refuses an entitlement starting on or after the scheme closes', () => {
    const closed: SchemeEvent = {
      type: 'SchemeClosed',
      data: { schemeId: 'hemtjanst', closingDate: '2025-06-01', reason: 'x', closedOn: TODAY },
    };
    const closing = schemeFrom([schemeEstablished(), closed]);
    expect(refusal(grantHomeCare({ scheme: closing, validFrom: '2025-06-01' }), []).code).toBe(
      'SCHEME_CLOSED',
    );
    expect(decide(grantHomeCare({ scheme: closing, validFrom: '2025-05-31' }), [])).toHaveLength(1);
  });
});

describe('changing the level', () => {
  const change = (level: string, effectiveDate: string, extra: object = {}) =>
    ({
      type: 'ChangeEntitlementLevel',
      data: { entitlementId: 'e-1', level, effectiveDate, ...extra },
    }) as const;

  it('records the new level from its effective date and keeps the history', () => {
    const state = after(
      [entitlementGranted()],
      change('age-4-5', '2026-01-01', { decisionRef: 'B-9' }),
    );
    expect(state.levels).toHaveLength(2);
    expect(levelOn(state, '2025-12-31')?.level).toBe('age-1-3');
    expect(levelOn(state, '2026-01-01')).toMatchObject({
      level: 'age-4-5',
      grantedHoursPerMonth: null,
      decisionRef: 'B-9',
      recordedOn: TODAY,
    });
  });

  it('may take effect before today (a decision recorded late)', () => {
    expect(decide(change('age-4-5', '2025-02-01'), [entitlementGranted()])).toHaveLength(1);
  });

  it('keeps the granted hours unless the revised decision changes them', () => {
    const given = [homeCareGranted()];
    expect(decide(change('extended', '2025-04-01'), given)[0].data).toMatchObject({
      grantedHoursPerMonth: 20,
    });
    const revised = after(given, change('standard', '2025-04-01', { grantedHoursPerMonth: 35 }));
    expect(levelOn(revised, '2025-04-01')).toMatchObject({
      level: 'standard',
      grantedHoursPerMonth: 35,
    });
    expect(levelOn(revised, '2025-03-31')?.grantedHoursPerMonth).toBe(20);
  });

  it('does nothing when the same level and hours are already in force', () => {
    expect(decide(change('age-1-3', '2025-06-01'), [entitlementGranted()])).toEqual([]);
    expect(
      decide(change('standard', '2025-06-01', { grantedHoursPerMonth: 20 }), [homeCareGranted()]),
    ).toEqual([]);
  });

  it('refuses hours for a scheme not paid by the hour', () => {
    expect(
      refusal(change('age-4-5', '2026-01-01', { grantedHoursPerMonth: 5 }), [entitlementGranted()])
        .code,
    ).toBe('INVALID_INPUT');
  });

  it('refuses a date outside the entitlement', () => {
    expect(refusal(change('age-4-5', '2024-12-31'), [entitlementGranted()]).code).toBe(
      'NOT_ENTITLED_ON_DATE',
    );
    const ended = [entitlementGranted(), entitlementEnded('2025-06-30')];
    expect(refusal(change('age-4-5', '2025-07-01'), ended).code).toBe('ENTITLEMENT_ENDED');
    expect(decide(change('age-4-5', '2025-06-01'), ended)).toHaveLength(1);
  });

  it('refuses an entitlement that does not exist or is another one', () => {
    expect(refusal(change('age-4-5', '2026-01-01'), []).code).toBe('ENTITLEMENT_NOT_FOUND');
    expect(
      refusal(change('age-4-5', '2026-01-01'), [entitlementGranted({ entitlementId: 'e-2' })]).code,
    ).toBe('ENTITLEMENT_MISMATCH');
  });
});

function entitlementEnded(endDate: string): EntitlementEvent {
  return {
    type: 'EntitlementEnded',
    data: { entitlementId: 'e-1', endDate, reason: 'Flyttat från kommunen.', endedOn: endDate },
  };
}

describe('ending an entitlement', () => {
  const end = (endDate: string, reason = 'Flyttat från kommunen.') =>
    ({ type: 'EndEntitlement', data: { entitlementId: 'e-1', endDate, reason } }) as const;

  it('records the last day and ends the running placement that day', () => {
    const given = [entitlementGranted(), choiceRegistered('p-1', '2025-01-01')];
    expect(decide(end('2025-06-30'), given)).toEqual([
      {
        type: 'EntitlementEnded',
        data: {
          entitlementId: 'e-1',
          endDate: '2025-06-30',
          reason: 'Flyttat från kommunen.',
          endedOn: TODAY,
        },
      },
    ]);
    const state = after(given, end('2025-06-30'));
    expect(state).toMatchObject({ status: 'ended', endDate: '2025-06-30' });
    expect(state.placements).toEqual([
      { providerId: 'p-1', from: '2025-01-01', to: '2025-06-30', kind: 'first_choice' },
    ]);
    expect(placementOn(state, '2025-07-01')).toBeUndefined();
    expect(isEntitledOn(state, '2025-07-01')).toBe(false);
  });

  it('cancels a placement that would start after the last day', () => {
    const given = [
      entitlementGranted(),
      choiceRegistered('p-1', '2025-01-01'),
      choiceRegistered('p-2', '2025-08-01', 'switch'),
    ];
    expect(after(given, end('2025-06-30')).placements).toEqual([
      { providerId: 'p-1', from: '2025-01-01', to: '2025-06-30', kind: 'first_choice' },
    ]);
  });

  it('can end an entitlement before it took effect (the day before validFrom)', () => {
    const state = after([entitlementGranted()], end('2024-12-31', 'Beslutet återkallat.'));
    expect(isEntitledOn(state, '2025-01-01')).toBe(false);
    expect(refusal(end('2024-12-30'), [entitlementGranted()]).code).toBe('INVALID_DATE');
  });

  it('refuses an end after validTo, without a reason, or twice', () => {
    expect(refusal(end('2026-01-01'), [entitlementGranted({ validTo: '2025-12-31' })]).code).toBe(
      'INVALID_DATE',
    );
    expect(refusal(end('2025-06-30', '  '), [entitlementGranted()]).code).toBe('INVALID_INPUT');
    expect(
      refusal(end('2025-05-31'), [entitlementGranted(), entitlementEnded('2025-06-30')]).code,
    ).toBe('ENTITLEMENT_ENDED');
  });
});
