import { EntitlementEvent } from '../citizen/entitlement.events';
import {
  choiceRegistered,
  entitlementFrom,
  entitlementGranted,
  homeCareGranted,
} from '../citizen/entitlement.test-kit';
import { ProviderEvent } from '../provider/provider.events';
import { SchemeEvent } from '../scheme/scheme.events';
import {
  authorisedProviderEvents,
  providerFrom,
  schemeEstablished,
  schemeFrom,
} from '../testing/domain-test-kit';
import { planNonChoiceAssignments } from './non-choice-plan';
import { departureOf, entitlementsToReassign } from './reassignment';

const SCHEME = 'hemtjanst';
const scheme = schemeFrom([
  schemeEstablished(),
  {
    type: 'NonChoiceProviderDesignated',
    data: { schemeId: SCHEME, providerId: 'kommunen', designatedOn: '2012-01-01' },
  } satisfies SchemeEvent,
]);
const deauthorisation: ProviderEvent = {
  type: 'DeauthorisationDecided',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME,
    decisionId: 'd-1',
    conditionIds: ['general-goals'],
    reasons: ['Brister.'],
    decidedOn: '2025-03-01',
    effectiveDate: '2025-05-01',
    statusBefore: 'authorised',
  },
};
const leavingProvider = providerFrom([
  ...authorisedProviderEvents('p-1', 'Omsorg AB'),
  deauthorisation,
]);
const providers = [
  leavingProvider,
  providerFrom(authorisedProviderEvents('p-2', 'Bra Omsorg AB')),
  providerFrom(authorisedProviderEvents('kommunen', 'Nacka hemtjänst')),
];

function entitlement(n: number, ...history: Array<[string, string] | EntitlementEvent>) {
  const ids = { entitlementId: `e-${n}`, citizenId: `c-${n}`, schemeId: SCHEME };
  return entitlementFrom([
    homeCareGranted({ entitlementId: ids.entitlementId, citizenId: ids.citizenId }),
    ...history.map((step, index) =>
      Array.isArray(step)
        ? choiceRegistered(step[0], step[1], index === 0 ? 'first_choice' : 'switch', ids)
        : step,
    ),
  ]);
}
const endedOn = (n: number, endDate: string): EntitlementEvent => ({
  type: 'EntitlementEnded',
  data: { entitlementId: `e-${n}`, endDate, reason: 'Flytt.', endedOn: endDate },
});

const entitlements = [
  entitlement(3, ['p-2', '2024-01-01']),
  entitlement(1, ['p-1', '2024-01-01']),
  entitlement(2, ['p-1', '2024-01-01'], ['p-2', '2025-04-01']),
  entitlement(4, ['p-1', '2024-01-01'], endedOn(4, '2025-04-15')),
  entitlement(5, ['p-1', '2025-06-01']),
  entitlementFrom([entitlementGranted({ entitlementId: 'e-9', schemeId: 'forskola' })]),
];

describe('departures and the re-choice list', () => {
  it('reads a decided de-authorisation or withdrawal as a departure', () => {
    expect(departureOf(leavingProvider, SCHEME)).toEqual({
      providerId: 'p-1',
      schemeId: SCHEME,
      cause: 'deauthorisation',
      decidedOn: '2025-03-01',
      effectiveDate: '2025-05-01',
    });
    const withdrawing = providerFrom([
      ...authorisedProviderEvents('p-2'),
      {
        type: 'WithdrawalNotified',
        data: {
          providerId: 'p-2',
          schemeId: SCHEME,
          noticeGivenOn: '2025-03-01',
          effectiveDate: '2025-06-01',
        },
      },
    ]);
    expect(departureOf(withdrawing, SCHEME)).toMatchObject({
      cause: 'withdrawal',
      effectiveDate: '2025-06-01',
    });
    expect(departureOf(providers[1], SCHEME)).toBeUndefined();
    expect(departureOf(leavingProvider, 'forskola')).toBeUndefined();
  });

  it("lists the provider's citizens who must choose again, and by when", () => {
    expect(entitlementsToReassign(entitlements, leavingProvider, SCHEME)).toEqual([
      {
        entitlementId: 'e-1',
        citizenId: 'c-1',
        schemeId: SCHEME,
        providerId: 'p-1',
        cause: 'deauthorisation',
        effectiveDate: '2025-05-01',
        rechooseBy: '2025-04-30',
      },
      // Chose p-1 from June, after it leaves: must choose again before the placement starts.
      expect.objectContaining({
        entitlementId: 'e-5',
        effectiveDate: '2025-06-01',
        rechooseBy: '2025-05-31',
      }),
    ]);
  });

  it('lists nobody for a provider that is not leaving', () => {
    expect(entitlementsToReassign(entitlements, providers[1], SCHEME)).toEqual([]);
  });
});

