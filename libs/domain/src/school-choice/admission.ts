import { DomainError } from '../shared/domain.error';
import { FULL_BASIS_POINTS } from '../shared/money';
import { MAX_PREFERENCES } from '../citizen/entitlement.types';
import {
  AdmissionPlacement,
  FirstChoiceShare,
  Pupil,
  Submission,
  TieBreaker,
  UnplacedPupil,
} from './admission-round.types';
import { lotteryNumber } from './lottery';

/** Everything an admission run depends on. The same input always gives the same result. */
export type AdmissionInput = Readonly<{
  submissions: readonly Submission[];
  /** Pupils to place even without a submission (those who chose nothing). */
  pupils: readonly Pupil[];
  /** Places per school; null for no ceiling. A school not listed takes no pupils by preference. */
  capacities: Readonly<Record<string, number | null>>;
  nonChoiceProviderId: string;
  tieBreaker: TieBreaker;
  seed: string;
}>;

/** The outcome of an admission run. */
export type AdmissionResult = Readonly<{
  /** One per pupil placed, by entitlement id. */
  placements: readonly AdmissionPlacement[];
  /** Pupils who could not be placed, by entitlement id. */
  unplaced: readonly UnplacedPupil[];
  firstChoice: FirstChoiceShare;
  /** The rules applied, in words, for publication with the result. */
  rules: string;
}>;

type Applicant = {
  citizenId: string;
  entitlementId: string;
  submission: Submission | null;
  lottery: number;
};

const byId = (a: { entitlementId: string }, b: { entitlementId: string }) =>
  a.entitlementId < b.entitlementId ? -1 : a.entitlementId > b.entitlementId ? 1 : 0;

/** Describes the rules of a run in words; recorded in `AdmissionCompleted`. */
export function admissionRules(tieBreaker: TieBreaker, nonChoiceProviderId: string): string {
  return [
    `Preferences are processed rank by rank: every pupil's first choice, then the second choice of those not yet placed, and so on to the ${MAX_PREFERENCES}th.`,
    'At each rank a school admits its applicants up to its remaining places in this order:',
    tieBreaker === 'distance'
      ? 'a sibling at the school first, then the shorter distance from home (none given: last), then the lower lottery number.'
      : 'a sibling at the school first, then the lower lottery number.',
    'The lottery number is cyrb53("<seed>:<citizen id>"), recorded for every pupil; equal numbers go by entitlement id.',
    `Pupils who chose nothing or got none of their choices are placed at the non-choice school "${nonChoiceProviderId}" in lottery order while it has places; any left are listed as unplaced.`,
  ].join(' ');
}

/** The first-choice share as a count and in basis points, rounded half up. */
export function firstChoiceShareOf(
  placements: readonly AdmissionPlacement[],
  applicants: number,
): FirstChoiceShare {
  const met = placements.filter((placement) => placement.preferenceMet === 1).length;
  const basisPoints =
    applicants === 0
      ? null
      : Math.floor((met * FULL_BASIS_POINTS * 2 + applicants) / (applicants * 2));
  return { met, applicants, basisPoints };
}

function applicantsOf(input: AdmissionInput): Applicant[] {
  const applicants = new Map<string, Applicant>();
  const add = (citizenId: string, entitlementId: string, submission: Submission | null) => {
    const known = applicants.get(entitlementId);
    if (known && known.citizenId !== citizenId) {
      throw new DomainError(
        'INVALID_INPUT',
        `Entitlement "${entitlementId}" is given for two different citizens.`,
        { field: 'pupils', entitlementId },
      );
    }
    applicants.set(entitlementId, {
      citizenId,
      entitlementId,
      submission: submission ?? known?.submission ?? null,
      lottery: lotteryNumber(input.seed, citizenId),
    });
  };
  for (const submission of input.submissions) {
    add(submission.citizenId, submission.entitlementId, submission);
  }
  for (const pupil of input.pupils) add(pupil.citizenId, pupil.entitlementId, null);
  return [...applicants.values()].sort(byId);
}

