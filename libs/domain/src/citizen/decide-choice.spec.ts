import { isChoosable } from '../provider/choosability';
import { ProviderEvent } from '../provider/provider.events';
import {
  authorisedProviderEvents,
  contextOn,
  providerFrom,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideEntitlement } from './decide-entitlement';
import {
  AssignNonChoiceProvider,
  EntitlementCommand,
  PlaceByAdmission,
  RegisterChoice,
} from './entitlement.commands';
import { EntitlementEvent } from './entitlement.events';
import { placementOn, providerOn } from './entitlement.queries';
import { GrantedEntitlement } from './entitlement.state';
import {
  choiceRegistered,
  CHOOSABLE,
  entitlementFrom,
  entitlementGranted,
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

const choose = (
  providerId: string,
  effectiveDate: string,
  extra: Partial<RegisterChoice['data']> = {},
): RegisterChoice => ({
  type: 'RegisterChoice',
  data: {
    entitlementId: 'e-1',
    providerId,
    effectiveDate,
    madeBy: 'guardian',
    channel: 'web',
    actorRole: 'guardian',
    choosability: CHOOSABLE,
    ...extra,
  },
});

const GRANTED = entitlementGranted(); // preschool from 2025-01-01, deadline 2024-12-15
const PLACED = [GRANTED, choiceRegistered('p-1', '2025-01-01')];

describe('registering a first choice', () => {
  it('records the choice, who made it and through which channel', () => {
    expect(decide(choose('p-1', '2025-04-01'), [GRANTED])).toEqual([
      {
        type: 'ChoiceRegistered',
        data: {
          entitlementId: 'e-1',
          citizenId: 'c-1',
          schemeId: 'forskola',
          providerId: 'p-1',
          effectiveDate: '2025-04-01',
          kind: 'first_choice',
          madeBy: 'guardian',
          channel: 'web',
          previousProviderId: null,
          switchReason: null,
          nonChoiceCause: null,
          admission: null,
          reason: null,
          registeredOn: TODAY,
        },
      },
    ]);
    const state = after([GRANTED], choose('p-1', '2025-04-01'));
    expect(state.placements).toEqual([
      { providerId: 'p-1', from: '2025-04-01', to: null, kind: 'first_choice' },
    ]);
    expect(providerOn(state, '2025-03-31')).toBeNull();
    expect(providerOn(state, '2025-04-01')).toBe('p-1');
  });

  it('accepts today as effective date from anyone', () => {
    expect(
      decide(choose('p-1', TODAY, { madeBy: 'citizen', actorRole: 'citizen' }), [GRANTED]),
    ).toHaveLength(1);
  });

  it('refuses a provider that is not choosable then, saying why', () => {
    const error = refusal(
      choose('p-1', '2025-04-01', { choosability: { choosable: false, reason: 'DEAUTHORISED' } }),
      [GRANTED],
    );
    expect(error.code).toBe('PROVIDER_NOT_CHOOSABLE');
    expect(error.message).toContain('de-authorised');
    expect(error.details).toEqual({
      providerId: 'p-1',
      date: '2025-04-01',
      reason: 'DEAUTHORISED',
    });
  });

  it('takes the choosability the caller computed with isChoosable', () => {
    const deauthorisation: ProviderEvent = {
      type: 'DeauthorisationDecided',
      data: {
        providerId: 'p-1',
        schemeId: 'forskola',
        decisionId: 'd-1',
        conditionIds: ['general-goals'],
        reasons: ['Brister.'],
        decidedOn: '2025-03-01',
        effectiveDate: '2025-06-01',
        statusBefore: 'authorised',
      },
    };
    const provider = providerFrom([
      ...authorisedProviderEvents('p-1', 'A', 'forskola', false),
      deauthorisation,
    ]);
    const choosability = isChoosable(provider, PRESCHOOL, '2025-04-01');
    expect(refusal(choose('p-1', '2025-04-01', { choosability }), [GRANTED]).details).toMatchObject(
      {
        reason: 'DEAUTHORISED',
      },
    );
  });

  it('refuses a malformed choosability', () => {
    const command = choose('p-1', '2025-04-01', { choosability: undefined as never });
    expect(refusal(command, [GRANTED]).details).toMatchObject({ field: 'choosability' });
  });

  it('refuses an effective date outside the entitlement', () => {
    expect(
      refusal(choose('p-1', '2024-12-31', { actorRole: 'caseworker', reason: 'x' }), [GRANTED])
        .code,
    ).toBe('NOT_ENTITLED_ON_DATE');
    expect(
      refusal(choose('p-1', '2026-01-01'), [entitlementGranted({ validTo: '2025-12-31' })]).code,
    ).toBe('NOT_ENTITLED_ON_DATE');
    const ended: EntitlementEvent = {
      type: 'EntitlementEnded',
      data: { entitlementId: 'e-1', endDate: '2025-05-31', reason: 'Flytt.', endedOn: TODAY },
    };
    expect(refusal(choose('p-1', '2025-06-01'), [GRANTED, ended]).code).toBe('ENTITLEMENT_ENDED');
  });

  it('refuses an entitlement not granted', () => {
    expect(refusal(choose('p-1', '2025-04-01'), []).code).toBe('ENTITLEMENT_NOT_FOUND');
  });

  it.each([
    [{ madeBy: 'municipality' }, 'madeBy'],
    [{ channel: 'system' }, 'channel'],
    [{ actorRole: 'admin' }, 'actorRole'],
    [{ switchReason: 'bored' }, 'switchReason'],
    [{ providerId: '' }, 'providerId'],
    [{ switchNoticeDays: -1 }, 'switchNoticeDays'],
    [{ reason: 42 }, 'reason'],
  ])('refuses %p as invalid input', (extra, field) => {
    const error = refusal(choose('p-1', '2025-04-01', extra as never), [GRANTED]);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ field });
  });
});

