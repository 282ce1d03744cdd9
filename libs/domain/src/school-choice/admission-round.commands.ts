import { Chooser, ChooserChannel } from '../citizen/entitlement.types';
import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import { Pupil, TieBreaker } from './admission-round.types';

/**
 * Opens the choice window (skolval) of a scheme for a school year. One round per scheme and
 * school year; the caller picks `roundId` (e.g. `grundskola.2026`).
 */
export type OpenChoiceWindow = Message<
  'OpenChoiceWindow',
  {
    roundId: string;
    schemeId: string;
    /** `YYYY/YY`, e.g. `2026/27`. */
    schoolYear: string;
    /** First and last day families can submit (inclusive). */
    opensOn: CalendarDate;
    closesOn: CalendarDate;
    /** First day of the school year: when admission placements start. */
    placementsFrom: CalendarDate;
    tieBreaker: TieBreaker;
    /**
     * The lottery seed, if the municipality commits to it up front (e.g. drawn in public). Kept
     * out of published views until the run; otherwise given to `RunAdmission`.
     */
    lotterySeed?: string | null;
  }
>;

/** A family's ranked preferences for one pupil; a new submission replaces the earlier one. */
export type SubmitPreferences = Message<
  'SubmitPreferences',
  {
    roundId: string;
    citizenId: string;
    entitlementId: string;
    /** Provider ids, first choice first: 1 to 5, distinct. */
    preferences: string[];
    /** Schools where a sibling goes; only those among the preferences are kept. */
    siblingAt?: string[];
    /** Metres from home per school; only those among the preferences are kept. */
    distanceMetres?: Record<string, number>;
    madeBy: Chooser;
    channel: ChooserChannel;
  }
>;

/** Runs the admission once the window has closed. */
export type RunAdmission = Message<
  'RunAdmission',
  {
    roundId: string;
    /** Places per school; null for no ceiling. Must list the non-choice school. */
    capacities: Record<string, number | null>;
    nonChoiceProviderId: string;
    /** The lottery seed; may be left out if given when the window opened (then must match). */
    seed?: string | null;
    /** Every pupil to place, including those who submitted nothing (from the entitlements). */
    pupils?: Pupil[];
  }
>;

/** Every command of the `admission-round` aggregate. */
export type AdmissionRoundCommand = OpenChoiceWindow | SubmitPreferences | RunAdmission;