function priorityOrder(providerId: string, tieBreaker: TieBreaker) {
  const sibling = (a: Applicant) => (a.submission?.siblingAt.includes(providerId) ? 0 : 1);
  const distance = (a: Applicant) =>
    Object.hasOwn(a.submission?.distanceMetres ?? {}, providerId)
      ? (a.submission as Submission).distanceMetres[providerId]
      : Number.POSITIVE_INFINITY;
  return (a: Applicant, b: Applicant): number => {
    const bySibling = sibling(a) - sibling(b);
    if (bySibling !== 0) return bySibling;
    if (tieBreaker === 'distance') {
      const [da, db] = [distance(a), distance(b)];
      if (da !== db) return da < db ? -1 : 1;
    }
    if (a.lottery !== b.lottery) return a.lottery < b.lottery ? -1 : 1;
    return byId(a, b);
  };
}

/**
 * Places pupils to capacity by the published rules (see {@link admissionRules}): preferences
 * rank by rank; within a school and rank, siblings first, then the tie-breaker, then the seeded
 * lottery; then the non-choice school for the rest. Pure and deterministic: the order of the
 * submissions and pupils given does not matter. No school ever gets more pupils than its capacity.
 */
export function runAdmission(input: AdmissionInput): AdmissionResult {
  const applicants = applicantsOf(input);
  const remaining = new Map<string, number>();
  for (const [providerId, capacity] of Object.entries(input.capacities)) {
    remaining.set(providerId, capacity === null ? Number.POSITIVE_INFINITY : capacity);
  }
  const placed = new Map<string, AdmissionPlacement>();

  for (let rank = 1; rank <= MAX_PREFERENCES; rank++) {
    const bySchool = new Map<string, Applicant[]>();
    for (const applicant of applicants) {
      const providerId = applicant.submission?.preferences[rank - 1];
      if (providerId === undefined || placed.has(applicant.entitlementId)) continue;
      const queue = bySchool.get(providerId);
      if (queue) queue.push(applicant);
      else bySchool.set(providerId, [applicant]);
    }
    for (const providerId of [...bySchool.keys()].sort()) {
      const queue = (bySchool.get(providerId) as Applicant[]).sort(
        priorityOrder(providerId, input.tieBreaker),
      );
      let places = remaining.get(providerId) ?? 0;
      for (const applicant of queue) {
        if (places <= 0) break;
        places -= 1;
        placed.set(applicant.entitlementId, {
          citizenId: applicant.citizenId,
          entitlementId: applicant.entitlementId,
          providerId,
          preferenceMet: rank,
          placedBy: 'preference',
          nonChoiceCause: null,
          lotteryNumber: applicant.lottery,
        });
      }
      if (remaining.has(providerId)) remaining.set(providerId, places);
    }
  }

  const unplaced: UnplacedPupil[] = [];
  const rest = applicants
    .filter((applicant) => !placed.has(applicant.entitlementId))
    .sort((a, b) => (a.lottery !== b.lottery ? (a.lottery < b.lottery ? -1 : 1) : byId(a, b)));
  let nonChoicePlaces = remaining.get(input.nonChoiceProviderId) ?? 0;
  for (const applicant of rest) {
    const nonChoiceCause = applicant.submission === null ? 'no_choice' : 'no_preference_met';
    if (nonChoicePlaces > 0) {
      nonChoicePlaces -= 1;
      placed.set(applicant.entitlementId, {
        citizenId: applicant.citizenId,
        entitlementId: applicant.entitlementId,
        providerId: input.nonChoiceProviderId,
        preferenceMet: null,
        placedBy: 'non_choice',
        nonChoiceCause,
        lotteryNumber: applicant.lottery,
      });
    } else {
      unplaced.push({
        citizenId: applicant.citizenId,
        entitlementId: applicant.entitlementId,
        nonChoiceCause,
        lotteryNumber: applicant.lottery,
      });
    }
  }

  const placements = [...placed.values()].sort(byId);
  const applicantCount = applicants.filter((applicant) => applicant.submission !== null).length;
  return {
    placements,
    unplaced: unplaced.sort(byId),
    firstChoice: firstChoiceShareOf(placements, applicantCount),
    rules: admissionRules(input.tieBreaker, input.nonChoiceProviderId),
  };
}