describe('backdating', () => {
  it('refuses a backdated choice unless a caseworker registers it', () => {
    expect(refusal(choose('p-1', '2025-03-09'), [GRANTED]).code).toBe('BACKDATING_NOT_ALLOWED');
    expect(
      refusal(choose('p-1', '2025-03-01', { madeBy: 'caseworker', channel: 'paper' }), [GRANTED])
        .code,
    ).toBe('BACKDATING_NOT_ALLOWED');
  });

  it('needs a reason from the caseworker', () => {
    const byCaseworker = { actorRole: 'caseworker', channel: 'paper' } as const;
    expect(refusal(choose('p-1', '2025-03-01', byCaseworker), [GRANTED]).code).toBe(
      'REASON_REQUIRED',
    );
    expect(
      refusal(choose('p-1', '2025-03-01', { ...byCaseworker, reason: '  ' }), [GRANTED]).code,
    ).toBe('REASON_REQUIRED');
    const events = decide(
      choose('p-1', '2025-03-01', { ...byCaseworker, reason: ' Pappersblankett inkom 28/2. ' }),
      [GRANTED],
    );
    expect(events[0].data).toMatchObject({
      effectiveDate: '2025-03-01',
      madeBy: 'guardian',
      channel: 'paper',
      reason: 'Pappersblankett inkom 28/2.',
    });
  });
});

