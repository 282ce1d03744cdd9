import { Injectable } from '@nestjs/common';
import {
  firstDayOf,
  lastDayOf,
  PaymentRunBuilder,
  PaymentRunPreview,
  ProviderState,
  Reconciliation,
  ReconciliationBuilder,
  voucherLineCalculator,
} from '@kundval/domain';
import { ProviderDirectory } from '../providers/provider-directory';
import { nextTurn } from '../shared/next-turn';
import { RecordLoader } from '../records/record-loader';
import { EntitlementSnapshot, EntitlementSnapshots } from '../records/entitlement-snapshot';

/**
 * What every scheme's run of one request shares, loaded once: every provider (ownership,
 * authorisation history) and the entitlements as of the request's start.
 */
export interface PayoutSession {
  providers: Record<string, ProviderState>;
  entitlements: EntitlementSnapshot;
  close(): void;
}

/**
 * Everything a payment run reads about a scheme: the scheme (rates, VAT, payment rule), the
 * providers, the scheme's entitlements (placements, levels, supplements, hours) and its earlier
 * runs: only their headers, plus what was paid in the periods the run may still correct.
 */
@Injectable()
export class PayoutInputs {
  constructor(
    private readonly records: RecordLoader,
    private readonly snapshots: EntitlementSnapshots,
    private readonly directory: ProviderDirectory,
  ) {}

  async open(): Promise<PayoutSession> {
    const entitlements = await this.snapshots.open();
    try {
      const providers: Record<string, ProviderState> = {};
      for (const provider of await this.directory.all())
        if (provider.status === 'registered') providers[provider.providerId] = provider;
      return { providers, entitlements, close: () => entitlements.close() };
    } catch (error) {
      entitlements.close();
      throw error;
    }
  }

  /** Computes one scheme's run, streaming its entitlements through the builder. */
  async preview(
    session: PayoutSession,
    schemeId: string,
    period: string,
  ): Promise<PaymentRunPreview> {
    const [scheme, runs] = await Promise.all([
      this.records.scheme(schemeId),
      this.records.paymentRunHeaders(schemeId),
    ]);
    const builder = new PaymentRunBuilder({
      period,
      scheme,
      providers: session.providers,
      closedPeriods: runs.map((run) => run.period),
    });
    // Corrections of a correctable period are made by later runs, which are correctable too.
    for (const runPeriod of builder.correctablePeriods) {
      for await (const items of this.records.paidItems(schemeId, runPeriod)) {
        builder.addPaid(items);
        await nextTurn();
      }
    }
    for await (const page of session.entitlements.ofScheme(schemeId, {
      entitledWithin: builder.days,
    })) {
      for (const entitlement of page) builder.addEntitlement(entitlement);
    }
    return builder.finish();
  }

  /**
   * Reconciles one scheme a closed period at a time (or only `period`): what every run paid for
   * the period (its own payments, and later runs' corrections of it) against the period
   * recomputed from the entitlements, so that one period's rows are held at a time.
   */
  async reconcile(
    session: PayoutSession,
    schemeId: string,
    period?: string,
  ): Promise<Reconciliation> {
    const [scheme, runs] = await Promise.all([
      this.records.scheme(schemeId),
      this.records.paymentRunHeaders(schemeId),
    ]);
    const builder = new ReconciliationBuilder();
    const closed = runs
      .map((run) => run.period)
      .filter((p) => period === undefined || p === period);
    for (const closedPeriod of closed) {
      // A run corrects only periods before its own.
      for (const run of runs.filter((r) => r.period >= closedPeriod)) {
        for await (const items of this.records.paidItemsFor(schemeId, run.period, closedPeriod)) {
          builder.addPaid(items);
          await nextTurn();
        }
      }
      const linesOf = voucherLineCalculator({
        scheme,
        providers: session.providers,
        period: closedPeriod,
      });
      const entitledWithin = { from: firstDayOf(closedPeriod), to: lastDayOf(closedPeriod) };
      for await (const page of session.entitlements.ofScheme(schemeId, { entitledWithin })) {
        for (const entitlement of page) builder.addRecomputed(linesOf(entitlement));
      }
      builder.settle();
    }
    return builder.finish();
  }
}
