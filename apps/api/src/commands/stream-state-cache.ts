import { Logger } from '@nestjs/common';
import { getHeapStatistics } from 'node:v8';
import { EventStore, RecordedEvent } from '@kundval/event-store';
import { fold } from '../records/record-loader';
import { StreamKeys } from './stream-keys';
import { SnapshotKind, StreamSnapshots } from './stream-snapshots';

/** How a stream's events fold into state (a decider's `initialState` and `evolve`). */
export interface StreamFolder<S> {
  initialState: () => S;
  evolve(state: S, event: never): S;
  evolveAll?(state: S, events: never[]): S;
}

/** A stream folded up to `revision` (-1: no events), with the Idempotency-Keys it holds. */
export interface FoldedStream<S> {
  state: S;
  revision: number;
  keys: Pick<StreamKeys, 'get' | 'size'>;
}

interface Entry {
  folder: StreamFolder<unknown>;
  folded: FoldedStream<unknown>;
  keys: StreamKeys;
  /** Revision of the stream's newest snapshot known to this process (-1: none). */
  snapshotRevision: number;
  /** Where its stream id is in the list eviction picks from. */
  slot?: number;
}

/** Where snapshots of long streams are kept, and which streams keep them. */
export interface SnapshotOptions {
  snapshots: StreamSnapshots;
  kinds: ReadonlyMap<StreamFolder<unknown>, SnapshotKind>;
}

export interface StreamStateCacheOptions {
  /** Bound on the events folded into the cached states (default {@link defaultMaxEvents}). */
  maxEvents?: number;
  snapshotting?: SnapshotOptions;
  /** Streams whose Idempotency-Keys are neither kept nor answered (see `KEYLESS_FOLDERS`). */
  keyless?: ReadonlySet<StreamFolder<unknown>>;
  /** Picks the stream that goes when the bound is reached; tests seed it. */
  random?: () => number;
}

/** What a keyless stream's state carries: no key, ever (nothing is recorded into it). */
const NO_KEYS = new StreamKeys();

