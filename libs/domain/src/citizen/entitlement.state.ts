import { addDays, CalendarDate } from '../shared/calendar-date';
import { EntitlementEvent } from './entitlement.events';
import { LevelPeriod, PerformedHoursReport, Placement, Supplement } from './entitlement.types';

/** An entitlement stream with no events yet. */
export type UngrantedEntitlement = Readonly<{ status: 'not_granted' }>;

/**
 * A granted entitlement. `status` is `ended` as soon as an end is recorded, even if the end date
 * is still ahead; dated commands up to the end date are still accepted.
 */
export type GrantedEntitlement = Readonly<{
  status: 'granted' | 'ended';
  entitlementId: string;
  citizenId: string;
  schemeId: string;
  decisionRef: string;
  validFrom: CalendarDate;
  /** Last day as granted (inclusive); see `endDate` for an early end. */
  validTo: CalendarDate | null;
  choiceDeadline: CalendarDate | null;
  /** True for hourly schemes: every level entry then carries granted hours. */
  hourly: boolean;
  /** Level history in recording order; the one in force is read with `levelOn`. */
  levels: readonly LevelPeriod[];
  /**
   * Placement history in date order, without gaps or overlaps: each placement ends the day
   * before the next starts. A placement replaced before it started is no longer listed (the log
   * keeps it).
   */
  placements: readonly Placement[];
  /** Last day entitled after an early end (inclusive), or null. */
  endDate: CalendarDate | null;
  endReason: string | null;
  grantedOn: CalendarDate;
  /** Individual supplements (tilläggsbelopp) in granting order. */
  supplements: readonly Supplement[];
  /**
   * Every performed-hours report in recording order, replaced ones included; the one in force
   * for a month and provider is read with `performedHoursFor`.
   */
  performedHours: readonly PerformedHoursReport[];
}>;

/** The state of the `entitlement` aggregate. */
export type EntitlementState = UngrantedEntitlement | GrantedEntitlement;

/** The entitlement before any event. */
export function initialEntitlementState(): EntitlementState {
  return { status: 'not_granted' };
}

// A new placement from `from`: the latest placement ends the day before, or is replaced if it
// would only start that day. Choices are never registered before the latest placement's start.
function withPlacement(
  placements: readonly Placement[],
  placement: Placement,
): readonly Placement[] {
  const latest = placements[placements.length - 1];
  if (latest === undefined) return [placement];
  const earlier = placements.slice(0, -1);
  if (latest.from >= placement.from) return [...earlier, placement];
  return [...earlier, { ...latest, to: addDays(placement.from, -1) }, placement];
}

/** Applies one entitlement event. Events that do not fit the state leave it unchanged. */
export function evolveEntitlement(
  state: EntitlementState,
  event: EntitlementEvent,
): EntitlementState {
  if (event.type === 'EntitlementGranted') {
    const { data } = event;
    return {
      status: 'granted',
      entitlementId: data.entitlementId,
      citizenId: data.citizenId,
      schemeId: data.schemeId,
      decisionRef: data.decisionRef,
      validFrom: data.validFrom,
      validTo: data.validTo,
      choiceDeadline: data.choiceDeadline,
      hourly: data.grantedHoursPerMonth !== null,
      levels: [
        {
          level: data.level,
          grantedHoursPerMonth: data.grantedHoursPerMonth,
          effectiveDate: data.validFrom,
          decisionRef: data.decisionRef,
          recordedOn: data.grantedOn,
        },
      ],
      placements: [],
      endDate: null,
      endReason: null,
      grantedOn: data.grantedOn,
      supplements: [],
      performedHours: [],
    };
  }
  if (state.status === 'not_granted') return state;
  switch (event.type) {
    case 'EntitlementLevelChanged': {
      const { level, effectiveDate, grantedHoursPerMonth, decisionRef, changedOn } = event.data;
      return {
        ...state,
        levels: [
          ...state.levels,
          { level, grantedHoursPerMonth, effectiveDate, decisionRef, recordedOn: changedOn },
        ],
      };
    }
    case 'EntitlementEnded': {
      const { endDate, reason } = event.data;
      return {
        ...state,
        status: 'ended',
        endDate,
        endReason: reason,
        placements: state.placements
          .filter((placement) => placement.from <= endDate)
          .map((placement) =>
            placement.to === null || placement.to > endDate
              ? { ...placement, to: endDate }
              : placement,
          ),
      };
    }
    case 'ChoiceRegistered': {
      const { providerId, effectiveDate, kind } = event.data;
      return {
        ...state,
        placements: withPlacement(state.placements, {
          providerId,
          from: effectiveDate,
          to: state.endDate,
          kind,
        }),
      };
    }
    case 'SupplementGranted': {
      const { supplementId, amountOrePerMonth, from, to, decisionRef, grantedOn } = event.data;
      return {
        ...state,
        supplements: [
          ...state.supplements,
          { supplementId, amountOrePerMonth, from, to, endDate: null, decisionRef, grantedOn },
        ],
      };
    }
    case 'SupplementEnded':
      return {
        ...state,
        supplements: state.supplements.map((supplement) =>
          supplement.supplementId === event.data.supplementId
            ? { ...supplement, endDate: event.data.endDate }
            : supplement,
        ),
      };
    case 'PerformedHoursReported': {
      const { reportId, period, providerId, hundredthsOfHours, reportedOn } = event.data;
      return {
        ...state,
        performedHours: [
          ...state.performedHours,
          { reportId, period, providerId, hundredthsOfHours, reportedOn },
        ],
      };
    }
    default:
      return state;
  }
}
