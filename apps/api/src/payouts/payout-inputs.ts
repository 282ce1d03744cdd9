import { Injectable } from '@nestjs/common';
import {
  PaymentRunBuilder,
  PaymentRunInput,
  PaymentRunPreview,
  ProviderState,
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

  /** Everything reconciliation compares for one scheme: all its runs, with every payment. */
  async reconciliationInput(
    session: PayoutSession,
    schemeId: string,
  ): Promise<Omit<PaymentRunInput, 'period'>> {
    const [scheme, previousRuns] = await Promise.all([
      this.records.scheme(schemeId),
      this.records.schemePaymentRuns(schemeId),
    ]);
    const entitlements = [];
    for await (const page of session.entitlements.ofScheme(schemeId)) entitlements.push(...page);
    return { scheme, providers: session.providers, entitlements, previousRuns };
  }
}
