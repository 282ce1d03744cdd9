import { ProviderEvent } from '../provider/provider.events';
import {
  authorisedProviderEvents,
  contextOn,
  providerFrom,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideRoster } from './decide-roster';
import { ReleasePlace, ReservePlace, RosterCommand } from './roster.commands';
import { rosterDecider } from './roster.decider';
import { RosterEvent } from './roster.events';
import {
  activeReservationsOn,
  capacityCeiling,
  freePlacesFrom,
  occupancyOn,
  peakOccupancyFrom,
} from './roster.queries';
import { evolveRoster, initialRosterState, RosterState } from './roster.state';

const rosterFrom = (events: readonly RosterEvent[]): RosterState =>
  events.reduce(evolveRoster, initialRosterState());

function decide(command: RosterCommand, given: RosterEvent[]) {
  return decideRoster(command, rosterFrom(given), contextOn());
}
function refusal(command: RosterCommand, given: RosterEvent[]) {
  return thrownBy(() => decide(command, given));
}
function after(given: RosterEvent[], ...commands: RosterCommand[]): RosterEvent[] {
  return commands.reduce((events, command) => [...events, ...decide(command, events)], given);
}

const reserve = (n: number, from = '2025-04-01', ceiling: number | null = 2): ReservePlace => ({
  type: 'ReservePlace',
  data: {
    providerId: 'p-1',
    schemeId: 'hemtjanst',
    citizenId: `c-${n}`,
    entitlementId: `e-${n}`,
    from,
    ceiling,
  },
});
const release = (n: number, from: string): ReleasePlace => ({
  type: 'ReleasePlace',
  data: { providerId: 'p-1', schemeId: 'hemtjanst', entitlementId: `e-${n}`, from },
});

describe('reserving a place', () => {
  it('records the reservation with the ceiling it was checked against', () => {
    expect(decide(reserve(1), [])).toEqual([
      {
        type: 'PlaceReserved',
        data: {
          providerId: 'p-1',
          schemeId: 'hemtjanst',
          citizenId: 'c-1',
          entitlementId: 'e-1',
          from: '2025-04-01',
          lastDay: null,
          ceiling: 2,
          reservedOn: TODAY,
        },
      },
    ]);
  });

  it('accepts everyone up to the ceiling and refuses the next', () => {
    const full = after([], reserve(1), reserve(2));
    const error = refusal(reserve(3), full);
    expect(error.code).toBe('PROVIDER_FULL');
    expect(error.details).toMatchObject({ ceiling: 2, taken: 2, from: '2025-04-01' });
    expect(occupancyOn(rosterFrom(full), '2025-04-01')).toBe(2);
  });

  it('has no limit without a ceiling, and no place with a ceiling of 0', () => {
    const many = after([], ...[1, 2, 3, 4, 5].map((n) => reserve(n, '2025-04-01', null)));
    expect(occupancyOn(rosterFrom(many), '2025-04-01')).toBe(5);
    expect(refusal(reserve(1, '2025-04-01', 0), []).code).toBe('PROVIDER_FULL');
  });

  it('frees a place from the day it is released', () => {
    const given = after([], reserve(1), reserve(2), release(1, '2025-05-01'));
    expect(refusal(reserve(3, '2025-04-30'), given).code).toBe('PROVIDER_FULL');
    expect(decide(reserve(3, '2025-05-01'), given)).toHaveLength(1);
  });

  it('counts the busiest day from the start on, not only the first day', () => {
    // e-2 starts in June: a place from April would still be overbooked in June.
    const given = after([], reserve(1, '2025-04-01'), reserve(2, '2025-06-01'));
    expect(occupancyOn(rosterFrom(given), '2025-04-15')).toBe(1);
    expect(peakOccupancyFrom(rosterFrom(given), '2025-04-15')).toBe(2);
    expect(refusal(reserve(3, '2025-04-15'), given).code).toBe('PROVIDER_FULL');
    // With e-1 leaving before e-2 arrives, at most two are there on any day.
    const leaving = after(given, release(1, '2025-05-01'));
    expect(peakOccupancyFrom(rosterFrom(leaving), '2025-04-15')).toBe(1);
    expect(decide(reserve(3, '2025-04-15'), leaving)).toHaveLength(1);
  });

  it('is idempotent for the same entitlement from the same day', () => {
    const given = after([], reserve(1), reserve(2));
    expect(decide(reserve(1), given)).toEqual([]);
  });

  it('refuses a second place for an entitlement that still holds one', () => {
    const error = refusal(reserve(1, '2025-05-01'), after([], reserve(1)));
    expect(error.code).toBe('PLACE_ALREADY_RESERVED');
    expect(error.details).toMatchObject({ reservedFrom: '2025-04-01' });
    const released = after([], reserve(1), release(1, '2025-06-01'));
    expect(refusal(reserve(1, '2025-05-01', null), released).code).toBe('PLACE_ALREADY_RESERVED');
    expect(decide(reserve(1, '2025-06-01', null), released)).toHaveLength(1);
  });

  it('refuses another roster, a bad ceiling and a personal identity number', () => {
    const other = { ...reserve(2), data: { ...reserve(2).data, schemeId: 'forskola' } };
    expect(refusal(other, after([], reserve(1))).code).toBe('ROSTER_MISMATCH');
    expect(refusal(reserve(1, '2025-04-01', -1), []).code).toBe('INVALID_CAPACITY');
    expect(refusal(reserve(1, '2025-04-01', 1.5), []).code).toBe('INVALID_CAPACITY');
    const personnummer = { ...reserve(1), data: { ...reserve(1).data, citizenId: '191212121212' } };
    expect(refusal(personnummer, []).code).toBe('INVALID_INPUT');
  });

  it('is available as a decider object', () => {
    const events = rosterDecider.decide(reserve(1), rosterDecider.initialState(), contextOn());
    expect(
      events.reduce(rosterDecider.evolve, rosterDecider.initialState()).reservations,
    ).toHaveLength(1);
  });
});