describe('planning non-choice assignments', () => {
  const withoutChoice = entitlementFrom([
    homeCareGranted({ entitlementId: 'e-6', citizenId: 'c-6', choiceDeadline: '2025-03-01' }),
  ]);
  const all = [...entitlements, withoutChoice];

  it('assigns citizens past their deadline now, and leaving-provider citizens on their last day to choose', () => {
    expect(
      planNonChoiceAssignments({
        scheme,
        providers,
        entitlements: all,
        rule: { kind: 'designated' },
        today: '2025-03-10',
      }),
    ).toEqual({
      assignments: [
        {
          entitlementId: 'e-6',
          citizenId: 'c-6',
          providerId: 'kommunen',
          effectiveDate: '2025-03-10',
          cause: 'no_choice',
          leavingProviderId: null,
          reason: 'No choice was made by the deadline 2025-03-01.',
        },
      ],
      unassigned: [],
      rotationCounter: null,
    });
    const onLastDay = planNonChoiceAssignments({
      scheme,
      providers,
      entitlements: all,
      rule: { kind: 'designated' },
      today: '2025-04-30',
    });
    expect(
      onLastDay.assignments.map((a) => [
        a.entitlementId,
        a.cause,
        a.effectiveDate,
        a.leavingProviderId,
      ]),
    ).toEqual([
      ['e-1', 'provider_leaving', '2025-05-01', 'p-1'],
      ['e-6', 'no_choice', '2025-04-30', null],
    ]);
    expect(onLastDay.assignments[0].reason).toBe(
      'Provider "p-1" is de-authorised in the scheme from 2025-05-01.',
    );
  });

  it('keeps the leaving date when the saga runs late', () => {
    const late = planNonChoiceAssignments({
      scheme,
      providers,
      entitlements: all,
      rule: { kind: 'designated' },
      today: '2025-06-10',
    });
    expect(late.assignments.find((a) => a.entitlementId === 'e-1')?.effectiveDate).toBe(
      '2025-05-01',
    );
    expect(late.assignments.find((a) => a.entitlementId === 'e-5')?.effectiveDate).toBe(
      '2025-06-01',
    );
  });

  it('advances the rotation once per assignment, in entitlement order, never picking the leaving provider', () => {
    const plan = planNonChoiceAssignments({
      scheme,
      providers,
      entitlements: [...all].reverse(),
      rule: { kind: 'rotation', counter: 0 },
      today: '2025-06-10',
    });
    // Choosable on the dates: Bra Omsorg AB (p-2), Nacka hemtjänst (kommunen); p-1 has left.
    expect(plan.assignments.map((a) => [a.entitlementId, a.providerId])).toEqual([
      ['e-1', 'p-2'],
      ['e-5', 'kommunen'],
      ['e-6', 'p-2'],
    ]);
    expect(plan.rotationCounter).toBe(3);
  });

  it('reports entitlements it cannot assign instead of failing the run', () => {
    const plan = planNonChoiceAssignments({
      scheme,
      providers,
      entitlements: all,
      rule: { kind: 'designated' },
      today: '2025-04-30',
      exclude: ['kommunen'],
    });
    expect(plan.assignments).toEqual([]);
    expect(plan.unassigned.map((u) => [u.entitlementId, u.details.reason])).toEqual([
      ['e-1', 'designated_excluded'],
      ['e-6', 'designated_excluded'],
    ]);
  });

  it('skips entitlements of other schemes and does nothing for an unestablished scheme', () => {
    const plan = planNonChoiceAssignments({
      scheme: schemeFrom([]),
      providers,
      entitlements: all,
      rule: { kind: 'designated' },
      today: '2025-04-30',
    });
    expect(plan).toEqual({ assignments: [], unassigned: [], rotationCounter: null });
  });
});
