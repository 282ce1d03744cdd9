import {
  addDays,
  capacityCeiling,
  createDecisionContext,
  DecisionContext,
  EntitlementCommand,
  entitlementDecider,
  EntitlementState,
  isChoosable,
  lastEntitledDay,
  providerOn,
  ProviderState,
  RosterCommand,
  rosterDecider,
  RosterState,
  SchemeState,
} from '@kundval/domain';
import { CommandExecutor, hashCommand, LoadedStream } from '../../commands/command-executor';
import { CommandMetadata } from '../../commands/command-metadata';
import { Decider, DomainEvent } from '../../commands/decider';
import { streamIds } from '../../records/stream-ids';
import {
  CITIZENS_REASON,
  entitlementCommandOf,
  placementCommandOf,
} from '../citizen-step-commands';
import { CitizenStep } from '../citizen-plan.types';
import { SeedStepError, seedMetadata } from '../seed-command-runner';

/** A stream the writer keeps in memory: its folded state and the revision it will be at. */
type HeldStream<S> = { state: S; revision: number | 'no_stream' };

type PendingAppend = {
  loaded: LoadedStream<unknown>;
  events: DomainEvent[];
  meta: CommandMetadata;
  reason?: string;
};

/** What the records the plan reads say: every scheme and provider, as loaded from the log. */
export type PlanWorld = Readonly<{
  schemes: ReadonlyMap<string, SchemeState>;
  providers: ReadonlyMap<string, ProviderState>;
}>;

/**
 * Writes citizens' plans through the domain's deciders without reading the log back for every
 * command: the writer owns the streams it writes (each batch's entitlements, and the rosters for
 * the whole run), keeps their folded state and revision in memory, decides every step exactly as
 * `CitizenSeeder` and `PlacementWorkflow` do (same commands, dates, metadata, event ids, request
 * hashes) and appends a whole batch in one event-loop tick, so the store group-commits it. The
 * log it produces is the one the command path produces; the national seed test checks that.
 */
export class CitizenPlanWriter {
  private readonly rosters = new Map<string, HeldStream<RosterState>>();
  private readonly providers: Map<string, ProviderState>;
  private entitlements = new Map<string, HeldStream<EntitlementState>>();
  private pending: PendingAppend[] = [];

  constructor(
    private readonly executor: CommandExecutor,
    private readonly world: PlanWorld,
  ) {
    this.providers = new Map(world.providers);
  }

  /** Starts from rosters as the log has them (a rerun or a seed written before). */
  holdRoster(streamId: string, state: RosterState, revision: number | 'no_stream'): void {
    this.rosters.set(streamId, { state, revision });
  }

  /** Lets plans choose a provider registered after the writer was opened, as the log has it. */
  admitProvider(providerId: string, state: ProviderState): void {
    this.providers.set(providerId, state);
  }

  /**
   * Stops holding rosters no later plan writes to (another municipality's), to keep memory to
   * the rosters in use. A forgotten roster must not be written again: its revision is lost.
   */
  forgetRosters(streamIds: Iterable<string>): void {
    for (const streamId of streamIds) this.rosters.delete(streamId);
  }

  /** Decides every step of one batch in order, then appends the batch; returns events appended. */
  async writeBatch(
    steps: readonly CitizenStep[],
    citizenIds: ReadonlyMap<string, string>,
  ): Promise<number> {
    this.entitlements = new Map();
    this.pending = [];
    for (const step of steps) {
      const meta = seedMetadata(step.key);
      try {
        this.step(step, citizenIds.get(step.citizenRef)!, meta);
      } catch (error) {
        throw new SeedStepError(meta.idempotencyKey as string, error);
      }
    }
    const appends = this.pending;
    this.pending = [];
    // Issued in one tick: one durable transaction, in this order (a stream's appends in order).
    await Promise.all(
      appends.map((a) => this.executor.append(a.loaded, a.events, a.meta, a.reason)),
    );
    return appends.reduce((n, a) => n + a.events.length, 0);
  }

