import { CalendarDate, Instant } from '../shared/calendar-date';
import { Ore } from '../shared/money';
import {
  PaymentRunEvent,
  VoucherPaymentCorrected,
  VoucherPaymentRecorded,
} from './payment-run.events';
import { Period } from './period';

/** A payment-run stream with no events yet: the period has not been paid. */
export type UnapprovedPaymentRun = Readonly<{ status: 'not_approved' }>;

/** An approved run: the period is closed and is never rewritten. */
export type ApprovedPaymentRun = Readonly<{
  status: 'approved';
  runId: string;
  schemeId: string;
  period: Period;
  totalOre: Ore;
  linesTotalOre: Ore;
  correctionsTotalOre: Ore;
  lineCount: number;
  correctionCount: number;
  computedAt: Instant;
  approvedOn: CalendarDate;
  payments: readonly VoucherPaymentRecorded['data'][];
  corrections: readonly VoucherPaymentCorrected['data'][];
}>;

/** The state of the `payment-run` aggregate (one stream per scheme and period). */
export type PaymentRunState = UnapprovedPaymentRun | ApprovedPaymentRun;

/** The run before any event. */
export function initialPaymentRunState(): PaymentRunState {
  return { status: 'not_approved' };
}

/** Applies one payment-run event. Events that do not fit the state leave it unchanged. */
export function evolvePaymentRun(state: PaymentRunState, event: PaymentRunEvent): PaymentRunState {
  if (event.type === 'PaymentRunApproved') {
    return { status: 'approved', ...event.data, payments: [], corrections: [] };
  }
  if (state.status === 'not_approved') return state;
  switch (event.type) {
    case 'VoucherPaymentRecorded':
      return { ...state, payments: [...state.payments, event.data] };
    case 'VoucherPaymentCorrected':
      return { ...state, corrections: [...state.corrections, event.data] };
    default:
      return state;
  }
}

/**
 * Applies many payment-run events at once: the same state as folding them one by one with
 * {@link evolvePaymentRun}, but the payments are collected in one list rather than copied once per
 * event, so loading a run of n payments costs O(n), not O(n²) (a national month has a million).
 */
export function evolvePaymentRunAll(
  state: PaymentRunState,
  events: readonly PaymentRunEvent[],
): PaymentRunState {
  let header = state.status === 'approved' ? state : undefined;
  let payments: VoucherPaymentRecorded['data'][] = header ? [...header.payments] : [];
  let corrections: VoucherPaymentCorrected['data'][] = header ? [...header.corrections] : [];
  for (const event of events) {
    if (event.type === 'PaymentRunApproved') {
      header = { status: 'approved', ...event.data, payments: [], corrections: [] };
      payments = [];
      corrections = [];
    } else if (!header) {
      continue;
    } else if (event.type === 'VoucherPaymentRecorded') {
      payments.push(event.data);
    } else if (event.type === 'VoucherPaymentCorrected') {
      corrections.push(event.data);
    }
  }
  return header ? { ...header, payments, corrections } : state;
}
