import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createDecisionContext, DecisionContext } from '@kundval/domain';
import { AppendResult, EVENT_STORE, EventData, EventStore } from '@kundval/event-store';
import { problem } from '../problem/problem';
import { currentSchemaVersion } from '../records/upcasters/upcast';
import { ProblemException } from '../problem/problem-exception';
import { Clock, SystemClock } from '../shared/clock';
import { CommandMetadata } from './command-metadata';
import { Decider, DomainEvent } from './decider';
import { appendEventIds } from './append-event-ids';
import { KEYLESS_FOLDERS } from './keyless-folders';
import { SNAPSHOT_KINDS } from './snapshot-kinds';
import { KeyedCommand } from './stream-keys';
import { StreamFolder, StreamStateCache } from './stream-state-cache';
import { StreamSnapshots } from './stream-snapshots';

/** What a command's response reports: where its events landed in the log. */
export interface CommandResult {
  streamId: string;
  /** Stream revision after the command; the next command on this record expects it. */
  revision: number;
  /** Global log position of the command's last event: queries can wait for it. */
  position: number;
  events: string[];
  /** True when an earlier request with the same Idempotency-Key already did this. */
  replayed: boolean;
}

export interface ExecuteOptions {
  /** Why, in the actor's words: stored in the events' metadata. */
  reason?: string;
  /** What the caller sent; a retry with the same Idempotency-Key must send the same. */
  request?: unknown;
  /** The clock; only the seed importer sets it, to write history with its original dates. */
  context?: DecisionContext;
}

/** A stream read and folded, with what an earlier request under the same key already did. */
export interface LoadedStream<S> {
  streamId: string;
  state: S;
  /** What the append must expect: the revision that was read. */
  expectedRevision: number | 'no_stream';
  /** Set when this Idempotency-Key already ran on this stream: answer with it, decide nothing. */
  replay?: CommandResult;
  commandHash: string;
  /** How `state` was folded; when set, what `append` writes is folded on in the cache. */
  folder?: StreamFolder<S>;
}

/**
 * Runs a command against one stream: read, fold, decide, append at the revision that was read.
 * A concurrent writer makes the append fail with a conflict instead of both succeeding, and a
 * retried Idempotency-Key returns the first outcome without appending again. Workflows that span
 * streams use the steps (`load`, `decide`, `append`) one by one.
 */
@Injectable()
export class CommandExecutor {
  private readonly streams: StreamStateCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly clock: Clock = new SystemClock(),
    @Optional() snapshots?: StreamSnapshots,
  ) {
    this.streams = new StreamStateCache(store, {
      snapshotting: snapshots && { snapshots, kinds: SNAPSHOT_KINDS },
      keyless: KEYLESS_FOLDERS,
    });
  }

  /** The decision context for now: the instant and its Stockholm date. */
  context(): DecisionContext {
    return createDecisionContext(this.clock.now());
  }

  async execute<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    meta: CommandMetadata,
    options: ExecuteOptions = {},
  ): Promise<CommandResult> {
    const loaded = await this.load(decider, streamId, meta, options.request ?? command);
    if (loaded.replay) return loaded.replay;
    const events = decider.decide(command, loaded.state, options.context ?? this.context());
    return this.append(loaded, events, meta, options.reason);
  }

  async load<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
    streamId: string,
    meta: CommandMetadata,
    request: unknown,
  ): Promise<LoadedStream<S>> {
    const folded = await this.streams.read(decider, streamId);
    const commandHash = hashCommand(streamId, request);
    const replay = meta.idempotencyKey
      ? replayOf(folded.keys.get(meta.idempotencyKey), commandHash, streamId)
      : undefined;
    const expectedRevision = folded.revision < 0 ? 'no_stream' : folded.revision;
    return {
      streamId,
      state: folded.state,
      expectedRevision,
      replay,
      commandHash,
      folder: decider as StreamFolder<S>,
    };
  }

  /** A stream's current state, folded from the cache and the events appended since. */
  async state<S>(folder: StreamFolder<S>, streamId: string): Promise<S> {
    return (await this.streams.read(folder, streamId)).state;
  }

  /** How many more events the cache of folded states has room for. */
  get cacheRoom(): number {
    return this.streams.room;
  }

  async append(
    loaded: LoadedStream<unknown>,
    events: readonly DomainEvent[],
    meta: CommandMetadata,
    reason?: string,
  ): Promise<CommandResult> {
    const { streamId, commandHash } = loaded;
    const metadata = {
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.correlationId,
      actor: meta.actor,
      role: meta.role,
      channel: meta.channel,
      ...(reason ? { reason } : {}),
      ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey, commandHash } : {}),
    };
    // One metadata object per event type: the store serialises a run of events that share one
    // once, which counts for a payment run's hundreds of thousands of payments.
    const metadataByType = new Map<string, typeof metadata & { schemaVersion: number }>();
    const metadataOf = (type: string) => {
      let typed = metadataByType.get(type);
      if (!typed) {
        typed = { ...metadata, schemaVersion: currentSchemaVersion(type) };
        metadataByType.set(type, typed);
      }
      return typed;
    };
    const ids = appendEventIds(meta.idempotencyKey, streamId, events.length);
    const written = events.map((event, i) => ({
      id: ids[i],
      type: event.type,
      data: event.data,
      metadata: metadataOf(event.type),
    }));
    const result = await this.store.append(streamId, written, {
      expectedRevision: loaded.expectedRevision,
    });
    this.cacheAppended(loaded, written, result);
    return {
      streamId,
      revision: result.nextExpectedRevision,
      position: result.position,
      events: events.map((e) => e.type),
      replayed: false,
    };
  }

  private cacheAppended(
    { streamId, expectedRevision, folder }: LoadedStream<unknown>,
    written: readonly Required<EventData>[],
    result: AppendResult,
  ): void {
    if (!folder) return;
    const first = result.nextExpectedRevision - written.length + 1;
    this.streams.appended(
      folder,
      streamId,
      expectedRevision === 'no_stream' ? -1 : expectedRevision,
      // Folded as decided, not as read back: decisions make plain JSON values, which the store
      // keeps as they are. Only the fold and the Idempotency-Keys read these; a key takes its
      // last event's position, the append's (a store's positions need not be consecutive).
      written.map((event, i) => ({
        ...event,
        streamId,
        revision: first + i,
        position: result.position,
        recordedAt: '',
      })),
    );
  }
}

function replayOf(
  earlier: KeyedCommand | undefined,
  commandHash: string,
  streamId: string,
): CommandResult | undefined {
  if (!earlier) return undefined;
  if (earlier.commandHash !== commandHash) {
    throw new ProblemException(
      problem(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key reused',
        'This Idempotency-Key was used for a different command; use a new key',
      ),
    );
  }
  return {
    streamId,
    revision: earlier.revision,
    position: earlier.position,
    events: [...earlier.types],
    replayed: true,
  };
}

export function hashCommand(streamId: string, command: unknown): string {
  return createHash('sha256')
    .update(`${streamId}\n${JSON.stringify(command)}`)
    .digest('hex')
    .slice(0, 32);
}
