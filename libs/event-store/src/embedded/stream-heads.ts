import type Database from 'better-sqlite3';

/** Beyond this many streams the record starts over: a bound on memory, not on correctness. */
const MAX_STREAMS = 200_000;

/**
 * The last revision of streams this connection has written or read to their end, so that asking
 * for what came after it needs no query while nothing else has written. A command reads every
 * stream it decides on "from the revision after the one cached", which is nearly always nothing
 * new; at national scale those reads were a sixth of a choice's time. Valid only while no other
 * connection (another process) has committed: SQLite's `data_version` changes when one has, and
 * then everything known is forgotten.
 */
export class StreamHeads {
  private readonly known = new Map<string, number>();
  private readonly dataVersion: Database.Statement<[], number>;
  private version: number;
  /** Set once `data_version` was asked in this turn of the event loop. */
  private askedThisTurn = false;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.version = this.dataVersion.get()!;
  }

  /** True when the stream is known to have no event at or after `fromRevision`. */
  nothingFrom(streamId: string, fromRevision: number): boolean {
    this.forgetIfOthersWrote();
    const last = this.known.get(streamId);
    return last !== undefined && fromRevision > last;
  }

  /**
   * After a forward read without a limit from `fromRevision`: the stream ends at the last event
   * read, or has none at all when a read from the start found nothing.
   */
  read(streamId: string, fromRevision: number, lastRevision: number | undefined): void {
    if (lastRevision !== undefined) this.remember(streamId, lastRevision);
    else if (fromRevision === 0) this.remember(streamId, -1);
  }

  /** After this connection committed events up to `lastRevision` of the stream. */
  written(streamId: string, lastRevision: number): void {
    this.remember(streamId, lastRevision);
  }

  // Not checked here: a commit of another connection before or after this is seen by the next
  // `nothingFrom`, which then forgets this along with the rest.
  private remember(streamId: string, lastRevision: number): void {
    if (this.known.size >= MAX_STREAMS && !this.known.has(streamId)) this.known.clear();
    this.known.set(streamId, lastRevision);
  }

  /**
   * Forgets everything if another connection has committed since last asked. Asked once per turn
   * of the event loop, not per read: a choice reads four streams, and each ask is a read
   * transaction of its own (about 16 µs, 7 % of a choice at national scale). A commit another
   * process makes later in the turn is seen in the next one, as if the reads had come a little
   * earlier; an append after such a read still expects the revision it read, and fails as a
   * conflict if the stream went further.
   */
  private forgetIfOthersWrote(): void {
    if (this.askedThisTurn) return;
    this.askedThisTurn = true;
    setImmediate(() => (this.askedThisTurn = false));
    const version = this.dataVersion.get()!;
    if (version === this.version) return;
    this.version = version;
    this.known.clear();
  }
}
