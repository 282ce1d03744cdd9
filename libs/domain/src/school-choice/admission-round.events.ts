import { Chooser, ChooserChannel } from '../citizen/entitlement.types';
import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import {
  AdmissionPlacement,
  FirstChoiceShare,
  TieBreaker,
  UnplacedPupil,
} from './admission-round.types';

/** The choice window of a scheme and school year was opened. */
export type ChoiceWindowOpened = Message<
  'ChoiceWindowOpened',
  {
    roundId: string;
    schemeId: string;
    schoolYear: string;
    opensOn: CalendarDate;
    closesOn: CalendarDate;
    placementsFrom: CalendarDate;
    tieBreaker: TieBreaker;
    lotterySeed: string | null;
    openedOn: CalendarDate;
  }
>;

/** A family submitted (or replaced) ranked preferences for a pupil. */
export type PreferencesSubmitted = Message<
  'PreferencesSubmitted',
  {
    roundId: string;
    citizenId: string;
    entitlementId: string;
    preferences: readonly string[];
    siblingAt: readonly string[];
    distanceMetres: Readonly<Record<string, number>>;
    madeBy: Chooser;
    channel: ChooserChannel;
    submittedOn: CalendarDate;
  }
>;

/**
 * The admission run's result, with everything needed to reproduce it: the seed, capacities,
 * tie-breaker and non-choice school (the submissions are the round's earlier events, the pupils
 * are those in `placements` and `unplaced`), each pupil's lottery number, and the rules in words.
 */
export type AdmissionCompleted = Message<
  'AdmissionCompleted',
  {
    roundId: string;
    schemeId: string;
    schoolYear: string;
    placementsFrom: CalendarDate;
    seed: string;
    tieBreaker: TieBreaker;
    capacities: Readonly<Record<string, number | null>>;
    nonChoiceProviderId: string;
    placements: readonly AdmissionPlacement[];
    unplaced: readonly UnplacedPupil[];
    firstChoice: FirstChoiceShare;
    rules: string;
    completedOn: CalendarDate;
  }
>;

/** Every event of the `admission-round` aggregate. */
export type AdmissionRoundEvent = ChoiceWindowOpened | PreferencesSubmitted | AdmissionCompleted;
