import { RecordedEvent } from '@kundval/event-store';

/** What the events appended under one Idempotency-Key say, for answering a retry. */
export interface KeyedCommand {
  commandHash: string;
  types: string[];
  /** Revision and log position of the last of those events. */
  revision: number;
  position: number;
}

/** Keys and what they did, as a snapshot stores them. */
export type KeyEntries = readonly (readonly [string, KeyedCommand])[];

/**
 * The Idempotency-Keys in a stream's events, shared by every folded state of the stream: a key
 * only ever gains events of later revisions, and a retry that finds its key answers with what the
 * key did, whichever state it read. Keys that came with a snapshot are parsed only when a key is
 * first looked up (most commands carry none), and merged with those of the events read after it.
 */
export class StreamKeys {
  private keys = new Map<string, KeyedCommand>();

  /** `fromSnapshot`: the keys of every event up to the snapshot's revision, and no later one. */
  constructor(private fromSnapshot?: () => KeyEntries) {}

  get(key: string): KeyedCommand | undefined {
    return this.resolved().get(key);
  }

  get size(): number {
    return this.resolved().size;
  }

  entries(): KeyEntries {
    return [...this.resolved()];
  }

  /** Adds the keys of newly read events; events already counted are skipped. */
  record(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const key = event.metadata.idempotencyKey;
      if (typeof key !== 'string') continue;
      const known = this.keys.get(key);
      if (!known) {
        this.keys.set(key, {
          commandHash: String(event.metadata.commandHash ?? ''),
          types: [event.type],
          revision: event.revision,
          position: event.position,
        });
      } else if (event.revision > known.revision) {
        // Concurrent reads of the same tail must not count an event twice. Changed in place, as
        // this map owns its entries: a payment run appends up to a million events under one
        // key, and a copy of the key's types per event took hours for a national run.
        known.types.push(event.type);
        known.revision = event.revision;
        known.position = event.position;
      }
    }
  }

  // Before this, `keys` holds only what events after the snapshot added (all later than every
  // event of the snapshot's keys), so a key in both continues the snapshot's.
  private resolved(): Map<string, KeyedCommand> {
    if (!this.fromSnapshot) return this.keys;
    const merged = new Map(this.fromSnapshot());
    this.fromSnapshot = undefined;
    for (const [key, later] of this.keys) {
      const earlier = merged.get(key);
      merged.set(
        key,
        earlier
          ? {
              ...later,
              commandHash: earlier.commandHash,
              types: [...earlier.types, ...later.types],
            }
          : later,
      );
    }
    this.keys = merged;
    return merged;
  }
}
