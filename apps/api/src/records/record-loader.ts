import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ApprovedPaymentRun,
  PaidItem,
  PaymentRunApproved,
  PaymentRunEvent,
  paidItemOf,
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
import { EVENT_STORE, EventStore, ReadStreamOptions, RecordedEvent } from '@kundval/event-store';
import { DomainEvent } from '../commands/decider';
import { StreamSnapshots } from '../commands/stream-snapshots';
import { PAID_ITEMS, PaidItemsHeader, ProviderItemRow } from './paid-items-snapshot';
import { nextTurn } from '../shared/next-turn';
import { upcast } from './upcasters/upcast';
import {
  ADMISSION_ROUND_STREAM_PREFIX,
  citizenEntitlementsPrefix,
  ENTITLEMENT_STREAM_PREFIX,
  PROVIDER_STREAM_PREFIX,
  SCHEME_STREAM_PREFIX,
  streamIds,
} from './stream-ids';

interface Folder<S> {
  initialState: () => S;
  evolve(state: S, event: never): S;
  /** Folds many events at once where one by one would copy the state per event. */
  evolveAll?(state: S, events: never[]): S;
}

/**
 * Current state of records, folded from their streams. (Read models built by projections replace
 * the whole-log scans here once they exist.)
 */
@Injectable()
export class RecordLoader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly snapshots?: StreamSnapshots,
  ) {}

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

  /** An entitlement as its first `events` events left it (before the one at that revision). */
  async entitlementBefore(
    citizenId: string,
    entitlementId: string,
    events: number,
  ): Promise<EntitlementState> {
    if (events <= 0) return entitlementDecider.initialState();
    const streamId = streamIds.entitlement(citizenId, entitlementId);
    return this.load(entitlementDecider, streamId, { limit: events });
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

  /**
   * The run with only one provider's payments and corrections (what its statement shows): read
   * where the run's paid-items snapshot says they are, or else a page of the stream at a time. A
   * national month's run is hundreds of thousands of payments with their bases, more than a
   * statement should hold or keep the process busy with at once.
   */
  async paymentRunOfProvider(
    schemeId: string,
    period: string,
    providerId: string,
  ): Promise<PaymentRunState> {
    const streamId = streamIds.paymentRun(schemeId, period);
    const picked = await this.providerEventsByItems(streamId, providerId);
    if (picked) return paymentRunDecider.evolveAll(paymentRunDecider.initialState(), picked);
    let state = paymentRunDecider.initialState();
    for (let from = 0; ; from += PAGE) {
      const page = await this.store.readStream(streamId, { fromRevision: from, limit: PAGE });
      const events = page
        .map((recorded) => upcast(recorded) as unknown as PaymentRunEvent)
        .filter((e) => e.type === 'PaymentRunApproved' || e.data.providerId === providerId);
      state = paymentRunDecider.evolveAll(state, events);
      if (page.length < PAGE) return state;
      await nextTurn();
    }
  }

  /**
   * A run's approval and one page of its payments and corrections, in the order appended: the
   * `limit` items after the first `offset` (item n is the event at revision n + 1). A national
   * run is too large for one answer.
   */
  async paymentRunPage(
    schemeId: string,
    period: string,
    { offset, limit }: { offset: number; limit: number },
  ): Promise<PaymentRunState> {
    const streamId = streamIds.paymentRun(schemeId, period);
    const [approval] = await this.store.readStream(streamId, { limit: 1 });
    if (!approval) return paymentRunDecider.initialState();
    const page = await this.store.readStream(streamId, { fromRevision: offset + 1, limit });
    const events = [approval, ...page].map((e) => upcast(e) as unknown as PaymentRunEvent);
    return paymentRunDecider.evolveAll(paymentRunDecider.initialState(), events);
  }

  /**
   * The approved runs without their payments (what `PaymentRunApproved` says), oldest period
   * first, of one scheme or all. Read through the log's index of event types: a month's run of
   * a million payments costs one row here.
   */
  async paymentRunHeaders(schemeId?: string): Promise<PaymentRunSummary[]> {
    const runs: PaymentRunSummary[] = [];
    for (let after = 0; ;) {
      const page = await this.store.readAll({
        after,
        limit: PAGE,
        filter: { eventTypes: ['PaymentRunApproved'] },
      });
      for (const event of page) {
        const data = upcast(event).data as PaymentRunApproved['data'];
        if (schemeId === undefined || data.schemeId === schemeId)
          runs.push({ status: 'approved', ...data });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    return runs.sort(
      (a, b) => compareText(a.period, b.period) || compareText(a.schemeId, b.schemeId),
    );
  }

  /** One run without its payments (its first event), or undefined when not approved. */
  async paymentRunHeader(schemeId: string, period: string): Promise<PaymentRunSummary | undefined> {
    const [first] = await this.store.readStream(streamIds.paymentRun(schemeId, period), {
      limit: 1,
    });
    if (!first) return undefined;
    const state = fold(paymentRunDecider, [first]);
    if (state.status !== 'approved') return undefined;
    const { payments: _payments, corrections: _corrections, ...summary } = state;
    return summary;
  }

  /**
   * What a run paid (`paidItemsOf`), a page of its stream at a time, without keeping the bases
   * of its payments: corrections need only the amounts and whom they were for.
   */
  async *paidItems(schemeId: string, period: string): AsyncGenerator<PaidItem[]> {
    const streamId = streamIds.paymentRun(schemeId, period);
    const snapshot = await this.paidItemsSnapshot(streamId);
    if (snapshot) {
      yield* snapshot;
      return;
    }
    let runPeriod: string | undefined;
    let runId = '';
    // Everything read, for the snapshot written at the end (not kept without snapshots).
    const kept: PaidItem[] | undefined = this.snapshots ? [] : undefined;
    let last: RecordedEvent | undefined;
    for (let from = 0; ; from += PAGE) {
      const page = await this.store.readStream(streamId, { fromRevision: from, limit: PAGE });
      const items: PaidItem[] = [];
      for (const recorded of page) {
        const event = upcast(recorded) as unknown as PaymentRunEvent;
        if (event.type === 'PaymentRunApproved') {
          ({ period: runPeriod, runId } = event.data);
        } else if (runPeriod !== undefined) {
          items.push(paidItemOf(event, runId, runPeriod));
        }
      }
      kept?.push(...items);
      last = page.at(-1) ?? last;
      yield items;
      if (page.length < PAGE) break;
    }
    if (kept && last && runPeriod !== undefined) {
      this.savePaidItems(streamId, last, { runId, runPeriod, schemeId }, kept);
    }
  }

  /**
   * Writes the paid-items snapshot of a run just approved, from the events it appended, so that
   * the next months' runs need not read its payments from the log. No-op without snapshots.
   */
  async rememberPaidItems(
    schemeId: string,
    period: string,
    events: readonly PaymentRunEvent[],
  ): Promise<void> {
    if (!this.snapshots) return;
    const streamId = streamIds.paymentRun(schemeId, period);
    const [header] = events;
    const last = await this.lastEvent(streamId);
    // Only a stream that holds exactly these events (a run is appended in one go).
    if (header?.type !== 'PaymentRunApproved' || last?.revision !== events.length - 1) return;
    const { runId, period: runPeriod } = header.data;
    // One item at a time, as the table takes them: not a second copy of the run at once.
    function* items(): Generator<PaidItem> {
      for (let i = 1; i < events.length; i++) {
        const event = events[i];
        if (event.type === 'PaymentRunApproved') continue;
        yield paidItemOf(event, runId, runPeriod);
      }
    }
    this.savePaidItems(streamId, last, { runId, runPeriod, schemeId }, items());
  }

  /**
   * Makes sure the run has a current paid-items snapshot, reading its payments from the log if
   * not: for a data dir whose runs were approved before snapshots were kept. True if it read.
   */
  async ensurePaidItemsSnapshot(schemeId: string, period: string): Promise<boolean> {
    if (!this.snapshots) return false;
    if (await this.paidItemsSnapshot(streamIds.paymentRun(schemeId, period))) return false;
    for await (const _page of this.paidItems(schemeId, period));
    return true;
  }

  /** What the run of `runPeriod` paid for `period`: its payments, or its corrections of it. */
  async *paidItemsFor(
    schemeId: string,
    runPeriod: string,
    period: string,
  ): AsyncGenerator<PaidItem[]> {
    const snapshot = await this.paidItemsSnapshot(
      streamIds.paymentRun(schemeId, runPeriod),
      period,
    );
    if (snapshot) {
      yield* snapshot;
      return;
    }
    for await (const items of this.paidItems(schemeId, runPeriod)) {
      yield items.filter((item) => item.period === period);
    }
  }

  /** The run's items from its current snapshot (with `period`, those paid for it), if any. */
  private async paidItemsSnapshot(
    streamId: string,
    period?: string,
  ): Promise<Iterable<PaidItem[]> | undefined> {
    const header = await this.currentPaidItems(streamId);
    return header && this.snapshots?.paidItems.pages(streamId, header, PAGE, period);
  }

  /** The run's paid-items snapshot, if it was taken at the stream's last event. */
  private async currentPaidItems(streamId: string): Promise<PaidItemsHeader | undefined> {
    const snapshot = this.snapshots?.load<PaidItemsHeader>(PAID_ITEMS, streamId);
    if (!snapshot) return undefined;
    if (await this.isLastEvent(streamId, snapshot)) return snapshot.state;
    // The log no longer ends where the snapshot was taken (another data dir's file?): remade.
    this.snapshots?.discard(streamId);
    return undefined;
  }

  /**
   * The approval and one provider's payments and corrections, read one by one where the paid-items
   * snapshot says they are: item n is the event after the approval at revision n + 1. Undefined
   * without a current snapshot, or if an event read is not the item it should be (the whole run
   * is read then).
   */
  private async providerEventsByItems(
    streamId: string,
    providerId: string,
  ): Promise<PaymentRunEvent[] | undefined> {
    const snapshots = this.snapshots;
    if (!snapshots || !(await this.currentPaidItems(streamId))) return undefined;
    const event = async (revision: number) => {
      const [recorded] = await this.store.readStream(streamId, {
        fromRevision: revision,
        limit: 1,
      });
      return recorded && (upcast(recorded) as unknown as PaymentRunEvent);
    };
    const approval = await event(0);
    if (approval?.type !== 'PaymentRunApproved') return undefined;
    const events: PaymentRunEvent[] = [approval];
    const items = snapshots.paidItems.itemsOfProvider(streamId, providerId);
    for (const item of items) {
      const found = await event(item[0] + 1);
      if (!isItemOf(found, providerId, item)) return undefined;
      events.push(found);
      if (events.length % PAGE === 0) await nextTurn();
    }
    return events;
  }

  private async isLastEvent(
    streamId: string,
    { revision, eventId }: { revision: number; eventId: string },
  ): Promise<boolean> {
    const last = await this.lastEvent(streamId);
    return last?.revision === revision && last.id === eventId;
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', limit: 1 });
    return last;
  }

  private savePaidItems(
    streamId: string,
    last: RecordedEvent,
    run: Omit<PaidItemsHeader, 'count'>,
    items: Iterable<PaidItem>,
  ): void {
    const snapshots = this.snapshots;
    snapshots?.transaction(() => {
      const state = snapshots.paidItems.replace(streamId, run, items);
      if (!state) return;
      const stamp = { revision: last.revision, eventId: last.id };
      snapshots.save(PAID_ITEMS, streamId, { state, ...stamp, keys: [] });
    });
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

  private async load<S>(
    folder: Folder<S>,
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<S> {
    return fold(folder, await this.store.readStream(streamId, options));
  }

  private async loadAll<S>(folder: Folder<S>, prefix: string): Promise<S[]> {
    const byStream = await eventsByStream(this.store, prefix);
    return [...byStream.values()].map((events) => fold(folder, events));
  }
}

/** Every event of the streams under a prefix, by stream, each in order. */
export async function eventsByStream(
  store: EventStore,
  prefix: string,
): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  for await (const page of streamPages(store, prefix)) {
    for (const [streamId, events] of page) {
      const earlier = byStream.get(streamId);
      if (earlier) earlier.push(...events);
      else byStream.set(streamId, events);
    }
  }
  return byStream;
}

/**
 * The events of the streams under a prefix, a page of the log at a time, each page by stream in
 * order: for a reader that folds as it goes instead of holding every event.
 */
export async function* streamPages(
  store: EventStore,
  prefix: string,
): AsyncGenerator<Map<string, RecordedEvent[]>> {
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: PAGE, filter: { streamPrefixes: [prefix] } });
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of page) {
      const events = byStream.get(event.streamId);
      if (events) events.push(event);
      else byStream.set(event.streamId, [event]);
    }
    yield byStream;
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

const PAGE = 5000;

/** A payment run as `PaymentRunApproved` describes it, without its payments and corrections. */
export type PaymentRunSummary = Omit<ApprovedPaymentRun, 'payments' | 'corrections'>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Folds a stream's events (upcast to their current schema) into state. */
export function fold<S>(folder: Folder<S>, events: readonly RecordedEvent[]): S {
  const domainEvents = events.map(upcast).map((e): DomainEvent => ({ type: e.type, data: e.data }));
  if (folder.evolveAll) {
    const evolveAll = folder.evolveAll as (state: S, events: DomainEvent[]) => S;
    return evolveAll(folder.initialState(), domainEvents);
  }
  const evolve = folder.evolve as (state: S, event: DomainEvent) => S;
  return domainEvents.reduce(evolve, folder.initialState());
}

// Whether the event is the paid item the snapshot's row says is there.
function isItemOf(
  event: PaymentRunEvent | undefined,
  providerId: string,
  [, kind, period, entitlementId]: ProviderItemRow,
): boolean {
  if (event?.type === 'PaymentRunApproved' || event?.data.providerId !== providerId) return false;
  if (event.data.entitlementId !== entitlementId) return false;
  return event.type === 'VoucherPaymentRecorded'
    ? kind === 0 && event.data.period === period
    : kind === 1 && event.data.correctsPeriod === period;
}
