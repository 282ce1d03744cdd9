import Database from 'better-sqlite3';
import { mkdirSync, accessSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';

/** Marks a SQLite file as ours ("KUND" in ASCII) so a foreign database is refused, not altered. */
const APPLICATION_ID = 0x4b554e44;
const SCHEMA_VERSION = 2;
/** SQLite's largest memory map unless built otherwise (SQLITE_MAX_MMAP_SIZE), just under 2 GiB. */
const MMAP_BYTES = 0x7fff0000;
const PAGE_BYTES = 16_384;

const SCHEMA = `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL
  );
  CREATE UNIQUE INDEX events_by_stream ON events (stream_id, revision);
  CREATE INDEX events_by_type ON events (type, position);
`;

/**
 * Opens (creating if needed) the event database in `dataDir`, in WAL mode with durable commits.
 * Fails with a message naming the file when the directory is unwritable or the file is not an
 * event store, before anything is written.
 */
export function openDatabase(dataDir: string, fileName: string): Database.Database {
  const dir = resolve(dataDir);
  const file = join(dir, fileName);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new EventStoreUnavailableError(
      `Data directory ${dir} is not writable: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 10000');
    // Only a new file takes it (a database in WAL mode keeps the page size it was made with).
    // Larger pages make fewer, fuller B-tree pages: appending a payment run's million events
    // took a quarter less time than with SQLite's 4 KB.
    db.pragma(`page_size = ${PAGE_BYTES}`);
    const journal = db.pragma('journal_mode = WAL', { simple: true });
    if (journal !== 'wal') throw new Error(`could not switch to WAL (journal_mode is ${journal})`);
    // FULL: a commit returns only after the WAL is on disk, so every acknowledged append survives.
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    // Reads through a memory map: a command reads a few streams whose events lie anywhere in the
    // log, and a page copied in by a system call each time was most of a cold read. Writes still
    // go through the page cache and the WAL, so durability is unchanged.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    ensureSchema(db, file);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof EventStoreUnavailableError) throw error;
    throw new EventStoreUnavailableError(
      `Event store file ${file} cannot be opened (corrupt, or not an event store): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function ensureSchema(db: Database.Database, file: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number };
  if (applicationId === 0 && tables.n === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    return;
  }
  if (applicationId !== APPLICATION_ID) {
    throw new EventStoreUnavailableError(`${file} is a SQLite database, but not an event store`);
  }
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version === 1) version = dropEventIdIndex(db);
  if (version !== SCHEMA_VERSION) {
    throw new EventStoreUnavailableError(
      `${file} has event store schema version ${version}; this build reads version ${SCHEMA_VERSION}`,
    );
  }
  // Reading the last page touches the end of the file, so a truncated file fails here at start.
  db.prepare(`SELECT position FROM events ORDER BY position DESC LIMIT 1`).get();
}

/**
 * Version 1 kept an index of every stream's event ids, only to find a retried append's events; a
 * retry is now recognised by the events right after the revision it expected (see the group-commit
 * writer). The index cost every append one more page to write, and 1.1 GB of a national log of
 * 10.9M events; dropping it there took 13 s.
 */
function dropEventIdIndex(db: Database.Database): number {
  db.transaction(() => {
    db.exec('DROP INDEX IF EXISTS events_by_id');
    db.pragma('user_version = 2');
  }).immediate();
  return 2;
}
