import { AppendOptions, AppendResult } from './append';
import { EventData } from './event-data';
import { ReadAllOptions, ReadStreamOptions, SubscribeOptions } from './read';
import { RecordedEvent } from './recorded-event';
import { Subscription } from './subscription';

export type EventStoreKind = 'embedded' | 'eventstoredb';

/** Injection token for the configured {@link EventStore}. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** The one interface to the event log, implemented by every adapter. */
export interface EventStore {
  readonly kind: EventStoreKind;

  /**
   * Appends events atomically to one stream.
   * @throws WrongExpectedRevisionError when the stream is not at the expected revision.
   */
  append(
    streamId: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** Reads one stream; a missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log forwards. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catches up from a checkpoint, then delivers live events, in log order. */
  subscribe(options?: SubscribeOptions): Subscription;

  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;

  close(): Promise<void>;
}
