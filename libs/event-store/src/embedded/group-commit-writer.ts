import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { InvalidEventError } from '../errors/invalid-event.error';
import { WrongExpectedRevisionError } from '../errors/wrong-expected-revision.error';
import { AppendResult } from '../port/append';
import { ExpectedRevision, NO_STREAM_REVISION } from '../port/expected-revision';
import { CheckedAppend } from '../port/serialize-event';

interface PendingAppend {
  append: CheckedAppend;
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

/**
 * Group commit: every append requested during one tick of the event loop is written in a single
 * durable transaction, so the cost of an fsync is shared by all of them instead of paid per event.
 * Each append is checked (expected revision, idempotency) before any of its rows is written, and
 * its rows are written inside a savepoint of their own, so a rejected append (an event found not
 * to be JSON while it is serialised) leaves the others in its group untouched. Events are
 * serialised one at a time as they are written: a run of a million payments never holds all of
 * its JSON text at once.
 */
export class GroupCommitWriter {
  /** Committed transactions and the appends they carried, for health reports and tests. */
  readonly stats = { commits: 0, appends: 0 };
  /** The event text written so far (data and metadata), for pacing checkpoints. */
  writtenBytes = 0;
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  /** When the group being written was committed, as every event of it records. */
  private recordedAt = '';
  private readonly head: Database.Statement<[], { head: number | null }>;
  private readonly streamRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly eventsAfter: Database.Statement<
    [string, number, number],
    { revision: number; position: number; event_id: string }
  >;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly removeFrom: Database.Statement<[number]>;

  /** The last revision each stream of the group being written reached, for `onCommitted`. */
  private written = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: (written: ReadonlyMap<string, number>) => void,
  ) {
    this.head = db.prepare('SELECT max(position) AS head FROM events');
    this.streamRevision = db.prepare(
      'SELECT max(revision) AS revision FROM events WHERE stream_id = ?',
    );
    this.eventsAfter = db.prepare(
      `SELECT revision, position, event_id FROM events
       WHERE stream_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
    );
    this.insert = db.prepare(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.removeFrom = db.prepare('DELETE FROM events WHERE position >= ?');
  }

  append(append: CheckedAppend, expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ append, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.idle = new Promise((done) => (this.markIdle = done));
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once every append requested so far has been committed or rejected. */
  drained(): Promise<void> {
    return this.idle;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    this.recordedAt = new Date().toISOString();
    this.written = new Map();
    const outcomes: (AppendResult | Error)[] = [];
    try {
      this.db
        .transaction(() => {
          let head = this.head.get()?.head ?? 0;
          for (const pending of batch) {
            const outcome = this.write(pending, head);
            if (!(outcome instanceof Error) && outcome.position > head) head = outcome.position;
            outcomes.push(outcome);
          }
        })
        .immediate();
    } catch (error) {
      const failure = storageFailure(error);
      batch.forEach((pending) => pending.reject(failure));
      this.markIdle();
      return;
    }
    this.stats.commits++;
    this.stats.appends += batch.length;
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    });
    this.markIdle();
    this.onCommitted(this.written);
  }

  private write(pending: PendingAppend, head: number): AppendResult | Error {
    const { append, expected } = pending;
    const { streamId, ids } = append;
    let revision = this.streamRevision.get(streamId)?.revision ?? NO_STREAM_REVISION;
    const landed = this.landedBefore(append, expected, revision);
    if (landed) return landed;
    if (!matches(expected, revision)) {
      return new WrongExpectedRevisionError(streamId, expected, revision);
    }
    const invalid = this.insertAll(append, head, revision);
    if (invalid) return invalid;
    revision += ids.length;
    head += ids.length;
    this.written.set(streamId, revision);
    return { nextExpectedRevision: revision, position: head };
  }

  /**
   * Inserts the append's events after `head`. An event found not to be JSON takes back the rows
   * inserted before it, in the group's transaction, and is returned: only this append fails, and
   * any other error fails the whole group. A savepoint per append would do the same, but SQLite
   * then copies every page the append touches before changing it, which was over a quarter of a
   * national choice's group commit.
   */
  private insertAll(
    append: CheckedAppend,
    head: number,
    revision: number,
  ): InvalidEventError | undefined {
    const first = head + 1;
    try {
      for (let i = 0; i < append.ids.length; i++) {
        const event = append.serialize(i);
        this.writtenBytes += event.data.length + event.metadata.length;
        this.insert.run(
          ++head,
          append.streamId,
          ++revision,
          event.id,
          event.type,
          event.data,
          event.metadata,
          this.recordedAt,
        );
      }
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      this.removeFrom.run(first);
      return error;
    }
    return undefined;
  }

  /**
   * A retry of an append that already landed: its events are the ones right after the revision it
   * expected, or, when it expected no particular revision, the stream's last ones. That is where a
   * retry racing its first attempt finds them, and looking there reads a few rows of the stream
   * index instead of keeping an index of every event id (EventStoreDB's rule too).
   */
  private landedBefore(
    { streamId, ids }: CheckedAppend,
    expected: ExpectedRevision,
    revision: number,
  ): AppendResult | Error | undefined {
    const after =
      typeof expected === 'number'
        ? expected
        : expected === 'no_stream'
          ? NO_STREAM_REVISION
          : Math.max(NO_STREAM_REVISION, revision - ids.length);
    if (revision <= after) return undefined;
    const stored = this.eventsAfter.all(streamId, after, ids.length);
    const same = stored.filter((row, i) => row.event_id === ids[i]).length;
    if (same === 0) return undefined;
    if (same < ids.length) {
      return new InvalidEventError(
        `Some events of this append are already in stream "${streamId}" and some are not; ` +
          'a retried append must resend exactly the events of the first attempt',
      );
    }
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

function matches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === NO_STREAM_REVISION;
  if (expected === 'stream_exists') return actual > NO_STREAM_REVISION;
  return expected === actual;
}

function storageFailure(error: unknown): EventStoreUnavailableError {
  const code = (error as { code?: string }).code ?? '';
  const why = code.startsWith('SQLITE_FULL')
    ? 'the disk is full'
    : code.startsWith('SQLITE_READONLY')
      ? 'the event store is read-only'
      : code.startsWith('SQLITE_IOERR')
        ? 'a disk I/O error occurred'
        : (error as Error).message;
  return new EventStoreUnavailableError(`Append failed and nothing was written: ${why}`, {
    cause: error,
  });
}
