import { contextOn, thrownBy } from '../testing/domain-test-kit';
import {
  OpenChoiceWindow,
  AdmissionRoundCommand,
  RunAdmission,
  SubmitPreferences,
} from './admission-round.commands';
import { admissionRoundDecider } from './admission-round.decider';
import { AdmissionCompleted, AdmissionRoundEvent } from './admission-round.events';
import {
  admissionOf,
  choiceWindowStatusOn,
  firstChoiceShare,
  submissionOf,
} from './admission-round.queries';
import { evolveAdmissionRound, initialAdmissionRoundState } from './admission-round.state';
import { decideAdmissionRound } from './decide-admission-round';

const roundFrom = (events: readonly AdmissionRoundEvent[]) =>
  events.reduce(evolveAdmissionRound, initialAdmissionRoundState());
const decide = (command: AdmissionRoundCommand, given: AdmissionRoundEvent[], today: string) =>
  decideAdmissionRound(command, roundFrom(given), contextOn(today));
const refusal = (command: AdmissionRoundCommand, given: AdmissionRoundEvent[], today: string) =>
  thrownBy(() => decide(command, given, today));
const after = (given: AdmissionRoundEvent[], command: AdmissionRoundCommand, today: string) => [
  ...given,
  ...decide(command, given, today),
];

const open = (data: Partial<OpenChoiceWindow['data']> = {}): OpenChoiceWindow => ({
  type: 'OpenChoiceWindow',
  data: {
    roundId: 'grundskola.2026',
    schemeId: 'grundskola',
    schoolYear: '2026/27',
    opensOn: '2026-01-15',
    closesOn: '2026-01-31',
    placementsFrom: '2026-08-17',
    tieBreaker: 'distance',
    ...data,
  },
});
const submit = (
  n: number,
  preferences: string[],
  extra: Partial<SubmitPreferences['data']> = {},
): SubmitPreferences => ({
  type: 'SubmitPreferences',
  data: {
    roundId: 'grundskola.2026',
    citizenId: `c-${n}`,
    entitlementId: `e-${n}`,
    preferences,
    madeBy: 'guardian',
    channel: 'web',
    ...extra,
  },
});
const run = (data: Partial<RunAdmission['data']> = {}): RunAdmission => ({
  type: 'RunAdmission',
  data: {
    roundId: 'grundskola.2026',
    capacities: { 's-a': 1, 's-b': 2, kommunal: null },
    nonChoiceProviderId: 'kommunal',
    seed: 'skolval-2026',
    ...data,
  },
});

const OPENED = after([], open(), '2026-01-10');

describe('opening the choice window', () => {
  it('records the window, the tie-breaker and the school year', () => {
    expect(OPENED).toEqual([
      {
        type: 'ChoiceWindowOpened',
        data: {
          roundId: 'grundskola.2026',
          schemeId: 'grundskola',
          schoolYear: '2026/27',
          opensOn: '2026-01-15',
          closesOn: '2026-01-31',
          placementsFrom: '2026-08-17',
          tieBreaker: 'distance',
          lotterySeed: null,
          openedOn: '2026-01-10',
        },
      },
    ]);
    expect(choiceWindowStatusOn(roundFrom(OPENED), '2026-01-14')).toBe('not_yet_open');
    expect(choiceWindowStatusOn(roundFrom(OPENED), '2026-01-31')).toBe('open');
    expect(choiceWindowStatusOn(roundFrom(OPENED), '2026-02-01')).toBe('closed');
    expect(choiceWindowStatusOn(roundFrom([]), '2026-02-01')).toBe('not_opened');
  });

  it.each([
    [{ schoolYear: '2026/28' }, 'INVALID_INPUT'],
    [{ schoolYear: '2026-27' }, 'INVALID_INPUT'],
    [{ closesOn: '2026-01-14' }, 'INVALID_DATE'],
    [{ placementsFrom: '2026-01-31' }, 'INVALID_DATE'],
    [{ tieBreaker: 'age' }, 'INVALID_INPUT'],
    [{ closesOn: '2026-01-09', opensOn: '2026-01-01' }, 'CHOICE_WINDOW_CLOSED'],
  ])('refuses %p with %s', (data, code) => {
    expect(refusal(open(data as Partial<OpenChoiceWindow['data']>), [], '2026-01-10').code).toBe(
      code,
    );
  });

  it('accepts a school year across a century', () => {
    expect(decide(open({ schoolYear: '2099/00' }), [], '2026-01-10')).toHaveLength(1);
  });

  it('refuses to open a round twice', () => {
    expect(refusal(open(), OPENED, '2026-01-10').code).toBe('ADMISSION_ROUND_ALREADY_OPENED');
  });
});

