import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createDecisionContext, DecisionContext } from '@kundval/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@kundval/event-store';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { CommandMetadata } from './command-metadata';
import { Decider, DomainEvent } from './decider';
import { deterministicEventId } from './deterministic-id';

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

/**
 * Runs a command against one stream: read, fold, decide, append at the revision that was read.
 * A concurrent writer makes the append fail with a conflict instead of both succeeding, and a
 * retried Idempotency-Key returns the first outcome without appending again.
 */
@Injectable()
export class CommandExecutor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    meta: CommandMetadata,
    options: ExecuteOptions = {},
  ): Promise<CommandResult> {
    const { reason, request = command, context = createDecisionContext(new Date()) } = options;
    const history = await this.store.readStream(streamId);
    const commandHash = hashCommand(streamId, request);
    const earlier = meta.idempotencyKey
      ? replayOf(history, meta.idempotencyKey, commandHash, streamId)
      : undefined;
    if (earlier) return earlier;

    const state = history.reduce(
      (s, e) => decider.evolve(s, { type: e.type, data: e.data } as E),
      decider.initialState(),
    );
    const events = decider.decide(command, state, context);
    const metadata = {
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.correlationId,
      actor: meta.actor,
      role: meta.role,
      channel: meta.channel,
      ...(reason ? { reason } : {}),
      ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey, commandHash } : {}),
    };
    const result = await this.store.append(
      streamId,
      events.map((event, i) => ({
        id: meta.idempotencyKey
          ? deterministicEventId(meta.idempotencyKey, streamId, i)
          : randomUUID(),
        type: event.type,
        data: event.data,
        metadata,
      })),
      {
        expectedRevision: history.length === 0 ? 'no_stream' : history[history.length - 1].revision,
      },
    );
    return {
      streamId,
      revision: result.nextExpectedRevision,
      position: result.position,
      events: events.map((e) => e.type),
      replayed: false,
    };
  }
}

function replayOf(
  history: RecordedEvent[],
  key: string,
  commandHash: string,
  streamId: string,
): CommandResult | undefined {
  const events = history.filter((e) => e.metadata.idempotencyKey === key);
  if (events.length === 0) return undefined;
  if (events[0].metadata.commandHash !== commandHash) {
    throw new ProblemException(
      problem(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key reused',
        'This Idempotency-Key was used for a different command; use a new key',
      ),
    );
  }
  const last = events[events.length - 1];
  return {
    streamId,
    revision: last.revision,
    position: last.position,
    events: events.map((e) => e.type),
    replayed: true,
  };
}

function hashCommand(streamId: string, command: unknown): string {
  return createHash('sha256')
    .update(`${streamId}\n${JSON.stringify(command)}`)
    .digest('hex')
    .slice(0, 32);
}
