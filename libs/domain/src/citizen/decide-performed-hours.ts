import { assertPeriod, datesOf, periodOf } from '../payout/period';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertIdentifier, assertIntegerInRange } from '../shared/validation';
import { ReportPerformedHours } from './entitlement.commands';
import { EntitlementEvent } from './entitlement.events';
import { grantedEntitlement } from './entitlement.guards';
import { performedHoursFor, providerOn } from './entitlement.queries';
import { EntitlementState } from './entitlement.state';
import { MAX_HUNDREDTHS_PER_MONTH } from './entitlement.types';

/**
 * Records the hours a provider performed for the citizen in a month. Rules: the entitlement is
 * hourly (home care); the month is not in the future; the provider had the citizen on at least
 * one day of that month; 0 to 744 hours in whole hundredths. A later report for the same month
 * and provider replaces the earlier one (the event names it). The same report sent again records
 * nothing; a report id reused for other figures is refused.
 */
export function reportPerformedHours(
  { data }: ReportPerformedHours,
  state: EntitlementState,
  { today }: DecisionContext,
): EntitlementEvent[] {
  const entitlement = grantedEntitlement(state, data.entitlementId);
  if (!entitlement.hourly) {
    throw new DomainError(
      'HOURS_NOT_APPLICABLE',
      'Performed hours are reported for hourly schemes (home care) only.',
      { schemeId: entitlement.schemeId },
    );
  }
  const period = assertPeriod(data.period, 'period');
  const providerId = assertIdentifier(data.providerId, 'providerId');
  const reportId = assertIdentifier(data.reportId, 'reportId');
  const hundredthsOfHours = assertIntegerInRange(
    data.hundredthsOfHours,
    'hundredthsOfHours',
    0,
    MAX_HUNDREDTHS_PER_MONTH,
  );
  const currentPeriod = periodOf(today);
  if (period > currentPeriod) {
    throw new DomainError('DATE_IN_FUTURE', 'Hours cannot be reported for a future month.', {
      field: 'period',
      period,
      currentPeriod,
    });
  }
  const earlier = entitlement.performedHours.find((report) => report.reportId === reportId);
  if (earlier) {
    const same =
      earlier.period === period &&
      earlier.providerId === providerId &&
      earlier.hundredthsOfHours === hundredthsOfHours;
    if (same) return [];
    throw new DomainError(
      'ALREADY_RECORDED',
      `Report "${reportId}" has already been recorded with other figures.`,
      { field: 'reportId', reportId },
    );
  }
  if (!datesOf(period).some((date) => providerOn(entitlement, date) === providerId)) {
    throw new DomainError(
      'PROVIDER_NOT_PLACED',
      `Provider "${providerId}" did not have the citizen on any day of ${period}.`,
      { providerId, period },
    );
  }
  return [
    {
      type: 'PerformedHoursReported',
      data: {
        entitlementId: entitlement.entitlementId,
        citizenId: entitlement.citizenId,
        schemeId: entitlement.schemeId,
        reportId,
        period,
        providerId,
        hundredthsOfHours,
        replacesReportId: performedHoursFor(entitlement, period, providerId)?.reportId ?? null,
        reportedOn: today,
      },
    },
  ];
}