// An entitlement granted to a last day (förskola to the summer before school, grundskola to the
// end of year 9) usually just runs out: no EndEntitlement, so nothing releases its place. The
// placements read model ends the placement on that day; the roster must too, or a provider whose
// pupils have all moved on stays "full" of them for ever.
describe('a place held to the entitlement’s last day', () => {
  const until = (n: number, from: string, lastDay: string, ceiling: number | null = 1) => ({
    ...reserve(n, from, ceiling),
    data: { ...reserve(n, from, ceiling).data, lastDay },
  });

  it('is free again from the day after, without a release', () => {
    const given = after([], until(1, '2025-04-01', '2025-07-31'));
    expect(given[0].data).toMatchObject({ lastDay: '2025-07-31' });
    const roster = rosterFrom(given);
    expect(occupancyOn(roster, '2025-07-31')).toBe(1);
    expect(occupancyOn(roster, '2025-08-01')).toBe(0);
    expect(freePlacesFrom(roster, '2025-08-01', 1)).toBe(1);
    expect(refusal(reserve(2, '2025-07-31', 1), given).code).toBe('PROVIDER_FULL');
    expect(decide(reserve(2, '2025-08-01', 1), given)).toHaveLength(1);
  });

  it('needs room only to its last day: it fits before a later arrival fills the roster', () => {
    const given = after([], reserve(1, '2025-09-01', 1));
    expect(decide(until(2, '2025-04-01', '2025-08-31'), given)).toHaveLength(1);
    expect(refusal(until(2, '2025-04-01', '2025-09-01'), given).code).toBe('PROVIDER_FULL');
  });

  it('is idempotent, is given back earlier by a release, and refuses a last day before the first', () => {
    const given = after([], until(1, '2025-04-01', '2025-07-31'));
    expect(decide(until(1, '2025-04-01', '2025-07-31'), given)).toEqual([]);
    // Ended early: the release brings the last day forward; after the last day it is a no-op.
    expect(decide(release(1, '2025-08-01'), given)).toEqual([]);
    const ended = rosterFrom(after(given, release(1, '2025-06-01')));
    expect(ended.reservations[0].to).toBe('2025-05-31');
    expect(refusal(until(2, '2025-04-01', '2025-03-31'), []).code).toBe('INVALID_DATE');
  });

  it('still holds a reservation recorded without a last day until it is released', () => {
    const legacy = rosterFrom([
      {
        type: 'PlaceReserved',
        data: {
          providerId: 'p-1',
          schemeId: 'hemtjanst',
          citizenId: 'c-1',
          entitlementId: 'e-1',
          from: '2025-04-01',
          ceiling: 1,
          reservedOn: TODAY,
        },
      },
    ]);
    expect(occupancyOn(legacy, '2030-01-01')).toBe(1);
  });
});

