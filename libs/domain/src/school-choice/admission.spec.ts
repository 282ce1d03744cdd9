import { AdmissionInput, runAdmission, firstChoiceShareOf } from './admission';
import { AdmissionPlacement, Submission } from './admission-round.types';
import { lotteryNumber } from './lottery';

const submission = (
  n: number,
  preferences: string[],
  extra: Partial<Pick<Submission, 'siblingAt' | 'distanceMetres'>> = {},
): Submission => ({
  citizenId: `c-${n}`,
  entitlementId: `e-${n}`,
  preferences,
  siblingAt: [],
  distanceMetres: {},
  madeBy: 'guardian',
  channel: 'web',
  submittedOn: '2026-01-20',
  ...extra,
});

const input = (overrides: Partial<AdmissionInput>): AdmissionInput => ({
  submissions: [],
  pupils: [],
  capacities: { 's-a': 1, 's-b': 1, kommunal: null },
  nonChoiceProviderId: 'kommunal',
  tieBreaker: 'distance',
  seed: 'skolval-2026',
  ...overrides,
});

const placementOf = (result: ReturnType<typeof runAdmission>, n: number) =>
  result.placements.find((p) => p.entitlementId === `e-${n}`);

// Lower lottery number wins; find two citizens to know who wins a pure lottery.
const [luckier, unluckier] = [1, 2].sort(
  (a, b) => lotteryNumber('skolval-2026', `c-${a}`) - lotteryNumber('skolval-2026', `c-${b}`),
);

describe('the admission run', () => {
  it('processes all first choices before any second choice', () => {
    // e-1 ranks s-a second but has a sibling there; e-2 ranks it first: e-2 gets it.
    const result = runAdmission(
      input({
        submissions: [
          submission(1, ['s-b', 's-a'], { siblingAt: ['s-a'] }),
          submission(2, ['s-a']),
          submission(3, ['s-b']),
        ],
      }),
    );
    expect(placementOf(result, 2)).toMatchObject({ providerId: 's-a', preferenceMet: 1 });
    // e-1 and e-3 both rank s-b first: the lottery decides, and the loser gets no preference.
    const winner = [1, 3].sort(
      (a, b) => lotteryNumber('skolval-2026', `c-${a}`) - lotteryNumber('skolval-2026', `c-${b}`),
    )[0];
    expect(placementOf(result, winner)).toMatchObject({ providerId: 's-b', preferenceMet: 1 });
    expect(placementOf(result, winner === 1 ? 3 : 1)).toMatchObject({
      providerId: 'kommunal',
      preferenceMet: null,
      placedBy: 'non_choice',
      nonChoiceCause: 'no_preference_met',
    });
  });

  it('gives siblings priority at the same rank', () => {
    const result = runAdmission(
      input({
        submissions: [
          submission(unluckier, ['s-a'], { siblingAt: ['s-a'], distanceMetres: { 's-a': 9000 } }),
          submission(luckier, ['s-a'], { distanceMetres: { 's-a': 100 } }),
        ],
      }),
    );
    expect(placementOf(result, unluckier)?.providerId).toBe('s-a');
  });

  it('then the shorter distance, with no distance given last', () => {
    const result = runAdmission(
      input({
        capacities: { 's-a': 2, kommunal: null },
        submissions: [
          submission(4, ['s-a']),
          submission(5, ['s-a'], { distanceMetres: { 's-a': 800 } }),
          submission(6, ['s-a'], { distanceMetres: { 's-a': 300 } }),
        ],
      }),
    );
    expect(
      result.placements.filter((p) => p.providerId === 's-a').map((p) => p.entitlementId),
    ).toEqual(['e-5', 'e-6']);
  });

  it('then the seeded lottery, ignoring distance when the tie-breaker is none', () => {
    const result = runAdmission(
      input({
        tieBreaker: 'none',
        submissions: [
          submission(luckier, ['s-a'], { distanceMetres: { 's-a': 5000 } }),
          submission(unluckier, ['s-a'], { distanceMetres: { 's-a': 10 } }),
        ],
      }),
    );
    expect(placementOf(result, luckier)?.providerId).toBe('s-a');
    expect(placementOf(result, luckier)?.lotteryNumber).toBe(
      lotteryNumber('skolval-2026', `c-${luckier}`),
    );
  });

  it('places pupils who chose nothing at the non-choice school, and lists those it cannot place', () => {
    const result = runAdmission(
      input({
        capacities: { 's-a': 1, kommunal: 1 },
        submissions: [submission(1, ['s-a']), submission(2, ['s-a'])],
        pupils: [{ citizenId: 'c-3', entitlementId: 'e-3' }],
      }),
    );
    expect(placementOf(result, luckier)?.providerId).toBe('s-a');
    // The one place at the non-choice school goes by lottery between the other two.
    expect(result.placements).toHaveLength(2);
    expect(result.unplaced).toHaveLength(1);
    const rest = [
      ...result.placements.filter((p) => p.providerId === 'kommunal'),
      ...result.unplaced,
    ];
    expect(Object.fromEntries(rest.map((p) => [p.entitlementId, p.nonChoiceCause]))).toEqual({
      [`e-${unluckier}`]: 'no_preference_met',
      'e-3': 'no_choice',
    });
    expect(rest[0].lotteryNumber).toBeLessThan(rest[1].lotteryNumber);
  });

  it('gives no places at a school without a capacity in the run', () => {
    const result = runAdmission(input({ submissions: [submission(1, ['s-x', 's-b'])] }));
    expect(placementOf(result, 1)).toMatchObject({ providerId: 's-b', preferenceMet: 2 });
  });

  it('publishes the first-choice share among those who chose, in basis points', () => {
    const result = runAdmission(
      input({
        capacities: { 's-a': 1, 's-b': 5, kommunal: null },
        submissions: [
          submission(1, ['s-a']),
          submission(2, ['s-a', 's-b']),
          submission(3, ['s-b']),
        ],
        pupils: [{ citizenId: 'c-9', entitlementId: 'e-9' }],
      }),
    );
    expect(result.firstChoice).toEqual({ met: 2, applicants: 3, basisPoints: 6667 });
    expect(firstChoiceShareOf([], 0)).toEqual({ met: 0, applicants: 0, basisPoints: null });
    const one = { preferenceMet: 1 } as AdmissionPlacement;
    expect(firstChoiceShareOf([one], 8).basisPoints).toBe(1250);
    expect(firstChoiceShareOf([one], 3).basisPoints).toBe(3333);
    expect(firstChoiceShareOf([one, one], 3).basisPoints).toBe(6667);
  });

  it('states its rules in words', () => {
    expect(runAdmission(input({})).rules).toContain('sibling');
    expect(runAdmission(input({})).rules).toContain('distance');
    expect(runAdmission(input({ tieBreaker: 'none' })).rules).not.toContain('distance');
  });
});

