import { addDays, assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertOre } from '../shared/money';
import { assertIdentifier, assertText } from '../shared/validation';
import { EndSupplement, GrantSupplement } from './entitlement.commands';
import { EntitlementEvent } from './entitlement.events';
import { assertEntitledOn, grantedEntitlement } from './entitlement.guards';
import { lastEntitledDay } from './entitlement.queries';
import { EntitlementState } from './entitlement.state';

function invalidDate(field: string, message: string, details: Record<string, unknown>): never {
  throw new DomainError('INVALID_DATE', message, { field, ...details });
}

/**
 * Grants a supplement (tilläggsbelopp). Rules: a positive amount per month; `from` within the
 * entitlement (it may lie before today: decisions recorded late are paid by corrections); `to`
 * not before `from` nor after the entitlement's last day. Granting the same supplement again
 * with the same terms records nothing; with other terms it is refused.
 */
export function grantSupplement(
  { data }: GrantSupplement,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const supplementId = assertIdentifier(data.supplementId, 'supplementId');
  const amountOrePerMonth = assertOre(data.amountOrePerMonth, 'amountOrePerMonth', 'positive');
  const from = assertCalendarDate(data.from, 'from');
  const to: CalendarDate | null =
    data.to === undefined || data.to === null ? null : assertCalendarDate(data.to, 'to');
  const decisionRef = assertText(data.decisionRef, 'decisionRef', 200);

  const existing = entitlement.supplements.find((s) => s.supplementId === supplementId);
  if (existing) {
    const same =
      existing.amountOrePerMonth === amountOrePerMonth &&
      existing.from === from &&
      existing.to === to &&
      existing.decisionRef === decisionRef;
    if (same) return [];
    throw new DomainError(
      'SUPPLEMENT_ALREADY_GRANTED',
      `Supplement "${supplementId}" has already been granted with other terms.`,
      { supplementId },
    );
  }
  assertEntitledOn(entitlement, from, 'from');
  if (to !== null) {
    if (to < from)
      invalidDate('to', 'to cannot be earlier than from.', { date: to, earliest: from });
    const last = lastEntitledDay(entitlement);
    if (last !== null && to > last) {
      invalidDate('to', "to cannot be later than the entitlement's last day.", {
        date: to,
        latest: last,
      });
    }
  }
  return [
    {
      type: 'SupplementGranted',
      data: {
        entitlementId: entitlement.entitlementId,
        supplementId,
        amountOrePerMonth,
        from,
        to,
        decisionRef,
        grantedOn: today,
      },
    },
  ];
}

/**
 * Ends a supplement after `endDate` (its last day): not before the day before it started (a
 * revoked decision) nor after its decided `to`. A supplement is ended once.
 */
export function endSupplement(
  { data }: EndSupplement,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  const supplementId = assertIdentifier(data.supplementId, 'supplementId');
  const supplement = entitlement.supplements.find((s) => s.supplementId === supplementId);
  if (!supplement) {
    throw new DomainError(
      'SUPPLEMENT_NOT_FOUND',
      `Supplement "${supplementId}" has not been granted on this entitlement.`,
      { supplementId },
    );
  }
  if (supplement.endDate !== null) {
    throw new DomainError(
      'SUPPLEMENT_ENDED',
      `Supplement "${supplementId}" has already been ended (last day ${supplement.endDate}).`,
      { supplementId, endDate: supplement.endDate },
    );
  }
  const endDate = assertCalendarDate(data.endDate, 'endDate');
  const earliest = addDays(supplement.from, -1);
  if (endDate < earliest) {
    invalidDate('endDate', 'endDate cannot be earlier than the day before the supplement starts.', {
      date: endDate,
      earliest,
    });
  }
  if (supplement.to !== null && endDate > supplement.to) {
    invalidDate('endDate', "endDate cannot be later than the supplement's decided last day.", {
      date: endDate,
      latest: supplement.to,
    });
  }
  return [
    {
      type: 'SupplementEnded',
      data: {
        entitlementId: entitlement.entitlementId,
        supplementId,
        endDate,
        reason: assertText(data.reason, 'reason'),
        endedOn: today,
      },
    },
  ];
}
