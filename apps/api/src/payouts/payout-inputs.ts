import { Injectable } from '@nestjs/common';
import { PaymentRunInput, ProviderState } from '@kundval/domain';
import { RecordLoader } from '../records/record-loader';

/**
 * Everything a payment run reads about a scheme, loaded from the log: the scheme (rates, VAT,
 * payment rule), every provider (ownership, authorisation history), the scheme's entitlements
 * (placements, levels, supplements, hours) and its earlier runs (for corrections).
 */
@Injectable()
export class PayoutInputs {
  constructor(private readonly records: RecordLoader) {}

  async load(schemeId: string, period: string): Promise<PaymentRunInput> {
    const [scheme, providers, entitlements, previousRuns] = await Promise.all([
      this.records.scheme(schemeId),
      this.records.allProviders(),
      this.records.allEntitlements(),
      this.records.schemePaymentRuns(schemeId),
    ]);
    const byId: Record<string, ProviderState> = {};
    for (const provider of providers)
      if (provider.status === 'registered') byId[provider.providerId] = provider;
    return {
      period,
      scheme,
      providers: byId,
      entitlements: entitlements.filter(
        (e) => e.status !== 'not_granted' && e.schemeId === schemeId,
      ),
      previousRuns,
    };
  }
}
