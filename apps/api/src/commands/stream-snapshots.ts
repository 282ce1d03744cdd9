import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { WalCheckpointer } from '@kundval/event-store/embedded';
import { existsSync, rmSync } from 'node:fs';
import type { KeyEntries } from './stream-keys';
import { dataFile } from '../shared/data-file';
import { PaidItemsTable } from '../records/paid-items-snapshot';

const FILE = 'stream-snapshots.sqlite';

// A rowid table: its rows (a roster's state and keys) run to 100 KB, and SQLite compares a
// WITHOUT ROWID table's keys by reading each visited row whole, overflow pages and all.
const COLUMNS = `
  stream_id TEXT PRIMARY KEY,
  kind      TEXT NOT NULL,
  version   INTEGER NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT NOT NULL,
  state     TEXT NOT NULL,
  keys      TEXT NOT NULL`;

/**
 * Which streams keep snapshots and of what shape. `version` changes whenever the state's shape or
 * the fold that makes it does: snapshots of another version are ignored and replaced.
 */
export interface SnapshotKind {
  name: string;
  version: number;
  /** A new snapshot is written once this many events were folded on since the last one. */
  every: number;
  /** What the names of the streams of this kind start with. */
  streamPrefix: string;
}

/**
 * A stream's state as folded up to `revision`, whose event had id `eventId`, with what each
 * Idempotency-Key in those events did: a retry or a reused key is answered after a restart as
 * before it. A keyless stream's (see `KEYLESS_FOLDERS`) has none.
 */
export interface StreamSnapshot<S> {
  state: S;
  revision: number;
  eventId: string;
  keys: KeyEntries;
}

/** A snapshot as read back: its keys are parsed only when asked for. */
export type LoadedSnapshot<S> = Omit<StreamSnapshot<S>, 'keys'> & { keys: () => KeyEntries };

/**
 * Folded states of long streams (a provider's roster gains an event per placement), kept in the
 * data dir so a command on a stream this process has not read yet folds only the events after
 * the snapshot. Derived data, as the read models are: a reader checks a snapshot against the log
 * (the event at its revision must be the one it was folded up to) and ignores it otherwise, and
 * an unreadable file is simply started afresh. Commits are not synced one by one (WAL with
 * `synchronous = NORMAL`): a crash can only lose the newest snapshots, which later reads write
 * again.
 */
export class StreamSnapshots {
  /** The items of approved payment runs, whose snapshots' rows say where they were taken. */
  readonly paidItems: PaidItemsTable;
  private readonly select;
  private readonly selectWithoutKeys;
  private readonly upsert;
  private readonly remove;
  /** Copies the write-ahead log into the file off the thread that serves requests. */
  private readonly checkpointer: WalCheckpointer;

  private constructor(private readonly db: Database.Database) {
    upgradeTable(db);
    db.exec(`CREATE TABLE IF NOT EXISTS stream_snapshot (${COLUMNS})`);
    const select = (columns: string) =>
      db.prepare(
        `SELECT ${columns} FROM stream_snapshot WHERE stream_id = ? AND kind = ? AND version = ?`,
      );
    this.select = select('revision, event_id AS eventId, state, keys');
    this.selectWithoutKeys = select("revision, event_id AS eventId, state, '[]' AS keys");
    this.upsert = db.prepare(
      `INSERT INTO stream_snapshot (stream_id, kind, version, revision, event_id, state, keys)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET kind = excluded.kind, version = excluded.version,
         revision = excluded.revision, event_id = excluded.event_id, state = excluded.state,
         keys = excluded.keys
       WHERE excluded.revision > stream_snapshot.revision OR stream_snapshot.kind <> excluded.kind
         OR stream_snapshot.version <> excluded.version`,
    );
    this.remove = db.prepare('DELETE FROM stream_snapshot WHERE stream_id = ?');
    this.paidItems = new PaidItemsTable(db);
    this.checkpointer = WalCheckpointer.periodic(db);
  }

  /** Runs `work` in one transaction of the snapshots' file: a snapshot and its rows together. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Opens (or creates) the data dir's snapshot file; an unreadable one is started afresh. */
  static open(dataDir: string): StreamSnapshots {
    const file = dataFile(dataDir, FILE);
    try {
      return new StreamSnapshots(openFile(file));
    } catch (error) {
      new Logger('StreamSnapshots').warn(
        `${file} is unreadable (${(error as Error).message}); starting without snapshots`,
      );
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) rmSync(file + suffix);
      }
      return new StreamSnapshots(openFile(file));
    }
  }

  /** `keys: false` leaves the keys unread: for a stream whose keys are not kept. */
  load<S>(
    kind: SnapshotKind,
    streamId: string,
    { keys: withKeys = true } = {},
  ): LoadedSnapshot<S> | undefined {
    const select = withKeys ? this.select : this.selectWithoutKeys;
    const row = select.get(streamId, kind.name, kind.version) as
      { revision: number; eventId: string; state: string; keys: string } | undefined;
    if (!row) return undefined;
    const { revision, eventId, keys: keysText } = row;
    // Only the keys' text is kept until they are asked for, not the row with the state's text:
    // a process that has read every roster would hold both for each.
    const keys = () => JSON.parse(keysText) as KeyEntries;
    return { state: JSON.parse(row.state) as S, revision, eventId, keys };
  }

  /** Keeps the snapshot unless one of a later revision is already there. */
  save<S>(kind: SnapshotKind, streamId: string, snapshot: StreamSnapshot<S>): void {
    const { revision, eventId, state, keys } = snapshot;
    this.upsert.run(
      streamId,
      kind.name,
      kind.version,
      revision,
      eventId,
      JSON.stringify(state),
      JSON.stringify(keys),
    );
  }

  /** Forgets a stream's snapshot: it no longer matches the log. */
  discard(streamId: string): void {
    this.remove.run(streamId);
  }

  async close(): Promise<void> {
    // Its connection first: the last one to close copies the log into the file and removes it.
    await this.checkpointer.close();
    this.db.close();
  }
}

/**
 * Brings a file of an earlier layout up to this one: snapshots without their keys are of no use
 * and are remade; those of a WITHOUT ROWID table (a lookup read about 1 MB) are moved over.
 */
function upgradeTable(db: Database.Database): void {
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'stream_snapshot'")
    .pluck()
    .get() as string | undefined;
  if (sql === undefined) return;
  if (!/\bkeys\b/.test(sql)) db.exec('DROP TABLE stream_snapshot');
  else if (/WITHOUT\s+ROWID/i.test(sql))
    db.transaction(() => {
      db.exec(`CREATE TABLE stream_snapshot_moved (${COLUMNS})`);
      db.exec('INSERT INTO stream_snapshot_moved SELECT * FROM stream_snapshot');
      db.exec('DROP TABLE stream_snapshot');
      db.exec('ALTER TABLE stream_snapshot_moved RENAME TO stream_snapshot');
    })();
}

function openFile(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