describe('releasing a place', () => {
  it('records the first day without the place', () => {
    expect(decide(release(1, '2025-05-01'), after([], reserve(1)))).toEqual([
      {
        type: 'PlaceReleased',
        data: {
          providerId: 'p-1',
          schemeId: 'hemtjanst',
          entitlementId: 'e-1',
          from: '2025-05-01',
          releasedOn: TODAY,
        },
      },
    ]);
    const roster = rosterFrom(after([], reserve(1), release(1, '2025-05-01')));
    expect(roster.reservations).toEqual([
      { entitlementId: 'e-1', citizenId: 'c-1', from: '2025-04-01', to: '2025-04-30' },
    ]);
  });

  it('cancels a reservation released from its own first day (compensation)', () => {
    const roster = rosterFrom(after([], reserve(1), release(1, '2025-04-01')));
    expect(occupancyOn(roster, '2025-04-01')).toBe(0);
    expect(peakOccupancyFrom(roster, '2025-01-01')).toBe(0);
  });

  it('is idempotent, and refuses an entitlement that holds no place', () => {
    const released = after([], reserve(1), release(1, '2025-05-01'));
    expect(decide(release(1, '2025-05-01'), released)).toEqual([]);
    // Already free by June: nothing to give back.
    expect(decide(release(1, '2025-06-01'), released)).toEqual([]);
    expect(refusal(release(2, '2025-05-01'), released).code).toBe('RESERVATION_NOT_FOUND');
  });

  it('brings a scheduled release forward when the entitlement ends earlier', () => {
    const roster = rosterFrom(after([], reserve(1, '2025-04-01', null), release(1, '2025-06-01')));
    expect(occupancyOn(roster, '2025-05-20')).toBe(1);
    const ended = rosterFrom(
      after([], reserve(1, '2025-04-01', null), release(1, '2025-06-01'), release(1, '2025-05-11')),
    );
    expect(occupancyOn(ended, '2025-05-10')).toBe(1);
    expect(occupancyOn(ended, '2025-05-11')).toBe(0);
  });
});

describe('roster queries', () => {
  const roster = rosterFrom(
    after(
      [],
      reserve(2, '2025-04-01', null),
      reserve(1, '2025-04-01', null),
      reserve(3, '2025-03-01', null),
      release(3, '2025-04-10'),
    ),
  );

  it('lists the places taken on a date in a stable order', () => {
    expect(activeReservationsOn(roster, '2025-04-05').map((r) => r.entitlementId)).toEqual([
      'e-3',
      'e-1',
      'e-2',
    ]);
    expect(occupancyOn(roster, '2025-04-10')).toBe(2);
  });

  it('gives the free places for a new reservation', () => {
    expect(freePlacesFrom(roster, '2025-04-01', 5)).toBe(2);
    expect(freePlacesFrom(roster, '2025-04-10', 5)).toBe(3);
    expect(freePlacesFrom(roster, '2025-04-01', 1)).toBe(0);
    expect(freePlacesFrom(roster, '2025-04-01', null)).toBeNull();
  });

  it("reads the provider's declared ceiling", () => {
    const declared: ProviderEvent = {
      type: 'CapacityDeclared',
      data: { providerId: 'p-1', schemeId: 'hemtjanst', ceiling: 40, declaredOn: '2024-01-01' },
    };
    expect(
      capacityCeiling(providerFrom([...authorisedProviderEvents(), declared]), 'hemtjanst'),
    ).toBe(40);
    expect(capacityCeiling(providerFrom(authorisedProviderEvents()), 'hemtjanst')).toBeNull();
    expect(capacityCeiling(providerFrom([]), 'hemtjanst')).toBeNull();
  });
});