describe('submitting preferences', () => {
  it('records ranked preferences, keeping siblings and distances for the schools ranked', () => {
    const events = decide(
      submit(1, ['s-b', 's-a'], {
        siblingAt: ['s-a', 's-z'],
        distanceMetres: { 's-z': 10, 's-a': 1200, 's-b': 450 },
      }),
      OPENED,
      '2026-01-20',
    );
    expect(events).toEqual([
      {
        type: 'PreferencesSubmitted',
        data: {
          roundId: 'grundskola.2026',
          citizenId: 'c-1',
          entitlementId: 'e-1',
          preferences: ['s-b', 's-a'],
          siblingAt: ['s-a'],
          distanceMetres: { 's-b': 450, 's-a': 1200 },
          madeBy: 'guardian',
          channel: 'web',
          submittedOn: '2026-01-20',
        },
      },
    ]);
  });

  it('replaces an earlier submission for the same pupil', () => {
    const twice = after(
      after(OPENED, submit(1, ['s-a']), '2026-01-16'),
      submit(1, ['s-b']),
      '2026-01-20',
    );
    const round = roundFrom(twice);
    expect(round.status === 'opened' && round.submissions).toHaveLength(1);
    expect(submissionOf(round, 'e-1')?.preferences).toEqual(['s-b']);
  });

  it('refuses outside the window', () => {
    const early = refusal(submit(1, ['s-a']), OPENED, '2026-01-14');
    expect(early.code).toBe('CHOICE_WINDOW_CLOSED');
    expect(early.message).toContain('opens on 2026-01-15');
    expect(refusal(submit(1, ['s-a']), OPENED, '2026-02-01').message).toContain(
      'closed on 2026-01-31',
    );
  });

  it('takes 1 to 5 distinct schools', () => {
    expect(refusal(submit(1, []), OPENED, '2026-01-20').code).toBe('INVALID_INPUT');
    const six = refusal(submit(1, ['a', 'b', 'c', 'd', 'e', 'f']), OPENED, '2026-01-20');
    expect(six.code).toBe('TOO_MANY_PREFERENCES');
    expect(six.kind).toBe('invalid_input');
    expect(decide(submit(1, ['a', 'b', 'c', 'd', 'e']), OPENED, '2026-01-20')).toHaveLength(1);
    expect(refusal(submit(1, ['a', 'b', 'a']), OPENED, '2026-01-20').details).toMatchObject({
      duplicate: 'a',
    });
  });

  it('refuses bad distances, a personal identity number and an unopened round', () => {
    expect(
      refusal(submit(1, ['s-a'], { distanceMetres: { 's-a': -5 } }), OPENED, '2026-01-20').code,
    ).toBe('INVALID_INPUT');
    expect(
      refusal(submit(1, ['s-a'], { citizenId: '20140101-1234' }), OPENED, '2026-01-20').code,
    ).toBe('INVALID_INPUT');
    expect(refusal(submit(1, ['s-a']), [], '2026-01-20').code).toBe('ADMISSION_ROUND_NOT_FOUND');
    const other = {
      ...submit(1, ['s-a']),
      data: { ...submit(1, ['s-a']).data, roundId: 'gymnasium.2026' },
    };
    expect(refusal(other, OPENED, '2026-01-20').code).toBe('ADMISSION_ROUND_MISMATCH');
  });
});

