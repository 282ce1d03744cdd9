import { DomainError } from '../shared/domain.error';
import { contextOn } from '../testing/domain-test-kit';
import { decideRoster } from './decide-roster';
import { ReservePlace } from './roster.commands';
import { RosterEvent } from './roster.events';
import { occupancyOn } from './roster.queries';
import { evolveRoster, initialRosterState } from './roster.state';

// A stream that appends only at the expected revision, as the event store port does.
class Stream {
  readonly events: RosterEvent[] = [];
  read() {
    return {
      revision: this.events.length,
      state: this.events.reduce(evolveRoster, initialRosterState()),
    };
  }
  append(expectedRevision: number, events: RosterEvent[]): boolean {
    if (expectedRevision !== this.events.length) return false;
    this.events.push(...events);
    return true;
  }
}

// A deterministic shuffle (mulberry32) so a failure can be replayed.
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const reserve = (n: number, ceiling: number): ReservePlace => ({
  type: 'ReservePlace',
  data: {
    providerId: 'p-1',
    schemeId: 'forskola',
    citizenId: `c-${n}`,
    entitlementId: `e-${n}`,
    from: '2025-08-01',
    ceiling,
  },
});

// Every round, all pending choosers read the same revision and decide; their appends then race
// in random order. A lost race retries with fresh state, as the application does.
function race(choosers: number, ceiling: number, alreadyTaken: number, seed: number) {
  const stream = new Stream();
  for (let n = 0; n < alreadyTaken; n++) {
    const { revision, state } = stream.read();
    stream.append(revision, decideRoster(reserve(1000 + n, ceiling), state, contextOn()));
  }
  let pending = Array.from({ length: choosers }, (_, n) => n);
  let accepted = 0;
  let full = 0;
  for (let round = 0; pending.length > 0; round++) {
    const { revision, state } = stream.read();
    const attempts = pending.map((n) => {
      try {
        return { n, events: decideRoster(reserve(n, ceiling), state, contextOn()) };
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('PROVIDER_FULL');
        return { n, events: null };
      }
    });
    const retry: number[] = [];
    for (const attempt of shuffled(attempts, seed + round)) {
      if (attempt.events === null) full += 1;
      else if (stream.append(revision, attempt.events)) accepted += 1;
      else retry.push(attempt.n);
    }
    pending = retry;
  }
  return { accepted, full, occupancy: occupancyOn(stream.read().state, '2025-08-01') };
}

describe('concurrent choices for the last places', () => {
  it.each([
    [10, 3, 0],
    [25, 20, 17],
    [8, 5, 5],
    [1, 1, 0],
  ])(
    'with %i choosers, ceiling %i and %i places taken, exactly the free places succeed',
    (choosers, ceiling, taken) => {
      for (let seed = 1; seed <= 20; seed++) {
        const { accepted, full, occupancy } = race(choosers, ceiling, taken, seed);
        const free = Math.max(0, ceiling - taken);
        expect(accepted).toBe(Math.min(free, choosers));
        expect(full).toBe(choosers - accepted);
        expect(occupancy).toBe(taken + accepted);
      }
    },
  );
});
