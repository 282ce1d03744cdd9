import { Inject, Injectable } from '@nestjs/common';
import {
  AdmissionRoundState,
  admissionRoundDecider,
  PaymentRunState,
  paymentRunDecider,
  ConditionCatalogueState,
  conditionCatalogueDecider,
  EntitlementState,
  entitlementDecider,
  RosterState,
  rosterDecider,
  ProviderState,
  providerDecider,
  SchemeState,
  schemeDecider,
} from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { DomainEvent } from '../commands/decider';
import { upcast } from './upcasters/upcast';
import {
  ADMISSION_ROUND_STREAM_PREFIX,
  citizenEntitlementsPrefix,
  ENTITLEMENT_STREAM_PREFIX,
  PROVIDER_STREAM_PREFIX,
  SCHEME_STREAM_PREFIX,
  schemePaymentRunsPrefix,
  streamIds,
} from './stream-ids';

interface Folder<S> {
  initialState: () => S;
  evolve(state: S, event: never): S;
}

/**
 * Current state of records, folded from their streams. (Read models built by projections replace
 * the whole-log scans here once they exist.)
 */
@Injectable()
export class RecordLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  scheme(schemeId: string): Promise<SchemeState> {
    return this.load(schemeDecider, streamIds.scheme(schemeId));
  }

  provider(providerId: string): Promise<ProviderState> {
    return this.load(providerDecider, streamIds.provider(providerId));
  }

  conditionCatalogue(): Promise<ConditionCatalogueState> {
    return this.load(conditionCatalogueDecider, streamIds.conditionCatalogue());
  }

  entitlement(citizenId: string, entitlementId: string): Promise<EntitlementState> {
    return this.load(entitlementDecider, streamIds.entitlement(citizenId, entitlementId));
  }

  /** A citizen's entitlements, each with its history of placements. */
  citizenEntitlements(citizenId: string): Promise<EntitlementState[]> {
    return this.loadAll(entitlementDecider, citizenEntitlementsPrefix(citizenId));
  }

  /** Every entitlement in the ledger (until a read model takes this over). */
  allEntitlements(): Promise<EntitlementState[]> {
    return this.loadAll(entitlementDecider, ENTITLEMENT_STREAM_PREFIX);
  }

  roster(schemeId: string, providerId: string): Promise<RosterState> {
    return this.load(rosterDecider, streamIds.roster(schemeId, providerId));
  }

  admissionRound(roundId: string): Promise<AdmissionRoundState> {
    return this.load(admissionRoundDecider, streamIds.admissionRound(roundId));
  }

  paymentRun(schemeId: string, period: string): Promise<PaymentRunState> {
    return this.load(paymentRunDecider, streamIds.paymentRun(schemeId, period));
  }

  /** A scheme's payment runs, oldest period first. */
  async schemePaymentRuns(schemeId: string): Promise<PaymentRunState[]> {
    const runs = await this.loadAll(paymentRunDecider, schemePaymentRunsPrefix(schemeId));
    return runs.sort((a, b) =>
      a.status === 'approved' && b.status === 'approved' ? a.period.localeCompare(b.period) : 0,
    );
  }

  allAdmissionRounds(): Promise<AdmissionRoundState[]> {
    return this.loadAll(admissionRoundDecider, ADMISSION_ROUND_STREAM_PREFIX);
  }

  async allSchemes(): Promise<SchemeState[]> {
    return this.loadAll(schemeDecider, SCHEME_STREAM_PREFIX);
  }

  async allProviders(): Promise<ProviderState[]> {
    return this.loadAll(providerDecider, PROVIDER_STREAM_PREFIX);
  }

  private async load<S>(folder: Folder<S>, streamId: string): Promise<S> {
    return fold(folder, await this.store.readStream(streamId));
  }

  private async loadAll<S>(folder: Folder<S>, prefix: string): Promise<S[]> {
    const byStream = new Map<string, RecordedEvent[]>();
    let after = 0;
    for (;;) {
      const page = await this.store.readAll({
        after,
        limit: 5000,
        filter: { streamPrefixes: [prefix] },
      });
      for (const event of page) {
        const events = byStream.get(event.streamId) ?? [];
        events.push(event);
        byStream.set(event.streamId, events);
      }
      if (page.length < 5000) break;
      after = page[page.length - 1].position;
    }
    return [...byStream.values()].map((events) => fold(folder, events));
  }
}

/** Folds a stream's events (upcast to their current schema) into state. */
export function fold<S>(folder: Folder<S>, events: RecordedEvent[]): S {
  const evolve = folder.evolve as (state: S, event: DomainEvent) => S;
  return events
    .map(upcast)
    .reduce((state, e) => evolve(state, { type: e.type, data: e.data }), folder.initialState());
}
