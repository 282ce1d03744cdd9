// Helpers for the payout specs only (not exported). Free of Jest globals so the production
// build, which compiles libs/**, needs no Jest types.
import { choiceRegistered, entitlementGranted } from '../citizen/entitlement.test-kit';
import { EntitlementEvent, EntitlementGranted } from '../citizen/entitlement.events';
import {
  EntitlementState,
  evolveEntitlement,
  initialEntitlementState,
} from '../citizen/entitlement.state';
import { ChoiceKind } from '../citizen/entitlement.types';
import { ProviderEvent } from '../provider/provider.events';
import { ProviderState } from '../provider/provider.state';
import { Ownership } from '../provider/provider.types';
import { SchemeEvent } from '../scheme/scheme.events';
import { SchemeState } from '../scheme/scheme.state';
import { LegalBasis, PaymentModel, PaymentRule } from '../scheme/scheme.types';
import { CalendarDate } from '../shared/calendar-date';
import {
  applied,
  contextOn,
  contractSigned,
  granted,
  providerFrom,
  providerRegistered,
  schemeFrom,
} from '../testing/domain-test-kit';
import { decidePaymentRun } from './decide-payment-run';
import { PaymentRunEvent } from './payment-run.events';
import { evolvePaymentRun, initialPaymentRunState, PaymentRunState } from './payment-run.state';
import {
  approvalOf,
  PaymentRunInput,
  previewPaymentRun,
  PaymentRunPreview,
} from './preview-payment-run';
import { Period } from './period';

export type RateSpec = { level: string; amountOre: number; effectiveDate: CalendarDate };

/** A scheme with rates scheduled long ago and, optionally, a payment rule from 2000-01. */
export function schemeWith(options: {
  schemeId: string;
  paymentModel: PaymentModel;
  legalBasis?: LegalBasis;
  rates: RateSpec[];
  rule?: PaymentRule;
  vat?: { basisPoints: number; effectiveDate: CalendarDate }[];
}): SchemeState {
  const { schemeId } = options;
  const events: SchemeEvent[] = [
    {
      type: 'SchemeEstablished',
      data: {
        schemeId,
        name: schemeId,
        legalBasis: options.legalBasis ?? 'lov',
        paymentModel: options.paymentModel,
        startDate: '2010-01-01',
        vatCompensationBasisPoints: 600,
        withdrawalNoticeMonths: 3,
        establishedOn: '2009-11-01',
      },
    },
    ...options.rates.map((rate): SchemeEvent => ({
      type: 'SchemeRateScheduled',
      data: { schemeId, ...rate, scheduledOn: '2009-12-01' },
    })),
    ...(options.vat ?? []).map((vat): SchemeEvent => ({
      type: 'SchemeVatCompensationSet',
      data: { schemeId, ...vat, setOn: '2009-12-01' },
    })),
    ...(options.rule
      ? [
          {
            type: 'SchemePaymentRuleSet',
            data: { schemeId, ...options.rule, effectiveFrom: '2000-01', setOn: '2009-12-01' },
          } as SchemeEvent,
        ]
      : []),
  ];
  return schemeFrom(events);
}

/** Registered (2011) and authorised in the scheme from 2011-03-01, with a contract. */
export function authorisedEvents(
  providerId: string,
  schemeId: string,
  ownership: Ownership = 'private',
): ProviderEvent[] {
  return [
    providerRegistered(providerId, `Provider ${providerId}`, ownership),
    applied(providerId, schemeId),
    granted(providerId, schemeId),
    contractSigned(providerId, schemeId),
  ];
}

export function providerOf(
  providerId: string,
  schemeId: string,
  ownership: Ownership = 'private',
  more: ProviderEvent[] = [],
): ProviderState {
  return providerFrom([...authorisedEvents(providerId, schemeId, ownership), ...more]);
}

export function providersById(...states: ProviderState[]): Record<string, ProviderState> {
  return Object.fromEntries(
    states.map((state) => [state.status === 'registered' ? state.providerId : '?', state]),
  );
}

export function entitlementOf(events: readonly EntitlementEvent[]): EntitlementState {
  return events.reduce(evolveEntitlement, initialEntitlementState());
}

/** An entitlement granted in `schemeId` with the given terms (citizen c-1, entitlement e-1). */
export function grantedIn(
  schemeId: string,
  overrides: Partial<EntitlementGranted['data']> = {},
): EntitlementGranted {
  return entitlementGranted({
    schemeId,
    choiceDeadline: null,
    validFrom: '2024-01-01',
    grantedOn: '2023-12-01',
    ...overrides,
  });
}

export function placed(
  schemeId: string,
  providerId: string,
  from: CalendarDate,
  kind: ChoiceKind = 'first_choice',
  ids: { entitlementId?: string; citizenId?: string } = {},
): EntitlementEvent {
  return choiceRegistered(providerId, from, kind, { schemeId, ...ids });
}

/** Previews and approves a run on `approvedOn`, returning the preview and the run's state. */
export function runPayment(
  input: PaymentRunInput,
  approvedOn: CalendarDate,
): { preview: PaymentRunPreview; events: PaymentRunEvent[]; run: PaymentRunState } {
  const preview = previewPaymentRun(input);
  const command = approvalOf(preview, {
    runId: `run-${preview.schemeId}-${preview.period}`,
    computedAt: `${approvedOn}T08:00:00.000Z`,
  });
  const events = decidePaymentRun(command, initialPaymentRunState(), contextOn(approvedOn));
  return { preview, events, run: events.reduce(evolvePaymentRun, initialPaymentRunState()) };
}

export function periodInput(
  period: Period,
  scheme: SchemeState,
  providers: Record<string, ProviderState>,
  entitlements: EntitlementState[],
  previousRuns: PaymentRunState[] = [],
): PaymentRunInput {
  return { period, scheme, providers, entitlements, previousRuns };
}