  private step(step: CitizenStep, citizenId: string, meta: CommandMetadata): void {
    const context = createDecisionContext(new Date(`${step.on}T10:00:00.000Z`));
    const { entitlementId, schemeId } = step;
    const stream = streamIds.entitlement(citizenId, entitlementId);
    const decideEntitlement = (command: EntitlementCommand, reason: string) =>
      this.decide(entitlementDecider, this.entitlements, stream, command, meta, step, context, {
        reason,
      });
    const scheme = this.world.schemes.get(schemeId)!;
    switch (step.kind) {
      case 'grant':
      case 'level-change':
        decideEntitlement(entitlementCommandOf(step, citizenId, scheme), CITIZENS_REASON);
        return;
      case 'end':
        decideEntitlement(entitlementCommandOf(step, citizenId, scheme), step.reason);
        this.roster(step.heldProviderId, step, meta, context, {
          type: 'ReleasePlace',
          data: {
            providerId: step.heldProviderId,
            schemeId,
            entitlementId,
            from: addDays(step.endDate, 1),
          },
        });
        return;
      case 'choice':
      case 'non-choice':
        this.place(step, citizenId, stream, scheme, meta, context);
        return;
    }
  }

  /** As `PlacementWorkflow.place`: decide the entitlement, reserve, append, release the old. */
  private place(
    step: Extract<CitizenStep, { kind: 'choice' | 'non-choice' }>,
    citizenId: string,
    stream: string,
    scheme: SchemeState,
    meta: CommandMetadata,
    context: DecisionContext,
  ): void {
    const { entitlementId, schemeId, providerId, effectiveDate } = step;
    const held = this.entitlements.get(stream) ?? {
      state: entitlementDecider.initialState(),
      revision: 'no_stream' as const,
    };
    const provider = this.providers.get(providerId);
    if (!provider) throw new Error(`The plan chooses "${providerId}", which is not registered`);
    const choosability = isChoosable(provider, scheme, effectiveDate);
    const command = placementCommandOf(step, choosability);
    const events = entitlementDecider.decide(command, held.state, context);
    if (events.length === 0) return;
    const leaving = providerOn(held.state, effectiveDate);
    this.roster(providerId, step, meta, context, {
      type: 'ReservePlace',
      data: {
        providerId,
        schemeId,
        citizenId,
        entitlementId,
        from: effectiveDate,
        lastDay: held.state.status === 'not_granted' ? null : lastEntitledDay(held.state),
        ceiling: capacityCeiling(provider, schemeId),
      },
    });
    this.record(entitlementDecider, this.entitlements, stream, events, meta, step, CITIZENS_REASON);
    if (leaving !== null && leaving !== providerId) {
      this.roster(leaving, step, meta, context, {
        type: 'ReleasePlace',
        data: { providerId: leaving, schemeId, entitlementId, from: effectiveDate },
      });
    }
  }

  private roster(
    providerId: string,
    step: CitizenStep,
    meta: CommandMetadata,
    context: DecisionContext,
    command: RosterCommand,
  ): void {
    const stream = streamIds.roster(step.schemeId, providerId);
    this.decide(rosterDecider, this.rosters, stream, command, meta, step, context, {});
  }

  private decide<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    held: Map<string, HeldStream<S>>,
    stream: string,
    command: C,
    meta: CommandMetadata,
    request: CitizenStep,
    context: DecisionContext,
    { reason }: { reason?: string },
  ): void {
    const current = held.get(stream)?.state ?? decider.initialState();
    const events = decider.decide(command, current, context);
    this.record(decider, held, stream, events, meta, request, reason);
  }

  /** Folds the events in and queues their append at the revision the stream is at. */
  private record<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
    held: Map<string, HeldStream<S>>,
    stream: string,
    events: readonly E[],
    meta: CommandMetadata,
    request: CitizenStep,
    reason?: string,
  ): void {
    const before = held.get(stream) ?? { state: decider.initialState(), revision: 'no_stream' };
    // The command path appends nothing when a decider decides nothing.
    if (events.length === 0) return;
    const evolve = decider.evolve as (state: S, event: DomainEvent) => S;
    const state = events.reduce(evolve, before.state);
    this.pending.push({
      loaded: {
        streamId: stream,
        state,
        expectedRevision: before.revision,
        commandHash: hashCommand(stream, request),
      },
      events: [...events],
      meta,
      reason,
    });
    const revision = (before.revision === 'no_stream' ? -1 : before.revision) + events.length;
    held.set(stream, { state, revision });
  }
}