describe('running the admission', () => {
  const SUBMITTED = [
    [1, ['s-a', 's-b']],
    [2, ['s-a', 's-b']],
    [3, ['s-b']],
  ].reduce<AdmissionRoundEvent[]>(
    (events, [n, preferences]) =>
      after(events, submit(n as number, preferences as string[]), '2026-01-20'),
    OPENED,
  );
  const pupils = [{ citizenId: 'c-4', entitlementId: 'e-4' }];

  it('waits until the window has closed', () => {
    expect(refusal(run(), SUBMITTED, '2026-01-31').code).toBe('CHOICE_WINDOW_STILL_OPEN');
  });

  it('records every placement, the seed, the rules and the first-choice share', () => {
    const [event] = decide(run({ pupils }), SUBMITTED, '2026-02-03') as [AdmissionCompleted];
    expect(event.type).toBe('AdmissionCompleted');
    expect(event.data).toMatchObject({
      roundId: 'grundskola.2026',
      schemeId: 'grundskola',
      schoolYear: '2026/27',
      placementsFrom: '2026-08-17',
      seed: 'skolval-2026',
      tieBreaker: 'distance',
      capacities: { kommunal: null, 's-a': 1, 's-b': 2 },
      nonChoiceProviderId: 'kommunal',
      unplaced: [],
      firstChoice: { met: 2, applicants: 3, basisPoints: 6667 },
      completedOn: '2026-02-03',
    });
    expect(event.data.placements.map((p) => [p.entitlementId, p.placedBy])).toEqual([
      ['e-1', 'preference'],
      ['e-2', 'preference'],
      ['e-3', 'preference'],
      ['e-4', 'non_choice'],
    ]);
    expect(event.data.rules).toContain('rank by rank');
    const round = roundFrom([...SUBMITTED, event]);
    expect(firstChoiceShare(round)).toEqual({ met: 2, applicants: 3, basisPoints: 6667 });
    expect(admissionOf(round, 'e-4')).toMatchObject({
      providerId: 'kommunal',
      nonChoiceCause: 'no_choice',
    });
    expect(choiceWindowStatusOn(round, '2026-02-03')).toBe('completed');
  });

  it('is reproducible: the same round and seed give the same event', () => {
    expect(decide(run({ pupils }), SUBMITTED, '2026-02-03')).toEqual(
      decide(run({ pupils: [...pupils] }), [...SUBMITTED], '2026-02-03'),
    );
  });

  it('runs once only; afterwards submissions are refused too', () => {
    const completed = after(SUBMITTED, run(), '2026-02-03');
    expect(refusal(run(), completed, '2026-02-04').code).toBe('ADMISSION_ALREADY_RUN');
    expect(refusal(submit(9, ['s-a']), completed, '2026-02-04').code).toBe('ADMISSION_ALREADY_RUN');
  });

  it('uses the seed committed when the window opened, and refuses another', () => {
    const committed = after([], open({ lotterySeed: 'dragen-15-jan' }), '2026-01-10');
    const withSubmission = after(committed, submit(1, ['s-a']), '2026-01-20');
    expect(decide(run({ seed: null }), withSubmission, '2026-02-03')[0].data).toMatchObject({
      seed: 'dragen-15-jan',
    });
    expect(refusal(run({ seed: 'other' }), withSubmission, '2026-02-03').details).toMatchObject({
      field: 'seed',
    });
    expect(refusal(run({ seed: undefined }), SUBMITTED, '2026-02-03').details).toMatchObject({
      field: 'seed',
    });
  });

  it.each([
    [{ capacities: { 's-a': 1 } }, 'INVALID_INPUT'],
    [{ capacities: { 's-a': -1, kommunal: 5 } }, 'INVALID_CAPACITY'],
    [{ capacities: [] }, 'INVALID_INPUT'],
    [{ pupils: [{ citizenId: 'c-1', entitlementId: 'e-2' }] }, 'INVALID_INPUT'],
    [{ pupils: [{ citizenId: '191212121212', entitlementId: 'e-9' }] }, 'INVALID_INPUT'],
  ])('refuses %p with %s', (data, code) => {
    expect(refusal(run(data as Partial<RunAdmission['data']>), SUBMITTED, '2026-02-03').code).toBe(
      code,
    );
  });

  it('is available as a decider object', () => {
    const state = [...SUBMITTED].reduce(
      admissionRoundDecider.evolve,
      admissionRoundDecider.initialState(),
    );
    expect(admissionRoundDecider.decide(run(), state, contextOn('2026-02-03'))).toHaveLength(1);
  });
});
