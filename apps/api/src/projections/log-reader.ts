import { EventStore, RecordedEvent } from '@kundval/event-store';
import { Projection } from './projection';

/**
 * Reads the global log forwards in pages, only the given stream prefixes if any, and knows how far
 * it has read: past the last event of a page, and up to the head once a page comes back short, so
 * a checkpoint moves past the streams nobody reads.
 */
export class LogReader {
  constructor(
    private readonly store: EventStore,
    /** The position read up to: events after it are next. */
    public position: number,
    private readonly prefixes?: readonly string[],
  ) {}

  async next(limit: number): Promise<{ events: RecordedEvent[]; end: boolean }> {
    // Read first: every event up to this head is visible to the page read that follows.
    const head = this.prefixes ? await this.store.headPosition() : 0;
    const filter = this.prefixes ? { streamPrefixes: this.prefixes } : undefined;
    const events = await this.store.readAll({ after: this.position, limit, filter });
    const end = events.length < limit;
    if (events.length > 0) this.position = events[events.length - 1].position;
    if (end && head > this.position) this.position = head;
    return { events, end };
  }
}

/**
 * The stream prefixes to read for these projections, or undefined to read the whole log: when one
 * of them reads more than prefixes, or when there is a lone prefix. The embedded store plans a
 * lone prefix as a range of its stream index sorted by position, which costs the whole range on
 * every page (quadratic over a large log); several prefixes are served as a scan in position
 * order that skips the other streams without parsing them.
 */
export function readPrefixes(projections: readonly Projection[]): string[] | undefined {
  const prefixes = new Set<string>();
  for (const projection of projections) {
    if (!projection.streamPrefixes) return undefined;
    for (const prefix of projection.streamPrefixes) prefixes.add(prefix);
  }
  return prefixes.size >= 2 ? [...prefixes] : undefined;
}
