import { CalendarDate } from '../shared/calendar-date';

/**
 * Who made a choice: the citizen, a guardian (vårdnadshavare), a representative (god man,
 * förvaltare, ombud), a caseworker on their behalf, or the municipality by its own rules
 * (non-choice and admission placements).
 */
export const CHOICE_MADE_BY = [
  'citizen',
  'guardian',
  'representative',
  'caseworker',
  'municipality',
] as const;
/** Who made a choice. */
export type ChoiceMadeBy = (typeof CHOICE_MADE_BY)[number];

/** Who may make a choice with `RegisterChoice` (the municipality assigns, it does not choose). */
export const CHOOSERS = ['citizen', 'guardian', 'representative', 'caseworker'] as const;
/** Who may make a choice with `RegisterChoice`. */
export type Chooser = (typeof CHOOSERS)[number];

/** How a choice reached the municipality; `system` for placements made by a process. */
export const CHOICE_CHANNELS = ['web', 'paper', 'caseworker', 'system'] as const;
/** How a choice reached the municipality. */
export type ChoiceChannel = (typeof CHOICE_CHANNELS)[number];

/** Channels a citizen's (or their agent's) choice can come through. */
export const CHOOSER_CHANNELS = ['web', 'paper', 'caseworker'] as const;
/** Channels a citizen's (or their agent's) choice can come through. */
export type ChooserChannel = (typeof CHOOSER_CHANNELS)[number];

/**
 * What kind of placement a choice starts: the first choice, a switch ("rösta med fötterna"), the
 * non-choice alternative (ickevalsalternativ), or a school admission by preference.
 */
export const CHOICE_KINDS = ['first_choice', 'switch', 'non_choice', 'admission'] as const;
/** What kind of placement a choice starts. */
export type ChoiceKind = (typeof CHOICE_KINDS)[number];

/** Why a citizen switches provider, if they say. */
export const SWITCH_REASONS = ['unhappy', 'moved', 'other'] as const;
/** Why a citizen switches provider. */
export type SwitchReason = (typeof SWITCH_REASONS)[number];

/**
 * Why the non-choice alternative was assigned: no choice by the deadline (or the citizen cannot
 * or will not choose), none of the school preferences could be met, or the current provider leaves
 * the scheme (de-authorisation or withdrawal) and no new choice was made in time.
 */
export const NON_CHOICE_CAUSES = ['no_choice', 'no_preference_met', 'provider_leaving'] as const;
/** Why the non-choice alternative was assigned. */
export type NonChoiceCause = (typeof NON_CHOICE_CAUSES)[number];

/**
 * The role of whoever issues a command, taken from the authenticated request (or `system` for a
 * saga or process manager). It decides who may backdate and skip a notice period.
 */
export const ACTOR_ROLES = [
  'citizen',
  'guardian',
  'representative',
  'caseworker',
  'system',
] as const;
/** The role of whoever issues a command. */
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Most preferences a family may rank in a school choice, and so the highest rank met. */
export const MAX_PREFERENCES = 5;

/** Longest switch notice a scheme may ask for, in days. */
export const MAX_SWITCH_NOTICE_DAYS = 365;

/**
 * One period with one provider. `to` is the last day (inclusive): the day before the next
 * placement starts, or the entitlement's end date; `null` while open-ended.
 */
export type Placement = Readonly<{
  providerId: string;
  from: CalendarDate;
  to: CalendarDate | null;
  kind: ChoiceKind;
}>;

/**
 * A level (age band, grade, care level) and, for hourly schemes, the granted hours per month,
 * in force from `effectiveDate` until a later entry takes over.
 */
export type LevelPeriod = Readonly<{
  level: string;
  grantedHoursPerMonth: number | null;
  effectiveDate: CalendarDate;
  /** The decision behind this level, if one was referenced. */
  decisionRef: string | null;
  recordedOn: CalendarDate;
}>;

/**
 * An individual supplement (tilläggsbelopp) on top of the voucher: an amount per month from
 * `from` to `to` (inclusive; null while open-ended), after a decision. It is paid to whichever
 * provider has the citizen, prorated like the voucher.
 */
export type Supplement = Readonly<{
  supplementId: string;
  amountOrePerMonth: number;
  from: CalendarDate;
  /** Last day as decided (inclusive), or null. */
  to: CalendarDate | null;
  /** Last day after an early end (inclusive), or null. */
  endDate: CalendarDate | null;
  decisionRef: string;
  grantedOn: CalendarDate;
}>;

/**
 * Hours a provider reports it performed for the citizen in a month (home care), in hundredths of
 * an hour (12.25 h = 1225). A later report for the same month and provider replaces the earlier.
 */
export type PerformedHoursReport = Readonly<{
  reportId: string;
  /** The month, `YYYY-MM`. */
  period: string;
  providerId: string;
  hundredthsOfHours: number;
  reportedOn: CalendarDate;
}>;

/** Most hundredths of an hour a month can hold (744 h). */
export const MAX_HUNDREDTHS_PER_MONTH = 74_400;
