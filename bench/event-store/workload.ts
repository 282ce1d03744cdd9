/** What the event store benchmarks need from a store: one adapter per store under test. */

/** An event as the workload produces it; each adapter adds what its store requires (ids...). */
export interface BenchEvent {
  type: string;
  data: Record<string, string | number | boolean>;
}

export interface FillStream {
  streamId: string;
  events: BenchEvent[];
}

export interface StoreUnderTest {
  /**
   * Appends `events` atomically and durably to a stream that holds `eventsInStream` events
   * (0: the stream must not exist yet), with an optimistic concurrency check on that count.
   */
  append(streamId: string, events: readonly BenchEvent[], eventsInStream: number): Promise<void>;
  /** Bulk-loads new streams by the store's fastest durable path (set-up only, not a result row). */
  fill(streams: readonly FillStream[]): Promise<void>;
  /** Reads a whole stream; resolves to the number of events read (deserialised). */
  readStream(streamId: string): Promise<number>;
  /** Reads the whole global log forwards in pages; resolves to the number of events read. */
  readAll(pageSize: number): Promise<number>;
  close(): Promise<void>;
}

export interface StoreFactory {
  /** Short label for tables, e.g. `ours` or `emmett-sqlite`. */
  name: string;
  /** How the store is configured and driven, for the printed notes. */
  describe(): Promise<string[]>;
  open(dataDir: string): Promise<StoreUnderTest>;
}
