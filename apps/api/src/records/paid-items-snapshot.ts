import { PaidItem, Period } from '@kundval/domain';
import type { SnapshotKind } from '../commands/stream-snapshots';
import { PAYMENT_RUN_STREAM_PREFIX } from './stream-ids';

/**
 * What an approved payment run paid, kept as a snapshot of its stream, which never changes once
 * written. Every run reads what the runs it may still correct paid, and reading that from the log
 * means parsing each payment with its basis: hundreds of thousands of events per scheme and
 * month at national scale, for four amounts and five names each. A snapshot is written when a
 * run is approved (or first read from the log) and is checked against the stream's last event
 * before use, as every stream snapshot is.
 */
export const PAID_ITEMS: SnapshotKind = {
  name: 'paid-items',
  version: 1,
  every: 1,
  streamPrefix: PAYMENT_RUN_STREAM_PREFIX,
};

/**
 * One paid item: payment (0) or correction (1), period paid for, payment id, citizen,
 * entitlement, provider, then voucher, VAT compensation, supplement and total in öre.
 */
type PaidRow = [0 | 1, Period, string, string, string, string, number, number, number, number];

/** The snapshot's state: what the run and its scheme have in common is written once. */
export interface PaidItemsState {
  runId: string;
  runPeriod: Period;
  schemeId: string;
  rows: PaidRow[];
}

/** The items as a snapshot; undefined if some item is not of the run and scheme given. */
export function compactPaidItems(
  run: Pick<PaidItemsState, 'runId' | 'runPeriod' | 'schemeId'>,
  items: readonly PaidItem[],
): PaidItemsState | undefined {
  const rows: PaidRow[] = [];
  for (const item of items) {
    if (
      item.runId !== run.runId ||
      item.runPeriod !== run.runPeriod ||
      item.schemeId !== run.schemeId
    ) {
      return undefined;
    }
    const { amounts } = item;
    rows.push([
      item.kind === 'payment' ? 0 : 1,
      item.period,
      item.paymentId,
      item.citizenId,
      item.entitlementId,
      item.providerId,
      amounts.voucherOre,
      amounts.vatCompensationOre,
      amounts.supplementOre,
      amounts.totalOre,
    ]);
  }
  return { runId: run.runId, runPeriod: run.runPeriod, schemeId: run.schemeId, rows };
}

/** The snapshot's items, `pageSize` at a time, as the log would have given them. */
export function* expandPaidItems(state: PaidItemsState, pageSize: number): Generator<PaidItem[]> {
  const { runId, runPeriod, schemeId, rows } = state;
  for (let from = 0; from < rows.length; from += pageSize) {
    yield rows
      .slice(from, from + pageSize)
      .map(
        ([kind, period, paymentId, citizenId, entitlementId, providerId, v, vat, sup, total]) => ({
          paymentId,
          kind: kind === 0 ? 'payment' : 'correction',
          runId,
          runPeriod,
          schemeId,
          period,
          citizenId,
          entitlementId,
          providerId,
          amounts: {
            voucherOre: v,
            vatCompensationOre: vat,
            supplementOre: sup,
            totalOre: total,
          },
        }),
      );
  }
}
