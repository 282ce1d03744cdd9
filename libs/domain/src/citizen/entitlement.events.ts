import { CalendarDate } from '../shared/calendar-date';
import { Message } from '../shared/messages';
import {
  ChoiceChannel,
  ChoiceKind,
  ChoiceMadeBy,
  NonChoiceCause,
  SwitchReason,
} from './entitlement.types';

/** A citizen was granted an entitlement (a voucher right) in a scheme. */
export type EntitlementGranted = Message<
  'EntitlementGranted',
  {
    entitlementId: string;
    /** Pseudonymous: the personal identity number lives only in the identity registry. */
    citizenId: string;
    schemeId: string;
    decisionRef: string;
    level: string;
    /** Granted hours per month for hourly schemes (home care), otherwise null. */
    grantedHoursPerMonth: number | null;
    validFrom: CalendarDate;
    /** Last day (inclusive), or null if open-ended. */
    validTo: CalendarDate | null;
    choiceDeadline: CalendarDate | null;
    grantedOn: CalendarDate;
  }
>;

/** The level (and, for hourly schemes, the granted hours) changes from a date. */
export type EntitlementLevelChanged = Message<
  'EntitlementLevelChanged',
  {
    entitlementId: string;
    level: string;
    effectiveDate: CalendarDate;
    grantedHoursPerMonth: number | null;
    decisionRef: string | null;
    changedOn: CalendarDate;
  }
>;

/**
 * The entitlement ends after `endDate` (its last day, inclusive). A placement running then ends
 * the same day; placements that would start later are cancelled.
 */
export type EntitlementEnded = Message<
  'EntitlementEnded',
  { entitlementId: string; endDate: CalendarDate; reason: string; endedOn: CalendarDate }
>;

/**
 * A placement with a provider starts on `effectiveDate`. The placement in force then (named by
 * `previousProviderId`) ends the day before; if it would only have started that same day, it is
 * replaced. Capacity is the roster's: the caller reserved the place before appending this.
 */
export type ChoiceRegistered = Message<
  'ChoiceRegistered',
  {
    entitlementId: string;
    citizenId: string;
    schemeId: string;
    providerId: string;
    effectiveDate: CalendarDate;
    kind: ChoiceKind;
    madeBy: ChoiceMadeBy;
    channel: ChoiceChannel;
    previousProviderId: string | null;
    /** For a switch: why the citizen switched, if they said. */
    switchReason: SwitchReason | null;
    /** For a non-choice placement: why it was assigned. */
    nonChoiceCause: NonChoiceCause | null;
    /** For a school admission: the round and the preference met (null: non-choice rule). */
    admission: Readonly<{ roundId: string; preferenceMet: number | null }> | null;
    /** Free-text justification (required for a backdated effective date). */
    reason: string | null;
    registeredOn: CalendarDate;
  }
>;

/** An individual supplement (tilläggsbelopp) was granted. */
export type SupplementGranted = Message<
  'SupplementGranted',
  {
    entitlementId: string;
    supplementId: string;
    amountOrePerMonth: number;
    from: CalendarDate;
    to: CalendarDate | null;
    decisionRef: string;
    grantedOn: CalendarDate;
  }
>;

/** A supplement ends after `endDate` (its last day, inclusive). */
export type SupplementEnded = Message<
  'SupplementEnded',
  {
    entitlementId: string;
    supplementId: string;
    endDate: CalendarDate;
    reason: string;
    endedOn: CalendarDate;
  }
>;

/**
 * A provider reported the hours it performed for the citizen in a month. `replacesReportId`
 * names the earlier report for the same month and provider that this one corrects, if any.
 */
export type PerformedHoursReported = Message<
  'PerformedHoursReported',
  {
    entitlementId: string;
    citizenId: string;
    schemeId: string;
    reportId: string;
    period: string;
    providerId: string;
    hundredthsOfHours: number;
    replacesReportId: string | null;
    reportedOn: CalendarDate;
  }
>;

/** Every event of the `entitlement` aggregate. */
export type EntitlementEvent =
  | EntitlementGranted
  | EntitlementLevelChanged
  | EntitlementEnded
  | ChoiceRegistered
  | SupplementGranted
  | SupplementEnded
  | PerformedHoursReported;
