import { CalendarDate, Chooser, NACKA_MARKET_SHARES } from '@kundval/domain';
import { AUTUMN_TERM_2014, birthday, firstOfNextMonth } from './citizen-calendar';

/** A cohort that starts together at a term start, after one choice period (the school choice). */
export type IntakeSeed = Readonly<{
  /** Citizens born in this year are the intake. */
  birthYear: number;
  /** Decisions (letters) go out on workdays in this window. */
  decidedFrom: CalendarDate;
  decidedTo: CalendarDate;
  choiceDeadline: CalendarDate;
  validFrom: CalendarDate;
}>;

/** How the seed populates one scheme with citizens and a year of their choices. */
export type CitizenMixSeed = Readonly<{
  schemeId: string;
  /** Entitlements seeded in the scheme. */
  entitlements: number;
  /** Birth years of the holders, inclusive. */
  born: readonly [number, number];
  /** Youngest age on the first day entitled, in years. */
  minAgeAtStart: number;
  /** Holders are pupils seeded in these schemes (a second entitlement), not new citizens. */
  heldByPupilsOf?: readonly string[];
  /** Who chooses: a guardian for children, else the citizen (sometimes a representative). */
  chooser: Chooser;
  /** Days from the decision to the first day entitled (0: from the decision day). */
  leadDays: readonly [number, number];
  /** Days from the decision to the choice deadline (kept before the first day entitled). */
  choiceDays: readonly [number, number];
  intake?: IntakeSeed;
  /** Levels by weight, or a level that follows age (`levelOn`). */
  levels: readonly (readonly [string, number])[];
  levelOn?: (birthDate: CalendarDate, date: CalendarDate) => string;
  /** The day within the year an age-following level changes for someone entitled from `from`. */
  levelChangeAfter?: (birthDate: CalendarDate, from: CalendarDate) => CalendarDate | null;
  /** Last day entitled by age (end of preschool, of compulsory school…), or open-ended. */
  validTo?: (birthDate: CalendarDate) => CalendarDate;
  /** Granted hours per month for hourly schemes: from, to (most near the low end). */
  hours?: readonly [number, number];
  /** Share of the independent (private and non-profit) providers on the as-of day; null: by capacity. */
  independentShare: number | null;
  switchShare: number;
  noChoiceShare: number;
  endShare: number;
  /** Share of hourly entitlements whose granted hours are revised during the year. */
  hoursRevisedShare?: number;
  endReasons: readonly string[];
  /** Prefix of the deciding board's decision references. */
  decisionPrefix: string;
}>;

// ASSUMPTION. Seed 001 gives shares of children with independent providers, the municipality's
// own, and (school) other municipalities' schools. Those in other municipalities' schools are not
// placed with a Nacka provider, so they are left out (as they are from the seeded provider
// counts): the target is the independent share of the children placed in Nacka, e.g.
// grundskola 23 / (23 + 75) = 23.5 %, gymnasieskola 39 / (39 + 38) = 50.6 %.
function independentShare(schemeId: string): number {
  const share = NACKA_MARKET_SHARES.find((s) => s.schemeId === schemeId);
  if (!share) throw new Error(`Seed 001 has no market share for "${schemeId}"`);
  return share.independentPercent / (share.independentPercent + share.ownMunicipalPercent);
}

// Preschool voucher bands: the older band from the month after the fourth birthday.
const preschoolLevelOn = (birthDate: CalendarDate, date: CalendarDate) =>
  date >= firstOfNextMonth(birthday(birthDate, 4)) ? 'age-4-5' : 'age-1-3';

// Compulsory-school grade in school year `y`/`y+1` for a child born in year b: y - b - 6 (0 = F).
const gradeOn = (birthDate: CalendarDate, date: CalendarDate) => {
  const schoolYear = Number(date.slice(0, 4)) - (date.slice(5) < AUTUMN_TERM_2014.slice(5) ? 1 : 0);
  return schoolYear - Number(birthDate.slice(0, 4)) - 6;
};
const gradeLevelOn = (birthDate: CalendarDate, date: CalendarDate) => {
  const grade = gradeOn(birthDate, date);
  return grade <= 3 ? 'grade-f-3' : grade <= 6 ? 'grade-4-6' : 'grade-7-9';
};

const SCHOOL_END_REASONS = ['Moved out of the municipality'];

/**
 * About 3,000 citizens: children and pupils in the school schemes (seed 001's market shares),
 * and a few hundred adults with hourly (home care, housing support, counselling) and daily
 * entitlements. Musikskola places go to pupils already seeded in school.
 */