describe('switching provider (rösta med fötterna)', () => {
  it('ends the old placement the day before and starts the new one', () => {
    const command = choose('p-2', '2025-04-01', { switchReason: 'unhappy' });
    expect(decide(command, PLACED)[0].data).toMatchObject({
      providerId: 'p-2',
      kind: 'switch',
      previousProviderId: 'p-1',
      switchReason: 'unhappy',
    });
    const state = after(PLACED, command);
    expect(state.placements).toEqual([
      { providerId: 'p-1', from: '2025-01-01', to: '2025-03-31', kind: 'first_choice' },
      { providerId: 'p-2', from: '2025-04-01', to: null, kind: 'switch' },
    ]);
    expect(providerOn(state, '2025-03-31')).toBe('p-1');
    expect(providerOn(state, '2025-04-01')).toBe('p-2');
  });

  it('records no switch reason on a first choice', () => {
    expect(
      decide(choose('p-1', '2025-04-01', { switchReason: 'moved' }), [GRANTED])[0].data,
    ).toMatchObject({
      kind: 'first_choice',
      switchReason: null,
    });
  });

  it('refuses the provider the citizen already has then', () => {
    expect(refusal(choose('p-1', '2025-04-01'), PLACED).code).toBe('SAME_PROVIDER');
  });

  it('replaces a switch that has not taken effect yet when a new choice has the same date', () => {
    const given = [...PLACED, choiceRegistered('p-2', '2025-06-01', 'switch')];
    const state = after(given, choose('p-3', '2025-06-01'));
    expect(state.placements).toEqual([
      { providerId: 'p-1', from: '2025-01-01', to: '2025-05-31', kind: 'first_choice' },
      { providerId: 'p-3', from: '2025-06-01', to: null, kind: 'switch' },
    ]);
    expect(decide(choose('p-3', '2025-06-01'), given)[0].data).toMatchObject({
      previousProviderId: 'p-2',
    });
    // Changing one's mind back to the current provider cancels the switch in effect.
    expect(providerOn(after(given, choose('p-1', '2025-06-01')), '2025-06-01')).toBe('p-1');
  });

  it('refuses a choice from before a later registered one', () => {
    const given = [...PLACED, choiceRegistered('p-2', '2025-06-01', 'switch')];
    const error = refusal(choose('p-3', '2025-05-01'), given);
    expect(error.code).toBe('LATER_CHOICE_REGISTERED');
    expect(error.details).toMatchObject({ latestFrom: '2025-06-01' });
  });

  describe('with a notice period (home care)', () => {
    const homeCare = [
      homeCareGranted(),
      choiceRegistered('p-1', '2024-01-01', 'first_choice', { schemeId: 'hemtjanst' }),
    ];
    const switchWithNotice = (effectiveDate: string, extra: Partial<RegisterChoice['data']> = {}) =>
      choose('p-2', effectiveDate, {
        madeBy: 'citizen',
        actorRole: 'citizen',
        switchNoticeDays: 14,
        ...extra,
      });

    it('takes effect no earlier than the notice after today', () => {
      const error = refusal(switchWithNotice('2025-03-23'), homeCare);
      expect(error.code).toBe('NOTICE_PERIOD_NOT_MET');
      expect(error.details).toMatchObject({ earliest: '2025-03-24', noticeDays: 14 });
      expect(decide(switchWithNotice('2025-03-24'), homeCare)[0].data).toMatchObject({
        kind: 'switch',
      });
    });

    it('lets a caseworker register a switch sooner', () => {
      expect(
        decide(switchWithNotice('2025-03-11', { actorRole: 'caseworker' }), homeCare),
      ).toHaveLength(1);
    });

    it('does not delay a first choice', () => {
      expect(decide(switchWithNotice(TODAY), [homeCareGranted()])[0].data).toMatchObject({
        kind: 'first_choice',
      });
    });

    it('applies only when the caller passes a notice period', () => {
      expect(
        decide(switchWithNotice('2025-03-11', { switchNoticeDays: null }), homeCare),
      ).toHaveLength(1);
    });
  });
});

