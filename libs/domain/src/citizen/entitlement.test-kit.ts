// Helpers for the specs of citizen/, placement/ and school-choice/ only (not exported). Free of
// Jest globals so the production build, which compiles libs/**, needs no Jest types.
import { Choosability } from '../provider/choosability';
import { SchemeState } from '../scheme/scheme.state';
import { CalendarDate } from '../shared/calendar-date';
import { schemeEstablished, schemeFrom } from '../testing/domain-test-kit';
import { ChoiceRegistered, EntitlementEvent, EntitlementGranted } from './entitlement.events';
import { EntitlementState, evolveEntitlement, initialEntitlementState } from './entitlement.state';
import { ChoiceKind } from './entitlement.types';

export const CHOOSABLE: Choosability = { choosable: true };

/** Home care: hourly, LOV, since 2010 (the domain test kit's default scheme). */
export const HOME_CARE: SchemeState = schemeFrom([schemeEstablished('hemtjanst', 'lov')]);

/** Preschool: monthly, School Act, since 1994. */
export const PRESCHOOL: SchemeState = schemeFrom([
  {
    type: 'SchemeEstablished',
    data: {
      schemeId: 'forskola',
      name: 'Förskola',
      legalBasis: 'school_act',
      paymentModel: 'monthly',
      startDate: '1994-01-01',
      vatCompensationBasisPoints: 600,
      withdrawalNoticeMonths: 3,
      establishedOn: '1993-11-01',
    },
  },
]);

export function entitlementFrom(events: readonly EntitlementEvent[]): EntitlementState {
  return events.reduce(evolveEntitlement, initialEntitlementState());
}

/** A preschool entitlement e-1 for citizen c-1 from 2025-01-01, deadline 2024-12-15. */
export function entitlementGranted(
  overrides: Partial<EntitlementGranted['data']> = {},
): EntitlementGranted {
  return {
    type: 'EntitlementGranted',
    data: {
      entitlementId: 'e-1',
      citizenId: 'c-1',
      schemeId: 'forskola',
      decisionRef: 'BUN-2024-17',
      level: 'age-1-3',
      grantedHoursPerMonth: null,
      validFrom: '2025-01-01',
      validTo: null,
      choiceDeadline: '2024-12-15',
      grantedOn: '2024-11-01',
      ...overrides,
    },
  };
}

/** A home-care entitlement e-1 for citizen c-1 from 2024-01-01 with 20 hours a month. */
export function homeCareGranted(
  overrides: Partial<EntitlementGranted['data']> = {},
): EntitlementGranted {
  return entitlementGranted({
    schemeId: 'hemtjanst',
    decisionRef: 'SOC-2023-88',
    level: 'standard',
    grantedHoursPerMonth: 20,
    validFrom: '2024-01-01',
    choiceDeadline: null,
    grantedOn: '2023-12-01',
    ...overrides,
  });
}

export function choiceRegistered(
  providerId: string,
  effectiveDate: CalendarDate,
  kind: ChoiceKind = 'first_choice',
  entitlement: { entitlementId?: string; citizenId?: string; schemeId?: string } = {},
): ChoiceRegistered {
  return {
    type: 'ChoiceRegistered',
    data: {
      entitlementId: entitlement.entitlementId ?? 'e-1',
      citizenId: entitlement.citizenId ?? 'c-1',
      schemeId: entitlement.schemeId ?? 'forskola',
      providerId,
      effectiveDate,
      kind,
      madeBy: kind === 'non_choice' || kind === 'admission' ? 'municipality' : 'guardian',
      channel: kind === 'non_choice' || kind === 'admission' ? 'system' : 'web',
      previousProviderId: null,
      switchReason: null,
      nonChoiceCause: kind === 'non_choice' ? 'no_choice' : null,
      admission: null,
      reason: null,
      registeredOn: effectiveDate,
    },
  };
}