export const CITIZEN_MIX: readonly CitizenMixSeed[] = [
  {
    schemeId: 'forskola',
    entitlements: 900,
    born: [2009, 2013],
    minAgeAtStart: 1,
    chooser: 'guardian',
    // The preschool guarantee: a place within four months of the application's decision.
    leadDays: [30, 120],
    choiceDays: [14, 28],
    levels: [],
    levelOn: preschoolLevelOn,
    levelChangeAfter: (birthDate, from) => {
      const change = firstOfNextMonth(birthday(birthDate, 4));
      return change > from ? change : null;
    },
    // Preschool ends when förskoleklass starts, the summer the child turns six.
    validTo: (birthDate) => `${Number(birthDate.slice(0, 4)) + 6}-07-31`,
    independentShare: independentShare('forskola'),
    switchShare: 0.07,
    noChoiceShare: 0.03,
    endShare: 0.015,
    endReasons: [...SCHOOL_END_REASONS, 'Place given up by the guardians'],
    decisionPrefix: 'UN',
  },
  {
    schemeId: 'grundskola',
    entitlements: 1250,
    born: [1999, 2008],
    minAgeAtStart: 5,
    chooser: 'guardian',
    leadDays: [10, 30],
    choiceDays: [5, 9],
    intake: {
      birthYear: 2008,
      decidedFrom: '2014-01-07',
      decidedTo: '2014-01-17',
      choiceDeadline: '2014-01-31',
      validFrom: AUTUMN_TERM_2014,
    },
    levels: [],
    levelOn: gradeLevelOn,
    levelChangeAfter: (birthDate, from) => {
      if (from >= AUTUMN_TERM_2014) return null;
      const grade = gradeOn(birthDate, AUTUMN_TERM_2014);
      return grade === 4 || grade === 7 ? AUTUMN_TERM_2014 : null;
    },
    // Compulsory school ends after year 9, in June of the year the pupil turns 16.
    validTo: (birthDate) => `${Number(birthDate.slice(0, 4)) + 16}-06-30`,
    independentShare: independentShare('grundskola'),
    switchShare: 0.06,
    noChoiceShare: 0.03,
    endShare: 0.01,
    endReasons: SCHOOL_END_REASONS,
    decisionPrefix: 'UN',
  },
  {
    schemeId: 'gymnasieskola',
    entitlements: 350,
    born: [1996, 1998],
    minAgeAtStart: 15,
    chooser: 'citizen',
    leadDays: [10, 30],
    choiceDays: [5, 9],
    intake: {
      birthYear: 1998,
      decidedFrom: '2014-01-07',
      decidedTo: '2014-01-17',
      choiceDeadline: '2014-02-15',
      validFrom: AUTUMN_TERM_2014,
    },
    levels: [
      ['higher-education-preparatory', 60],
      ['vocational', 40],
    ],
    // Three years, to June of the year the student turns 19.
    validTo: (birthDate) => `${Number(birthDate.slice(0, 4)) + 19}-06-30`,
    independentShare: independentShare('gymnasieskola'),
    switchShare: 0.07,
    noChoiceShare: 0.02,
    endShare: 0.015,
    endReasons: [...SCHOOL_END_REASONS, 'Studies discontinued'],
    decisionPrefix: 'UN',
  },
  {
    schemeId: 'musikskola',
    entitlements: 200,
    born: [1996, 2007],
    minAgeAtStart: 6,
    heldByPupilsOf: ['grundskola', 'gymnasieskola'],
    chooser: 'guardian',
    leadDays: [14, 45],
    choiceDays: [7, 12],
    levels: [
      ['individual-lesson', 60],
      ['group-lesson', 40],
    ],
    independentShare: independentShare('musikskola'),
    switchShare: 0.05,
    noChoiceShare: 0.02,
    endShare: 0.03,
    endReasons: ['Lessons cancelled by the guardians'],
    decisionPrefix: 'KFN',
  },
  {
    schemeId: 'hemtjanst',
    entitlements: 320,
    born: [1915, 1947],
    minAgeAtStart: 65,
    chooser: 'citizen',
    // Home care starts from the decision; the customer chooses within two weeks.
    leadDays: [0, 0],
    choiceDays: [14, 14],
    levels: [
      ['home-care-hour', 85],
      ['escort-relief-hour', 15],
    ],
    hours: [4, 90],
    hoursRevisedShare: 0.08,
    independentShare: null,
    switchShare: 0.08,
    noChoiceShare: 0.04,
    endShare: 0.05,
    endReasons: ['Moved to residential care', 'Deceased', 'Home care no longer needed'],
    decisionPrefix: 'ÄN',
  },
  {
    schemeId: 'sarskilt-boende',
    entitlements: 60,
    born: [1915, 1940],
    minAgeAtStart: 70,
    chooser: 'representative',
    leadDays: [14, 45],
    choiceDays: [7, 12],
    levels: [
      ['somatic-care-day', 60],
      ['dementia-care-day', 40],
    ],
    independentShare: null,
    switchShare: 0.03,
    noChoiceShare: 0.05,
    endShare: 0.08,
    endReasons: ['Deceased'],
    decisionPrefix: 'ÄN',
  },
  {
    schemeId: 'daglig-verksamhet-lss',
    entitlements: 40,
    born: [1950, 1994],
    minAgeAtStart: 18,
    chooser: 'representative',
    leadDays: [14, 45],
    choiceDays: [7, 12],
    levels: [
      ['level-1', 25],
      ['level-2', 30],
      ['level-3', 25],
      ['level-4', 15],
      ['level-5', 5],
    ],
    independentShare: null,
    switchShare: 0.05,
    noChoiceShare: 0.05,
    endShare: 0.03,
    endReasons: ['Moved out of the municipality'],
    decisionPrefix: 'SN',
  },
  {
    schemeId: 'boendestod',
    entitlements: 30,
    born: [1945, 1994],
    minAgeAtStart: 18,
    chooser: 'citizen',
    leadDays: [0, 0],
    choiceDays: [14, 14],
    levels: [['support-hour', 1]],
    hours: [4, 40],
    hoursRevisedShare: 0.1,
    independentShare: null,
    switchShare: 0.07,
    noChoiceShare: 0.05,
    endShare: 0.05,
    endReasons: ['Support no longer needed'],
    decisionPrefix: 'SN',
  },
  {
    schemeId: 'familjeradgivning',
    entitlements: 20,
    born: [1955, 1990],
    minAgeAtStart: 18,
    chooser: 'citizen',
    leadDays: [0, 0],
    choiceDays: [14, 14],
    levels: [['counselling-hour', 1]],
    hours: [2, 8],
    independentShare: null,
    switchShare: 0.05,
    noChoiceShare: 0,
    endShare: 0.1,
    endReasons: ['Counselling completed'],
    decisionPrefix: 'SN',
  },
];
