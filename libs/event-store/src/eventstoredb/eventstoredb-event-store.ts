import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { WrongExpectedRevisionError } from '../errors/wrong-expected-revision.error';
import { AppendOptions, AppendResult } from '../port/append';
import { EventData } from '../port/event-data';
import { EventStore } from '../port/event-store.port';
import { ExpectedRevision, NO_STREAM_REVISION } from '../port/expected-revision';
import { ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../port/read';
import { RecordedEvent } from '../port/recorded-event';
import { SerializedEvent, serializeAppend } from '../port/serialize-event';
import { Subscription } from '../port/subscription';
import {
  BACKWARDS,
  Client,
  END,
  excludeSystemEvents,
  FORWARDS,
  StreamDeletedError,
  StreamNotFoundError,
  StreamingRead,
  jsonEvent,
} from './client';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { mapClientError } from './map-client-error';
import { isSystemEvent, planLogFilter } from './to-client-filter';
import { toClientPosition, toPortPosition } from './to-client-position';
import { toClientExpectedRevision, toClientReadRevision } from './to-client-revision';
import { toRecordedEvent } from './to-recorded-event';

/** Options of {@link EventStoreDbEventStore.connect}. */
export interface EventStoreDbConnectOptions {
  /**
   * Reads the head of the log once before returning, so that a wrong address, certificate or
   * credentials fails at start-up rather than at the first command. Defaults to true.
   */
  verify?: boolean;
}

/**
 * The event store on EventStoreDB / KurrentDB (20.10 or later; 22.6 or later for stream reads to
 * carry log positions), through `@eventstore/db-client`. One port stream is one server stream and
 * the port's log is `$all` without system events (`$`-types and `$`-streams).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly appends = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(private readonly client: Client) {}

  /**
   * Connects with an `esdb://` or `esdb+discover://` connection string, e.g.
   * `esdb://localhost:2113?tls=false` or `esdb://admin:changeit@node1:2113,node2:2113,node3:2113`.
   * @throws EventStoreConfigurationError when the connection string cannot be parsed or names a
   * certificate file that does not exist.
   * @throws EventStoreUnavailableError when `verify` is on and the server cannot be used.
   */
  static async connect(
    connectionString: string,
    options: EventStoreDbConnectOptions = {},
  ): Promise<EventStoreDbEventStore> {
    let client: Client;
    try {
      client = Client.connectionString(connectionString);
    } catch (error) {
      throw new EventStoreConfigurationError(
        `The EventStoreDB connection string is invalid: ${(error as Error).message}`,
      );
    }
    const store = new EventStoreDbEventStore(client);
    if (options.verify ?? true) {
      try {
        await store.headPosition();
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    return store;
  }

  async append(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const serialized = serializeAppend(streamId, events);
    const expected = options.expectedRevision ?? 'any';
    const clientExpected = toClientExpectedRevision(expected);
    if (serialized.length === 0) return this.checkRevision(streamId, expected);

    const append = (async (): Promise<AppendResult> => {
      try {
        // A retry with the same event ids is a no-op success on the server (idempotent write), which
        // reports the revision of the first attempt; guaranteed for an exact expected revision,
        // best effort (a recent-ids cache) for `any`.
        const result = await this.client.appendToStream(streamId, serialized.map(toClientEvent), {
          expectedRevision: clientExpected,
        });
        if (!result.success) {
          // Only with `throwOnAppendFailure=false` in the connection string.
          throw new WrongExpectedRevisionError(
            streamId,
            expected,
            await this.lastRevision(streamId),
          );
        }
        const nextExpectedRevision = Number(result.nextExpectedRevision);
        // Older servers report no position for an idempotent write: look up the event that the
        // first attempt wrote.
        const position =
          result.position && result.position.commit > 0n
            ? toPortPosition(result.position)
            : await this.positionOf(streamId, nextExpectedRevision);
        return { nextExpectedRevision, position };
      } catch (error) {
        throw mapClientError(error, { streamId, expectedRevision: expected });
      }
    })();
    this.appends.add(append);
    void append.catch(() => undefined).finally(() => this.appends.delete(append));
    return append;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const fromRevision = toClientReadRevision(direction, options.fromRevision);
    const maxCount = toMaxCount(options.limit);
    if (fromRevision === undefined || maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision,
        ...(maxCount === undefined ? {} : { maxCount }),
      });
      for await (const resolved of readToEnd(read)) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      // A stream never written, soft-deleted or tombstoned reads as empty, as the port says.
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
      throw mapClientError(error, { streamId });
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    const fromPosition = toClientPosition(after);
    const limit = toMaxCount(options.limit);
    const plan = planLogFilter(options.filter);
    if (limit === 0 || plan.matchesNothing) return [];
    const events: RecordedEvent[] = [];
    try {
      // The 6.x client's readAll takes no server filter: the log streams by and is filtered here,
      // and the call is cancelled as soon as the page is full.
      for await (const resolved of readToEnd(this.client.readAll({ fromPosition }))) {
        const event = resolved.event;
        if (!event || !plan.accepts(event)) continue;
        const recorded = toRecordedEvent(event, resolved.commitPosition);
        // A read starts at the given position itself; the port's `after` is exclusive.
        if (recorded.position <= after) continue;
        events.push(recorded);
        if (events.length === limit) break;
      }
    } catch (error) {
      throw mapClientError(error);
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    const fromPosition = toClientPosition(after);
    const plan = planLogFilter(options.filter);
    // The server's checkpoints of a filtered subscription come ahead of the events it still
    // buffers, so a reader that wants checkpoints gets the whole log and the filter is applied
    // here, where what it leaves out is passed on in order.
    const server = options.onCheckpoint ? excludeSystemEvents() : plan.server;
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      () => this.client.subscribeToAll({ fromPosition, filter: server }),
      after,
      plan,
      () => this.subscriptions.delete(subscription),
      options.onCheckpoint,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    try {
      // Backwards from the end to the last event that is not the server's own.
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
      for await (const resolved of readToEnd(read)) {
        if (resolved.event && !isSystemEvent(resolved.event)) {
          return toPortPosition(resolved.event.position);
        }
      }
    } catch (error) {
      throw mapClientError(error);
    }
    return 0;
  }

  /** Lets appends in flight finish, stops the subscriptions and disposes of the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.appends]);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** An empty append writes nothing; the server would not report a missing stream, so check here. */
  private async checkRevision(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await this.lastRevision(streamId);
    if (!matches(expected, actual))
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    return { nextExpectedRevision: actual, position: await this.headPosition() };
  }

  private async lastRevision(streamId: string): Promise<number> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', limit: 1 });
    return last?.revision ?? NO_STREAM_REVISION;
  }

  private async positionOf(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, limit: 1 });
    if (!event) {
      throw new EventStoreUnavailableError(
        `EventStoreDB acknowledged revision ${revision} of "${streamId}" but does not return it`,
      );
    }
    return event.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function toClientEvent(event: SerializedEvent) {
  // Parsed back from the checked JSON text so the server stores exactly what other adapters store.
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(event.data),
    metadata: JSON.parse(event.metadata),
  });
}

/** Iterates a client read; when the loop ends early, the server call is cancelled, not leaked. */
async function* readToEnd<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let ended = false;
  try {
    for await (const item of read) yield item;
    ended = true;
  } finally {
    if (!ended) {
      // Nobody listens any more: an error the call reports late must not become an uncaught one.
      read.on('error', () => undefined);
      await read.cancel().catch(() => undefined);
    }
  }
}

/** The port's limit as a read count: `undefined` for no limit (absent or negative). */
function toMaxCount(limit: number | undefined): number | undefined {
  if (limit === undefined || limit < 0) return undefined;
  if (!Number.isSafeInteger(limit)) throw new RangeError(`limit must be an integer, got ${limit}`);
  return limit;
}

function matches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === NO_STREAM_REVISION;
  if (expected === 'stream_exists') return actual > NO_STREAM_REVISION;
  return expected === actual;
}
