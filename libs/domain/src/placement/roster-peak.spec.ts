import { addDays } from '../shared/calendar-date';
import { occupancyOn, peakOccupancyFrom } from './roster.queries';
import { RosterEvent } from './roster.events';
import {
  evolveRoster,
  evolveRosterAll,
  initialRosterState,
  Reservation,
  RosterState,
} from './roster.state';

// The peak from a day on is the most places taken on any single day from then: checked against
// counting day by day on made-up rosters (open-ended, ended, released-before-start places).
describe('peakOccupancyFrom', () => {
  function roster(seed: number, size: number): RosterState {
    let state = seed;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const reservations: Reservation[] = Array.from({ length: size }, (_, i) => {
      const from = addDays('2014-01-01', random(200));
      const kind = random(3);
      const to = kind === 0 ? null : addDays(from, kind === 1 ? random(120) : -1 - random(3));
      return { entitlementId: `e${i}`, citizenId: `c${i}`, from, to };
    });
    return { providerId: 'p', schemeId: 's', reservations };
  }

  function peakDayByDay(state: RosterState, date: string): number {
    let peak = 0;
    for (let day = date; day <= '2014-12-31'; day = addDays(day, 1))
      peak = Math.max(peak, occupancyOn(state, day));
    return peak;
  }

  it.each([1, 2, 3, 4, 5])('equals the day-by-day count (roster %i)', (seed) => {
    const state = roster(seed, 60);
    for (const date of ['2013-12-01', '2014-01-01', '2014-03-15', '2014-06-30', '2014-12-01'])
      expect(peakOccupancyFrom(state, date)).toBe(peakDayByDay(state, date));
  });

  it.each([1, 2, 3])('to a last day equals the day-by-day count to then (roster %i)', (seed) => {
    const state = roster(seed, 60);
    for (const [date, until] of [
      ['2013-12-01', '2014-02-01'],
      ['2014-03-15', '2014-03-15'],
      ['2014-03-15', '2014-06-30'],
    ]) {
      let peak = 0;
      for (let day = date; day <= until; day = addDays(day, 1))
        peak = Math.max(peak, occupancyOn(state, day));
      expect(peakOccupancyFrom(state, date, until)).toBe(peak);
    }
  });

  it('is zero for an empty roster', () => {
    expect(
      peakOccupancyFrom({ providerId: null, schemeId: null, reservations: [] }, '2014-01-01'),
    ).toBe(0);
  });
});

describe('evolveRosterAll', () => {
  it('folds to the same state as evolveRoster event by event', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const events: RosterEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const entitlementId = `e${random(120)}`;
      const from = addDays('2014-01-01', random(300));
      events.push(
        random(3) === 0
          ? {
              type: 'PlaceReleased',
              data: { providerId: 'p', schemeId: 's', entitlementId, from, releasedOn: from },
            }
          : {
              type: 'PlaceReserved',
              data: {
                providerId: 'p',
                schemeId: 's',
                citizenId: `c-${entitlementId}`,
                entitlementId,
                from,
                ceiling: null,
                reservedOn: from,
              },
            },
      );
    }
    const oneByOne = events.reduce(evolveRoster, initialRosterState());
    expect(evolveRosterAll(initialRosterState(), events)).toEqual(oneByOne);
    expect(evolveRosterAll(oneByOne, events.slice(0, 50))).toEqual(
      events.slice(0, 50).reduce(evolveRoster, oneByOne),
    );
  });
});
