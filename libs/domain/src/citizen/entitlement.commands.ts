import type { Choosability } from '../provider/choosability';
import type { SchemeState } from '../scheme/scheme.state';
import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import {
  ActorRole,
  Chooser,
  ChooserChannel,
  NonChoiceCause,
  SwitchReason,
} from './entitlement.types';

/**
 * Grants an entitlement (a voucher right) in a scheme, after a decision (biståndsbeslut,
 * placement decision) or by law (school). `scheme` is the scheme's state, loaded by the caller:
 * hourly schemes need `grantedHoursPerMonth`, the others must leave it out.
 */
export type GrantEntitlement = Message<
  'GrantEntitlement',
  {
    entitlementId: string;
    /** The pseudonymous citizen id, never a personal identity number. */
    citizenId: string;
    schemeId: string;
    /** The decision's reference (diarienummer, beslutsnummer). */
    decisionRef: string;
    /** Age band, school grade, care level… (matches the scheme's rate levels). */
    level: string;
    grantedHoursPerMonth?: number | null;
    /** First day entitled. */
    validFrom: CalendarDate;
    /** Last day entitled (inclusive), or open-ended. */
    validTo?: CalendarDate | null;
    /** Last day to choose; after it the non-choice alternative is assigned. */
    choiceDeadline?: CalendarDate | null;
    scheme: SchemeState;
  }
>;

/**
 * Changes the level from a date: a child moves age band or grade, a care decision is revised
 * (with new granted hours for hourly schemes; left out, the hours in force stay).
 */
export type ChangeEntitlementLevel = Message<
  'ChangeEntitlementLevel',
  {
    entitlementId: string;
    level: string;
    effectiveDate: CalendarDate;
    grantedHoursPerMonth?: number | null;
    decisionRef?: string | null;
  }
>;

/** Ends the entitlement after `endDate`, its last day (inclusive). */
export type EndEntitlement = Message<
  'EndEntitlement',
  { entitlementId: string; endDate: CalendarDate; reason: string }
>;

/**
 * A choice of provider from `effectiveDate`: the first choice, or a switch if the entitlement
 * already has a placement then (the old one ends the day before; the voucher follows).
 * `choosability` is `isChoosable(provider, scheme, effectiveDate)`, computed by the caller.
 * Capacity is not checked here but by the provider's roster (`ReservePlace`).
 */
export type RegisterChoice = Message<
  'RegisterChoice',
  {
    entitlementId: string;
    providerId: string;
    effectiveDate: CalendarDate;
    madeBy: Chooser;
    channel: ChooserChannel;
    actorRole: ActorRole;
    /** Why the citizen switches, if they say; recorded for switches only. */
    switchReason?: SwitchReason | null;
    /** Free-text justification; required when the effective date is before today. */
    reason?: string | null;
    choosability: Choosability;
    /**
     * Notice period for a switch, in days (home care: typically 14). A switch then takes effect
     * no earlier than today plus the notice, unless a caseworker registers it.
     */
    switchNoticeDays?: number | null;
  }
>;

/**
 * Assigns the non-choice alternative (ickevalsalternativ) from `effectiveDate`. Issued by the
 * non-choice saga (`actorRole: 'system'`) or by a caseworker. `providerId` comes from
 * `nonChoiceProviderFor`. For `provider_leaving`, `leavingProviderId` names the provider leaving
 * the scheme and `effectiveDate` should be the date it leaves.
 */
export type AssignNonChoiceProvider = Message<
  'AssignNonChoiceProvider',
  {
    entitlementId: string;
    providerId: string;
    effectiveDate: CalendarDate;
    cause: Exclude<NonChoiceCause, 'no_preference_met'>;
    leavingProviderId?: string | null;
    actorRole: Extract<ActorRole, 'caseworker' | 'system'>;
    reason?: string | null;
    choosability: Choosability;
  }
>;

/**
 * Places a pupil as a school admission run decided (`AdmissionCompleted`), from the first day of
 * the school year. Issued by the admission process manager for every pupil in the result.
 */
export type PlaceByAdmission = Message<
  'PlaceByAdmission',
  {
    entitlementId: string;
    providerId: string;
    effectiveDate: CalendarDate;
    roundId: string;
    /** The rank of the preference met (1–5), or null when placed by the non-choice rule. */
    preferenceMet: number | null;
    /** Set when `preferenceMet` is null: whether the pupil chose nothing or got no preference. */
    nonChoiceCause?: Extract<NonChoiceCause, 'no_choice' | 'no_preference_met'> | null;
    actorRole: Extract<ActorRole, 'caseworker' | 'system'>;
    reason?: string | null;
    choosability: Choosability;
  }
>;

/**
 * Grants an individual supplement (tilläggsbelopp): an amount per month from `from` (within the
 * entitlement; may be backdated, the payout corrects closed months) to `to` (inclusive) or
 * open-ended.
 */
export type GrantSupplement = Message<
  'GrantSupplement',
  {
    entitlementId: string;
    supplementId: string;
    amountOrePerMonth: number;
    from: CalendarDate;
    to?: CalendarDate | null;
    decisionRef: string;
  }
>;

/** Ends a supplement after `endDate`, its last day (inclusive). */
export type EndSupplement = Message<
  'EndSupplement',
  { entitlementId: string; supplementId: string; endDate: CalendarDate; reason: string }
>;

/**
 * A provider's report of the hours it performed for the citizen in a month (home care), in
 * hundredths of an hour. A later report for the same month and provider replaces the earlier one
 * (a correction). Who may report for which provider is the application's concern.
 */
export type ReportPerformedHours = Message<
  'ReportPerformedHours',
  {
    entitlementId: string;
    /** The month, `YYYY-MM`: the current month or earlier. */
    period: string;
    providerId: string;
    hundredthsOfHours: number;
    reportId: string;
  }
>;

/** Every command of the `entitlement` aggregate. */
export type EntitlementCommand =
  | GrantEntitlement
  | ChangeEntitlementLevel
  | EndEntitlement
  | RegisterChoice
  | AssignNonChoiceProvider
  | PlaceByAdmission
  | GrantSupplement
  | EndSupplement
  | ReportPerformedHours;
