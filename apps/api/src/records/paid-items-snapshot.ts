import Database from 'better-sqlite3';
import { AmountsPool, correctionIdOf, PaidItem, paymentIdOf, Period } from '@kundval/domain';
import type { SnapshotKind } from '../commands/stream-snapshots';
import { StringPool } from '../shared/string-pool';
import { PAYMENT_RUN_STREAM_PREFIX } from './stream-ids';

/**
 * What an approved payment run paid, kept as a snapshot of its stream, which never changes once
 * written. Every run reads what the runs it may still correct paid, and reading that from the log
 * means parsing each payment with its basis: hundreds of thousands of events per scheme and
 * month at national scale, for four amounts and five names each. The snapshot's own row (kind
 * below) says which event of the log it was taken at and is checked before use, as every stream
 * snapshot is; the items are rows of a table beside it, read a page at a time.
 */
export const PAID_ITEMS: SnapshotKind = {
  name: 'paid-items',
  version: 2,
  every: 1,
  streamPrefix: PAYMENT_RUN_STREAM_PREFIX,
};

/** The snapshot row's state: what every item of the run has in common. */
export interface PaidItemsHeader {
  runId: string;
  runPeriod: Period;
  schemeId: string;
  count: number;
}

type PaidItemRow = [
  kind: 0 | 1,
  period: Period,
  /** Empty when it is the id the domain gives such a payment (nearly always): see `idOf`. */
  paymentId: string,
  citizenId: string,
  entitlementId: string,
  providerId: string,
  voucherOre: number,
  vatCompensationOre: number,
  supplementOre: number,
  totalOre: number,
];

/** A row as read, with its place in the stream last. */
type PagedRow = [...PaidItemRow, seq: number];

/** An item of one provider: where it is, and what it is for. */
export type ProviderItemRow = [seq: number, kind: 0 | 1, period: Period, entitlementId: string];

const NOT_OF_RUN = new Error('A paid item is not of the run');