// A small deterministic generator for the property loop.
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRun(seed: number): AdmissionInput {
  const random = generator(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const schools = Array.from({ length: 2 + pick(6) }, (_, i) => `s-${i}`);
  const capacities: Record<string, number | null> = {};
  for (const school of schools) capacities[school] = pick(8);
  capacities.kommunal = random() < 0.3 ? null : pick(10);
  const submissions: Submission[] = [];
  const pupils = [];
  const count = pick(60);
  for (let n = 0; n < count; n++) {
    if (random() < 0.15) {
      pupils.push({ citizenId: `c-${n}`, entitlementId: `e-${n}` });
      continue;
    }
    const ranked = [...schools].sort(() => random() - 0.5).slice(0, 1 + pick(5));
    const distances: Record<string, number> = {};
    for (const school of ranked) if (random() < 0.7) distances[school] = pick(5000);
    submissions.push(
      submission(n, ranked, {
        siblingAt: ranked.filter(() => random() < 0.1),
        distanceMetres: distances,
      }),
    );
  }
  return input({
    submissions,
    pupils,
    capacities,
    tieBreaker: random() < 0.5 ? 'distance' : 'none',
    seed: `seed-${seed}`,
  });
}

describe('admission properties over random runs', () => {
  const runs = Array.from({ length: 300 }, (_, i) => i + 1);

  it('never exceeds a capacity and places or lists every pupil exactly once', () => {
    for (const seed of runs) {
      const run = randomRun(seed);
      const result = runAdmission(run);
      const counts = new Map<string, number>();
      for (const p of result.placements)
        counts.set(p.providerId, (counts.get(p.providerId) ?? 0) + 1);
      for (const [providerId, count] of counts) {
        const capacity = run.capacities[providerId];
        if (capacity !== null) expect(count).toBeLessThanOrEqual(capacity as number);
      }
      const ids = [...result.placements, ...result.unplaced].map((p) => p.entitlementId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(run.submissions.length + run.pupils.length);
    }
  });

  it('records the preference met truthfully, and every rejection was for a full school', () => {
    for (const seed of runs) {
      const run = randomRun(seed);
      const result = runAdmission(run);
      const placedAt = new Map(result.placements.map((p) => [p.entitlementId, p]));
      for (const s of run.submissions) {
        const placement = placedAt.get(s.entitlementId);
        if (placement?.preferenceMet != null) {
          expect(s.preferences[placement.preferenceMet - 1]).toBe(placement.providerId);
        }
        const metRank = placement?.preferenceMet ?? Number.POSITIVE_INFINITY;
        // Each school ranked above the one met was full with pupils who ranked it no lower.
        s.preferences
          .slice(0, Math.min(metRank - 1, s.preferences.length))
          .forEach((school, index) => {
            const rank = index + 1;
            const takenByThen = result.placements.filter(
              (p) => p.providerId === school && p.preferenceMet !== null && p.preferenceMet <= rank,
            ).length;
            expect(takenByThen).toBe(run.capacities[school] ?? 0);
          });
      }
    }
  });

  it('gives the same result for the same inputs and seed, whatever their order', () => {
    for (const seed of runs.slice(0, 100)) {
      const run = randomRun(seed);
      const reversed = {
        ...run,
        submissions: [...run.submissions].reverse(),
        pupils: [...run.pupils].reverse(),
      };
      expect(runAdmission(reversed)).toEqual(runAdmission(run));
      expect(JSON.stringify(runAdmission(run))).toBe(JSON.stringify(runAdmission(randomRun(seed))));
    }
  });
});