describe('assigning the non-choice alternative', () => {
  const assign = (
    extra: Partial<AssignNonChoiceProvider['data']> = {},
  ): AssignNonChoiceProvider => ({
    type: 'AssignNonChoiceProvider',
    data: {
      entitlementId: 'e-1',
      providerId: 'p-9',
      effectiveDate: TODAY,
      cause: 'no_choice',
      actorRole: 'system',
      choosability: CHOOSABLE,
      ...extra,
    },
  });

  it('places a citizen without a choice after the deadline', () => {
    expect(decide(assign(), [GRANTED])[0].data).toMatchObject({
      providerId: 'p-9',
      effectiveDate: TODAY,
      kind: 'non_choice',
      madeBy: 'municipality',
      channel: 'system',
      nonChoiceCause: 'no_choice',
      previousProviderId: null,
    });
  });

  it('waits for the deadline unless a caseworker assigns', () => {
    const open = [entitlementGranted({ validFrom: '2025-08-01', choiceDeadline: '2025-05-31' })];
    const early = assign({ effectiveDate: '2025-08-01' });
    expect(refusal(early, open).code).toBe('CHOICE_DEADLINE_NOT_PASSED');
    expect(decide(early, open, '2025-06-01')).toHaveLength(1);
    expect(
      decide(assign({ effectiveDate: '2025-08-01', actorRole: 'caseworker' }), open)[0].data,
    ).toMatchObject({
      channel: 'caseworker',
    });
    const noDeadline = [entitlementGranted({ choiceDeadline: null })];
    expect(refusal(assign(), noDeadline).code).toBe('CHOICE_DEADLINE_NOT_PASSED');
  });

  it('does nothing once a choice has been registered', () => {
    expect(decide(assign(), PLACED)).toEqual([]);
  });

  it('is not backdated by the system for a missed deadline', () => {
    expect(refusal(assign({ effectiveDate: '2025-03-01', reason: 'x' }), [GRANTED]).code).toBe(
      'BACKDATING_NOT_ALLOWED',
    );
  });

  it('refuses a non-choice provider that is not choosable, and a citizen as actor', () => {
    expect(
      refusal(assign({ choosability: { choosable: false, reason: 'CONTRACT_NOT_SIGNED' } }), [
        GRANTED,
      ]).code,
    ).toBe('PROVIDER_NOT_CHOOSABLE');
    expect(refusal(assign({ actorRole: 'citizen' as never }), [GRANTED]).code).toBe(
      'INVALID_INPUT',
    );
  });

  describe('when the provider leaves the scheme', () => {
    const leaving = (extra: Partial<AssignNonChoiceProvider['data']> = {}) =>
      assign({
        cause: 'provider_leaving',
        leavingProviderId: 'p-1',
        effectiveDate: '2025-05-01',
        ...extra,
      });

    it('moves the citizen from the leaving provider on its leaving date', () => {
      expect(decide(leaving(), PLACED)[0].data).toMatchObject({
        providerId: 'p-9',
        effectiveDate: '2025-05-01',
        kind: 'non_choice',
        nonChoiceCause: 'provider_leaving',
        previousProviderId: 'p-1',
      });
      const state = after(PLACED, leaving());
      expect(placementOn(state, '2025-04-30')?.providerId).toBe('p-1');
      expect(placementOn(state, '2025-05-01')?.providerId).toBe('p-9');
    });

    it('does nothing when the citizen has already chosen someone else', () => {
      expect(
        decide(leaving(), [...PLACED, choiceRegistered('p-2', '2025-05-01', 'switch')]),
      ).toEqual([]);
      expect(
        decide(leaving(), [...PLACED, choiceRegistered('p-2', '2025-04-01', 'switch')]),
      ).toEqual([]);
    });

    it('needs the leaving provider', () => {
      expect(refusal(leaving({ leavingProviderId: null }), PLACED).details).toMatchObject({
        field: 'leavingProviderId',
      });
    });

    it('may be backdated to the leaving date by the system, with a reason', () => {
      const late = leaving({ effectiveDate: '2025-03-01' });
      expect(refusal(late, PLACED).code).toBe('REASON_REQUIRED');
      expect(
        decide(
          { ...late, data: { ...late.data, reason: 'Avauktoriserad från 2025-03-01.' } },
          PLACED,
        ),
      ).toHaveLength(1);
    });

    it('lets the citizen still choose on the same date, replacing the assignment', () => {
      const given = [...PLACED, ...decide(leaving(), PLACED)];
      const events = decide(choose('p-2', '2025-05-01'), given);
      expect(events[0].data).toMatchObject({ kind: 'switch', previousProviderId: 'p-9' });
      expect(entitlementFrom([...given, ...events])).toMatchObject({
        placements: [
          { providerId: 'p-1', from: '2025-01-01', to: '2025-04-30' },
          { providerId: 'p-2', from: '2025-05-01', to: null },
        ],
      });
    });
  });
});

describe('placing by school admission', () => {
  const place = (extra: Partial<PlaceByAdmission['data']> = {}): PlaceByAdmission => ({
    type: 'PlaceByAdmission',
    data: {
      entitlementId: 'e-1',
      providerId: 's-1',
      effectiveDate: '2025-08-18',
      roundId: 'grundskola.2025',
      preferenceMet: 2,
      actorRole: 'system',
      choosability: CHOOSABLE,
      ...extra,
    },
  });

  it('records the round and the preference met', () => {
    expect(decide(place(), [GRANTED])[0].data).toMatchObject({
      providerId: 's-1',
      kind: 'admission',
      madeBy: 'municipality',
      channel: 'system',
      admission: { roundId: 'grundskola.2025', preferenceMet: 2 },
      nonChoiceCause: null,
    });
  });

  it('records a placement by the non-choice rule with its cause', () => {
    expect(
      decide(place({ preferenceMet: null, nonChoiceCause: 'no_preference_met' }), [GRANTED])[0]
        .data,
    ).toMatchObject({
      kind: 'non_choice',
      nonChoiceCause: 'no_preference_met',
      admission: { roundId: 'grundskola.2025', preferenceMet: null },
    });
    expect(refusal(place({ preferenceMet: null }), [GRANTED]).details).toMatchObject({
      field: 'nonChoiceCause',
    });
  });

  it('does nothing when the pupil is already placed there (a re-run, or staying on)', () => {
    const given = [GRANTED, ...decide(place(), [GRANTED])];
    expect(decide(place(), given)).toEqual([]);
    expect(decide(place({ providerId: 'p-1' }), PLACED)).toEqual([]);
  });

  it('refuses a rank outside 1–5', () => {
    expect(refusal(place({ preferenceMet: 6 }), [GRANTED]).details).toMatchObject({
      field: 'preferenceMet',
    });
  });
});
