import { EventStore, RecordedEvent } from '@kundval/event-store';
import { fold } from '../records/record-loader';

/** How a stream's events fold into state (a decider's `initialState` and `evolve`). */
export interface StreamFolder<S> {
  initialState: () => S;
  evolve(state: S, event: never): S;
  evolveAll?(state: S, events: never[]): S;
}

/** What the events appended under one Idempotency-Key say, for answering a retry. */
export interface KeyedCommand {
  commandHash: string;
  types: string[];
  /** Revision and log position of the last of those events. */
  revision: number;
  position: number;
}

/** A stream folded up to `revision` (-1: no events), with the Idempotency-Keys it holds. */
export interface FoldedStream<S> {
  state: S;
  revision: number;
  keys: ReadonlyMap<string, KeyedCommand>;
}

interface Entry {
  folder: StreamFolder<unknown>;
  folded: FoldedStream<unknown>;
  keys: Map<string, KeyedCommand>;
}

/**
 * Folded stream states kept between commands, so a long stream (a provider's roster holds an
 * event per placement) is not read and folded whole on every command. Nothing is trusted blindly:
 * every read asks the store for the events after the cached revision and folds them on, so
 * appends by concurrent requests or by other API nodes are always seen, and an append still
 * expects the revision actually read. States are immutable, so a cached one can be shared.
 * Bounded by the number of events folded into the cached states; least recently used go first.
 * The bound holds every roster of a national ledger (1M citizens: 7,600 rosters, 1.2M events,
 * some 200 MB of states): a choice that finds its roster evicted reads it whole, scattered over
 * the log (about 10 ms at that size, where a cached one reads only its new events).
 */
export class StreamStateCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = 4_000_000,
  ) {}

  async read<S>(folder: StreamFolder<S>, streamId: string): Promise<FoldedStream<S>> {
    const cached = this.entries.get(streamId);
    const base = cached?.folder === folder ? cached : undefined;
    const from = base ? base.folded.revision + 1 : 0;
    const tail = await this.store.readStream(streamId, from > 0 ? { fromRevision: from } : {});
    if (base && tail.length > 0 && tail[0].revision !== from) {
      // Not the continuation of what was cached (cannot happen in an append-only log): start over.
      this.forget(streamId);
      return this.read(folder, streamId);
    }
    const keys = base?.keys ?? new Map<string, KeyedCommand>();
    recordKeys(keys, tail);
    const state = tail.length === 0 && base ? base.folded.state : foldOn(folder, base, tail);
    const revision =
      tail.length > 0 ? tail[tail.length - 1].revision : (base?.folded.revision ?? -1);
    const folded: FoldedStream<S> = { state: state as S, revision, keys };
    this.remember(streamId, folder, folded, keys);
    return folded;
  }

  private remember<S>(
    streamId: string,
    folder: StreamFolder<S>,
    folded: FoldedStream<S>,
    keys: Map<string, KeyedCommand>,
  ): void {
    const current = this.entries.get(streamId);
    // A slower concurrent read may finish after a newer one: keep the newer state.
    if (current?.folder === folder && current.folded.revision > folded.revision) {
      this.entries.delete(streamId);
      this.entries.set(streamId, current);
      return;
    }
    this.forget(streamId);
    this.entries.set(streamId, { folder: folder as StreamFolder<unknown>, folded, keys });
    this.weight += folded.revision + 1;
    for (const [id, entry] of this.entries) {
      if (this.weight <= this.maxEvents || id === streamId) break;
      this.entries.delete(id);
      this.weight -= entry.folded.revision + 1;
    }
  }

  private forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.weight -= entry.folded.revision + 1;
  }
}

function foldOn<S>(folder: StreamFolder<S>, base: Entry | undefined, tail: RecordedEvent[]): S {
  if (!base) return fold(folder, tail);
  const from = base.folded.state as S;
  return fold(
    { initialState: () => from, evolve: folder.evolve, evolveAll: folder.evolveAll },
    tail,
  );
}

/**
 * Adds the keys of newly read events. The map is shared by every state of the stream: a key only
 * ever gains events of later revisions, and a retry that finds its key answers with what the key
 * did, whichever state it read.
 */
function recordKeys(keys: Map<string, KeyedCommand>, events: RecordedEvent[]): void {
  for (const event of events) {
    const key = event.metadata.idempotencyKey;
    if (typeof key !== 'string') continue;
    const known = keys.get(key);
    if (!known) {
      keys.set(key, {
        commandHash: String(event.metadata.commandHash ?? ''),
        types: [event.type],
        revision: event.revision,
        position: event.position,
      });
    } else if (event.revision > known.revision) {
      // Concurrent reads of the same tail must not count an event twice.
      keys.set(key, {
        ...known,
        types: [...known.types, event.type],
        revision: event.revision,
        position: event.position,
      });
    }
  }
}