/** The paid items of runs, by run stream, in the stream snapshots' file. */
export class PaidItemsTable {
  private readonly insert;
  private readonly clear;
  private readonly page;
  private readonly pageOfPeriod;
  private readonly ofProvider;
  /** Inside the caller's transaction a savepoint: an item not of the run undoes the rest. */
  private readonly write;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS paid_item (
      stream_id            TEXT NOT NULL,
      seq                  INTEGER NOT NULL,
      kind                 INTEGER NOT NULL,
      period               TEXT NOT NULL,
      payment_id           TEXT NOT NULL,
      citizen_id           TEXT NOT NULL,
      entitlement_id       TEXT NOT NULL,
      provider_id          TEXT NOT NULL,
      voucher_ore          INTEGER NOT NULL,
      vat_compensation_ore INTEGER NOT NULL,
      supplement_ore       INTEGER NOT NULL,
      total_ore            INTEGER NOT NULL,
      PRIMARY KEY (stream_id, seq)
    ) WITHOUT ROWID`);
    this.insert = db.prepare<[string, number, ...PaidItemRow]>(
      'INSERT INTO paid_item VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.clear = db.prepare<[string]>('DELETE FROM paid_item WHERE stream_id = ?');
    const columns = `kind, period, payment_id, citizen_id, entitlement_id, provider_id, voucher_ore,
      vat_compensation_ore, supplement_ore, total_ore, seq`;
    this.page = db
      .prepare<[string, number, number], PagedRow>(
        `SELECT ${columns} FROM paid_item WHERE stream_id = ? AND seq >= ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    // No index by period: a run's rows are few enough to scan, and only the period's are made.
    this.pageOfPeriod = db
      .prepare<[string, number, string, number], PagedRow>(
        `SELECT ${columns} FROM paid_item WHERE stream_id = ? AND seq >= ? AND period = ?
         ORDER BY seq LIMIT ?`,
      )
      .raw();
    this.ofProvider = db
      .prepare<[string, string], ProviderItemRow>(
        `SELECT seq, kind, period, entitlement_id FROM paid_item
         WHERE stream_id = ? AND provider_id = ? ORDER BY seq`,
      )
      .raw();
    this.write = db.transaction(
      (streamId: string, run: Omit<PaidItemsHeader, 'count'>, items: Iterable<PaidItem>) => {
        this.clear.run(streamId);
        let seq = 0;
        for (const item of items) {
          const ofRun =
            item.runId === run.runId &&
            item.runPeriod === run.runPeriod &&
            item.schemeId === run.schemeId;
          if (!ofRun) throw NOT_OF_RUN;
          const { amounts } = item;
          this.insert.run(
            streamId,
            seq++,
            item.kind === 'payment' ? 0 : 1,
            item.period,
            item.paymentId === idOf(item) ? '' : item.paymentId,
            item.citizenId,
            item.entitlementId,
            item.providerId,
            amounts.voucherOre,
            amounts.vatCompensationOre,
            amounts.supplementOre,
            amounts.totalOre,
          );
        }
        return { ...run, count: seq };
      },
    );
  }

  /**
   * Replaces the stream's items; the header to write with them, or undefined (and nothing
   * written) if some item is not of the run and scheme given. Items are taken one at a time, so a
   * run's million need not exist at once. Call inside a transaction.
   */
  replace(
    streamId: string,
    run: Omit<PaidItemsHeader, 'count'>,
    items: Iterable<PaidItem>,
  ): PaidItemsHeader | undefined {
    try {
      return this.write(streamId, run, items);
    } catch (error) {
      if (error === NOT_OF_RUN) return undefined;
      throw error;
    }
  }

  /**
   * Where the stream's items for one provider are (`seq`, counted from the first item after the
   * approval), with what identifies each: what a provider's statement reads instead of the run.
   */
  itemsOfProvider(streamId: string, providerId: string): ProviderItemRow[] {
    return this.ofProvider.all(streamId, providerId);
  }

  /**
   * The stream's items in order, `pageSize` at a time (no statement stays open between pages);
   * with `period`, only those paid for it (a run's payments, or its corrections of it).
   */
  *pages(
    streamId: string,
    header: PaidItemsHeader,
    pageSize: number,
    period?: Period,
  ): Generator<PaidItem[]> {
    const { runId, runPeriod, schemeId } = header;
    // A run reads what two months paid before it computes anything: the few periods, providers
    // and amounts among them are held once each instead of once per item.
    const names = new StringPool();
    const amounts = new AmountsPool();
    for (let from = 0; ;) {
      const rows =
        period === undefined
          ? this.page.all(streamId, from, pageSize)
          : this.pageOfPeriod.all(streamId, from, period, pageSize);
      yield rows.map(
        ([kind, period, storedId, citizenId, entitlementId, providerId, v, vat, sup, total]) => {
          const item = {
            paymentId: storedId,
            kind: kind === 0 ? ('payment' as const) : ('correction' as const),
            runId,
            runPeriod,
            schemeId,
            period: names.of(period),
            citizenId,
            entitlementId,
            providerId: names.of(providerId),
            amounts: amounts.of(v, vat, sup, total),
          };
          if (storedId === '') item.paymentId = idOf(item);
          return item;
        },
      );
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) return;
      from = last[10] + 1; // the last row's seq
    }
  }
}

// The id the domain gives a payment or correction with these keys. A run's ids are these (one
// per entitlement, provider and period), so a row stores none: they were a fifth of its bytes.
function idOf(item: Omit<PaidItem, 'paymentId'>): string {
  return item.kind === 'payment'
    ? paymentIdOf(item.schemeId, item.period, item.entitlementId, item.providerId)
    : correctionIdOf(
        item.schemeId,
        item.runPeriod,
        item.period,
        item.entitlementId,
        item.providerId,
      );
}
