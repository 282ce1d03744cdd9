import { Chooser, ChooserChannel } from '../citizen/entitlement.types';
import { CalendarDate } from '../shared/calendar-date';

/**
 * What orders applicants with equal sibling priority before the lottery: the shorter distance
 * from home to the school, or nothing (straight to the lottery). Set per round by the
 * municipality.
 */
export const TIE_BREAKERS = ['distance', 'none'] as const;
/** What orders applicants with equal sibling priority before the lottery. */
export type TieBreaker = (typeof TIE_BREAKERS)[number];

/** A family's ranked school choice for one pupil (one entitlement). */
export type Submission = Readonly<{
  citizenId: string;
  entitlementId: string;
  /** Provider ids, first choice first; 1 to 5, distinct. */
  preferences: readonly string[];
  /** Preferred schools where a sibling goes (priority there). */
  siblingAt: readonly string[];
  /** Distance from home in metres, per preferred school (for the distance tie-breaker). */
  distanceMetres: Readonly<Record<string, number>>;
  madeBy: Chooser;
  channel: ChooserChannel;
  submittedOn: CalendarDate;
}>;

/** How a pupil got their school. */
export type PlacedBy = 'preference' | 'non_choice';

/** One pupil's result of an admission run. */
export type AdmissionPlacement = Readonly<{
  citizenId: string;
  entitlementId: string;
  providerId: string;
  /** Rank of the preference met (1 = first choice), null when placed by the non-choice rule. */
  preferenceMet: number | null;
  placedBy: PlacedBy;
  /** For `non_choice`: whether the pupil chose nothing or got none of their choices. */
  nonChoiceCause: 'no_choice' | 'no_preference_met' | null;
  lotteryNumber: number;
}>;

/** A pupil the run could not place: the non-choice school was full too. A caseworker's case. */
export type UnplacedPupil = Readonly<{
  citizenId: string;
  entitlementId: string;
  nonChoiceCause: 'no_choice' | 'no_preference_met';
  lotteryNumber: number;
}>;

/**
 * The published figure: of the pupils who submitted preferences, how many got their first
 * choice. `basisPoints` is the share rounded half up (9 250 = 92.5 %), null with no applicants.
 */
export type FirstChoiceShare = Readonly<{
  met: number;
  applicants: number;
  basisPoints: number | null;
}>;

/** A pupil the run must place although they may not have submitted anything. */
export type Pupil = Readonly<{ citizenId: string; entitlementId: string }>;
