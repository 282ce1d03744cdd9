import { CalendarDate, Chooser, ChooserChannel, SwitchReason } from '@kundval/domain';
import { Sex } from './citizen-names';

/** A made-up citizen the seed registers in the identity registry. */
export type CitizenSeed = Readonly<{
  /** The seed's own handle for the citizen (`c00042`); never stored in an event. */
  ref: string;
  /** Normalised personnummer `YYYYMMDDNNNC`, from the test series: registry only. */
  personalNumber: string;
  name: string;
  sex: Sex;
  birthDate: CalendarDate;
}>;

type StepBase = Readonly<{
  /** The day the step is decided or made: the clock is set to it. */
  on: CalendarDate;
  /** Idempotency key without the `seed:` prefix. */
  key: string;
  citizenRef: string;
  entitlementId: string;
  schemeId: string;
}>;

/** The entitlement decision. */
export type GrantStep = StepBase &
  Readonly<{
    kind: 'grant';
    decisionRef: string;
    level: string;
    grantedHoursPerMonth: number | null;
    validFrom: CalendarDate;
    validTo: CalendarDate | null;
    choiceDeadline: CalendarDate;
  }>;

/** A citizen's (or guardian's, representative's) first choice or switch. */
export type ChoiceStep = StepBase &
  Readonly<{
    kind: 'choice';
    providerId: string;
    effectiveDate: CalendarDate;
    madeBy: Chooser;
    channel: ChooserChannel;
    /** The provider left, for a switch. */
    previousProviderId: string | null;
    switchReason: SwitchReason | null;
    switchNoticeDays: number | null;
  }>;

/** The non-choice alternative, assigned by the system the day after the choice deadline. */
export type NonChoiceStep = StepBase &
  Readonly<{ kind: 'non-choice'; providerId: string; effectiveDate: CalendarDate }>;

/** A level change (a child moves age band or grade band) or revised granted hours. */
export type LevelChangeStep = StepBase &
  Readonly<{
    kind: 'level-change';
    level: string;
    effectiveDate: CalendarDate;
    grantedHoursPerMonth: number | null;
    decisionRef: string;
  }>;

/** The entitlement ends early; the place held is given back from the next day. */
export type EndStep = StepBase &
  Readonly<{ kind: 'end'; endDate: CalendarDate; reason: string; heldProviderId: string }>;

/** One command of a seeded citizen's history. */
export type CitizenStep = GrantStep | ChoiceStep | NonChoiceStep | LevelChangeStep | EndStep;

/** Everything the citizens' part of the seed does, in the order it happens. */
export type CitizenHistoryPlan = Readonly<{
  citizens: readonly CitizenSeed[];
  /** Sorted by day; on one day, each citizen's steps in their order. */
  steps: readonly CitizenStep[];
}>;