/**
 * Folded stream states kept between commands, so a long stream (a provider's roster holds an
 * event per placement) is not read and folded whole on every command. Nothing is trusted blindly:
 * every read asks the store for the events after the cached revision and folds them on, so
 * appends by concurrent requests or by other API nodes are always seen, and an append still
 * expects the revision actually read. States are immutable, so a cached one can be shared.
 * Bounded by the number of events folded into the cached states (an event of a stream that keeps
 * its Idempotency-Keys counting twice): by default as many as a quarter of the heap holds (see
 * {@link defaultMaxEvents}), which at the API's 2 GB heap is every roster of two million citizens
 * (2.54M events, about 420 MB), and leaves a payment run in the same process the half of the heap
 * it needs. Beyond the bound a stream picked at random goes, not the least recently used: when
 * there are more rosters than room, choices that go round them (or a round that reads them all)
 * would otherwise find none of them still cached. A stream not in the cache starts from its
 * snapshot when its kind keeps them (a roster read whole is some 500 events scattered over the log
 * at that size, about 7 ms), and a snapshot is written again once enough events were folded on.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, Entry>();
  /** The cached stream ids, in no order: eviction picks one at random. */
  private readonly ids: string[] = [];
  private weight = 0;
  private readonly maxEvents: number;
  private readonly snapshotting?: SnapshotOptions;
  private readonly keyless: ReadonlySet<StreamFolder<unknown>>;
  private readonly random: () => number;

  constructor(
    private readonly store: EventStore,
    options: StreamStateCacheOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? defaultMaxEvents();
    this.snapshotting = options.snapshotting;
    this.keyless = options.keyless ?? new Set();
    this.random = options.random ?? Math.random;
  }

  /** How many more events the cached states may hold before others go. */
  get room(): number {
    return this.maxEvents - this.weight;
  }

  async read<S>(folder: StreamFolder<S>, streamId: string): Promise<FoldedStream<S>> {
    const cached = this.entries.get(streamId);
    const kept = cached?.folder === folder ? cached : undefined;
    const { base, tail } = kept
      ? { base: kept, tail: await this.readAfter(streamId, kept.folded.revision) }
      : await this.readCold(folder, streamId);
    if (base && tail.length > 0 && tail[0].revision !== base.folded.revision + 1) {
      // Not the continuation of what was cached (cannot happen in an append-only log): start over.
      this.forget(streamId);
      this.discardSnapshot(streamId);
      return this.read(folder, streamId);
    }
    return this.foldOnto(folder, streamId, base, tail);
  }

  /**
   * After this process appended `events` to a stream it had read at `fromRevision`: folds them
   * onto the cached state, so the next command on the stream does not read back what it wrote
   * (a choice's roster is written by one choice and read by the next). Nothing is done unless
   * the cached state is still the one read and the events follow it: a concurrent read that got
   * further, or a retry that found its events already stored, leave the next read to the log.
   */
  appended<S>(
    folder: StreamFolder<S>,
    streamId: string,
    fromRevision: number,
    events: readonly RecordedEvent[],
  ): void {
    const cached = this.entries.get(streamId);
    if (cached?.folder !== folder || cached.folded.revision !== fromRevision) return;
    if (events[0]?.revision !== fromRevision + 1) return;
    this.foldOnto(folder, streamId, cached, events);
  }

  private foldOnto<S>(
    folder: StreamFolder<S>,
    streamId: string,
    base: Entry | undefined,
    tail: readonly RecordedEvent[],
  ): FoldedStream<S> {
    const keys = this.keysOf(folder, base);
    if (keys !== NO_KEYS) keys.record(tail);
    const state = tail.length === 0 && base ? base.folded.state : foldOn(folder, base, tail);
    const revision =
      tail.length > 0 ? tail[tail.length - 1].revision : (base?.folded.revision ?? -1);
    const folded: FoldedStream<S> = { state: state as S, revision, keys };
    const snapshotRevision = this.snapshot(folder, streamId, folded, keys, tail, base);
    this.remember(streamId, { folder, folded, keys, snapshotRevision } as Entry);
    return folded;
  }

  private keysOf(folder: StreamFolder<unknown>, base: Entry | undefined): StreamKeys {
    return this.keyless.has(folder) ? NO_KEYS : (base?.keys ?? new StreamKeys());
  }

  private readAfter(streamId: string, revision: number): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, revision >= 0 ? { fromRevision: revision + 1 } : {});
  }

  /** A stream not in the cache: from its snapshot if it has a valid one, else from the start. */
  private async readCold(
    folder: StreamFolder<unknown>,
    streamId: string,
  ): Promise<{ base?: Entry; tail: RecordedEvent[] }> {
    const kind = this.snapshotting?.kinds.get(folder);
    const keyed = !this.keyless.has(folder);
    const snapshot =
      kind &&
      this.safely(`read the snapshot of ${streamId}`, () =>
        this.snapshots!.load(kind, streamId, { keys: keyed }),
      );
    if (!snapshot) return { tail: await this.readAfter(streamId, -1) };
    const events = await this.store.readStream(streamId, { fromRevision: snapshot.revision });
    if (events[0]?.revision !== snapshot.revision || events[0].id !== snapshot.eventId) {
      // Folded from another log than this one (a data dir restored or replaced): ignore it.
      this.discardSnapshot(streamId);
      return { tail: await this.readAfter(streamId, -1) };
    }
    const folded = {
      state: snapshot.state,
      revision: snapshot.revision,
      keys: keyed ? new StreamKeys(snapshot.keys) : NO_KEYS,
    };
    return {
      base: { folder, folded, keys: folded.keys, snapshotRevision: snapshot.revision },
      tail: events.slice(1),
    };
  }

  private discardSnapshot(streamId: string): void {
    this.safely(`discard the snapshot of ${streamId}`, () => this.snapshots?.discard(streamId));
  }

  /** A snapshot only saves time: a failure to read or write one must never fail the command. */
  private safely<T>(what: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      new Logger('StreamStateCache').warn(`Could not ${what}: ${String(error)}`);
      return undefined;
    }
  }

  private get snapshots(): StreamSnapshots | undefined {
    return this.snapshotting?.snapshots;
  }

  /** Writes a snapshot once enough events were folded on since the last; its revision. */
  private snapshot(
    folder: StreamFolder<unknown>,
    streamId: string,
    folded: FoldedStream<unknown>,
    keys: StreamKeys,
    tail: readonly RecordedEvent[],
    base: Entry | undefined,
  ): number {
    const last = base?.snapshotRevision ?? -1;
    const kind = this.snapshotting?.kinds.get(folder);
    if (!kind || tail.length === 0 || folded.revision - last < kind.every) return last;
    const { state, revision } = folded;
    const saved = this.safely(`write the snapshot of ${streamId}`, () => {
      const entries = keys.entries();
      // A slower concurrent read may have counted later events already: snapshot another time.
      if (entries.some(([, key]) => key.revision > revision)) return false;
      const eventId = tail.at(-1)!.id;
      this.snapshots!.save(kind, streamId, { state, revision, eventId, keys: entries });
      return true;
    });
    return saved ? revision : last;
  }

  private remember(streamId: string, entry: Entry): void {
    const { folder, folded } = entry;
    const current = this.entries.get(streamId);
    // A slower concurrent read may finish after a newer one: keep the newer state.
    if (current?.folder === folder && current.folded.revision > folded.revision) return;
    if (current) {
      this.weight -= this.weightOf(current);
      entry.slot = current.slot;
    } else {
      entry.slot = this.ids.push(streamId) - 1;
    }
    this.entries.set(streamId, entry);
    this.weight += this.weightOf(entry);
    while (this.weight > this.maxEvents && this.ids.length > 1) {
      const victim = this.ids[Math.floor(this.random() * this.ids.length)]!;
      if (victim !== streamId) this.forget(victim);
    }
  }

  /**
   * What a cached stream counts against the bound: its events, each twice if the stream keeps its
   * Idempotency-Keys, which take about as much memory again as the state (see
   * {@link BYTES_PER_EVENT}).
   */
  private weightOf({ folder, folded }: Entry): number {
    return (folded.revision + 1) * (this.keyless.has(folder) ? 1 : 2);
  }

  private forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.weight -= this.weightOf(entry);
    // The last id takes the place of the one that goes.
    const moved = this.ids.pop()!;
    if (moved !== streamId) {
      this.ids[entry.slot!] = moved;
      this.entries.get(moved)!.slot = entry.slot;
    }
  }
}

/**
 * Heap a folded event's share of a state takes: 3,000 rosters of a million citizens, 1.35M
 * reservations read from their snapshots, held 222 MB (165 bytes each) with their keys left out
 * (see `KEYLESS_FOLDERS`); with their keys, 289 while the keys were unread and 350 once read, so
 * an event of a stream that keeps its keys counts twice. (Short streams take more per event:
 * 50,000 entitlements of 1.8 events each took 729 bytes an event, keys included.)
 */
const BYTES_PER_EVENT = 170;
/** The share of the heap the cached states may take. */
const HEAP_SHARE = 0.25;

/** As many events as {@link HEAP_SHARE} of this process's heap limit holds. */
export function defaultMaxEvents(): number {
  return Math.floor((getHeapStatistics().heap_size_limit * HEAP_SHARE) / BYTES_PER_EVENT);
}

function foldOn<S>(
  folder: StreamFolder<S>,
  base: Entry | undefined,
  tail: readonly RecordedEvent[],
): S {
  if (!base) return fold(folder, tail);
  const from = base.folded.state as S;
  return fold(
    { initialState: () => from, evolve: folder.evolve, evolveAll: folder.evolveAll },
    tail,
  );
}
