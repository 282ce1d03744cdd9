import { assertCitizenId } from '../citizen/citizen-id';
import { addDays, assertCalendarDate } from '../shared/calendar-date';
import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { unknownCommand } from '../shared/unknown-command';
import { assertIdentifier, assertIntegerInRange } from '../shared/validation';
import { ReleasePlace, ReservePlace, RosterCommand } from './roster.commands';
import { RosterEvent } from './roster.events';
import { peakOccupancyFrom, reservationsOf } from './roster.queries';
import { RosterState } from './roster.state';

/** The largest capacity ceiling accepted, as for `DeclareCapacity`. */
export const MAX_ROSTER_CEILING = 1_000_000;

/**
 * Decides a roster command. Returns the events to append (none if already done), or throws a
 * `DomainError`. Pure; the caller appends with the expected revision of the roster stream.
 */
export function decideRoster(
  command: RosterCommand,
  state: RosterState,
  context: DecisionContext,
): RosterEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'ReservePlace':
      return reserve(command, state, context);
    case 'ReleasePlace':
      return release(command, state, context);
    default:
      return unknownCommand(command);
  }
}

function sameRoster(state: RosterState, providerId: unknown, schemeId: unknown) {
  const ids = {
    providerId: assertIdentifier(providerId, 'providerId'),
    schemeId: assertIdentifier(schemeId, 'schemeId'),
  };
  if (
    state.providerId !== null &&
    (state.providerId !== ids.providerId || state.schemeId !== ids.schemeId)
  ) {
    throw new DomainError('ROSTER_MISMATCH', 'The command addresses another roster.', {
      ...ids,
      stateProviderId: state.providerId,
      stateSchemeId: state.schemeId,
    });
  }
  return ids;
}

/**
 * Takes a place unless the provider is full: the most places taken on any day from `from` to the
 * entitlement's `lastDay` (every day on, if open) has reached the ceiling. The place is held to
 * `lastDay` at most: an entitlement that simply runs out gives its place back without a release,
 * as the placements read model ends its placement then. The same entitlement reserving again
 * from the same day is a no-op; one still holding (or having held) a place on or after `from` is
 * refused.
 */
function reserve(
  { data }: ReservePlace,
  state: RosterState,
  { today }: DecisionContext,
): RosterEvent[] {
  const { providerId, schemeId } = sameRoster(state, data.providerId, data.schemeId);
  const entitlementId = assertIdentifier(data.entitlementId, 'entitlementId');
  const citizenId = assertCitizenId(data.citizenId);
  const from = assertCalendarDate(data.from, 'from');
  const lastDay =
    data.lastDay === undefined || data.lastDay === null
      ? null
      : assertCalendarDate(data.lastDay, 'lastDay');
  if (lastDay !== null && lastDay < from) {
    throw new DomainError('INVALID_DATE', 'lastDay cannot be before from.', { from, lastDay });
  }
  const ceiling =
    data.ceiling === null
      ? null
      : assertIntegerInRange(data.ceiling, 'ceiling', 0, MAX_ROSTER_CEILING, 'INVALID_CAPACITY');

  const own = reservationsOf(state, entitlementId);
  // Still held as reserved (a reservation recorded without a last day counts as the same one).
  if (own.some((r) => r.from === from && (r.to === null || r.to === lastDay))) return [];
  const overlapping = own.find((r) => r.to === null || (r.to >= r.from && r.to >= from));
  if (overlapping) {
    throw new DomainError(
      'PLACE_ALREADY_RESERVED',
      `Entitlement "${entitlementId}" already holds a place here from ${overlapping.from}; release it first.`,
      { entitlementId, reservedFrom: overlapping.from, reservedTo: overlapping.to },
    );
  }
  if (ceiling !== null) {
    const taken = peakOccupancyFrom(state, from, lastDay);
    if (taken >= ceiling) {
      throw new DomainError(
        'PROVIDER_FULL',
        `Provider "${providerId}" is full: all ${ceiling} places are taken from ${from}.`,
        { providerId, schemeId, from, ceiling, taken },
      );
    }
  }
  return [
    {
      type: 'PlaceReserved',
      data: {
        providerId,
        schemeId,
        citizenId,
        entitlementId,
        from,
        lastDay,
        ceiling,
        reservedOn: today,
      },
    },
  ];
}

/** Gives the entitlement's held place back from `from`; a repeat of the same release is a no-op. */
function release(
  { data }: ReleasePlace,
  state: RosterState,
  { today }: DecisionContext,
): RosterEvent[] {
  const { providerId, schemeId } = sameRoster(state, data.providerId, data.schemeId);
  const entitlementId = assertIdentifier(data.entitlementId, 'entitlementId');
  const from = assertCalendarDate(data.from, 'from');
  const own = reservationsOf(state, entitlementId);
  const latest = own[own.length - 1];
  if (latest === undefined) {
    throw new DomainError(
      'RESERVATION_NOT_FOUND',
      `Entitlement "${entitlementId}" holds no place with provider "${providerId}".`,
      { entitlementId, providerId, schemeId },
    );
  }
  // Already given back by then: nothing to do. An earlier date shortens a later release (an
  // entitlement ending before a switch that was already scheduled).
  if (latest.to !== null && latest.to <= addDays(from, -1)) return [];
  return [
    {
      type: 'PlaceReleased',
      data: { providerId, schemeId, entitlementId, from, releasedOn: today },
    },
  ];
}
