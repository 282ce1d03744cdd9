import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  openSync,
  readSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { WalCheckpointer } from '@kundval/event-store/embedded';
import { dataFile } from '../shared/data-file';

const FILE = 'read-models.sqlite';
/** The page cache's size while serving queries and following the log, in KiB. */
export const READ_MODEL_CACHE_KIB = 65_536;
/** Written next to the file at a clean close, removed at open: the file as it was left. */
const CLEAN_SUFFIX = '.clean';
/** Each open file's checkpointer, closed before the file (see {@link closeReadModelDatabase}). */
const checkpointers = new WeakMap<Database.Database, WalCheckpointer>();

interface CleanClose {
  size: number;
  mtimeMs: number;
}

/**
 * The local read-model file. Every API node keeps its own, rebuilt from the log when missing.
 * `synchronous = NORMAL` is enough: a crash can lose the last commits, but read model and
 * checkpoint go together, so the runner simply catches up again from where the file says.
 * A file that is corrupt or truncated is set aside (kept for inspection) and rebuilt from the
 * log, which is the only source of truth. The full integrity check reads the whole file, so it
 * is skipped when the file is exactly as {@link closeReadModelDatabase} left it.
 */
export function openReadModelDatabase(dataDir: string): Database.Database {
  const file = dataFile(dataDir, FILE);
  const trusted = closedCleanly(file);
  // From here on the file may change: a crash must not leave a marker that vouches for it.
  rmSync(file + CLEAN_SUFFIX, { force: true });
  const db = openOrSetAside(file, trusted);
  // The write-ahead log is copied into the file on a thread of its own, not by the committer.
  checkpointers.set(db, WalCheckpointer.periodic(db));
  return db;
}

function openOrSetAside(file: string, trusted: boolean): Database.Database {
  try {
    return open(file, trusted);
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    new Logger('Projections').warn(
      `${file} is unreadable (${(error as Error).message}); moved to ${aside}, rebuilding from the log`,
    );
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    return open(file, false);
  }
}

/**
 * Closes the read-model file and records its size and time of change, so the next open can skip
 * the full integrity check as long as nothing touched the file in between.
 */
export async function closeReadModelDatabase(db: Database.Database): Promise<void> {
  const file = db.name;
  // The checkpointer's connection first: the last one to close copies the log into the file.
  await checkpointers.get(db)?.close();
  db.close();
  // Closing the last connection checkpoints the WAL into the file and removes it.
  if (!db.memory && !existsSync(`${file}-wal`)) {
    const { size, mtimeMs } = statSync(file);
    const marker: CleanClose = { size, mtimeMs };
    writeFileSync(`${file}${CLEAN_SUFFIX}.tmp`, JSON.stringify(marker));
    renameSync(`${file}${CLEAN_SUFFIX}.tmp`, file + CLEAN_SUFFIX);
  }
}

/** Whether the file is still as a clean close left it: same size and time, no WAL beside it. */
export function closedCleanly(file: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(file + CLEAN_SUFFIX, 'utf8')) as CleanClose;
    const { size, mtimeMs } = statSync(file);
    return marker.size === size && marker.mtimeMs === mtimeMs && !existsSync(`${file}-wal`);
  } catch {
    return false;
  }
}

/**
 * Whether the header counts more pages than the file holds. Only meaningful without a WAL beside
 * the file (with one, the newest pages may be in the WAL), and only when the header's count is
 * valid (it is when the two change counters agree).
 */
function truncated(file: string): boolean {
  if (!existsSync(file) || existsSync(`${file}-wal`)) return false;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return false;
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return false;
  if (header.readUInt32BE(24) !== header.readUInt32BE(92)) return false;
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  return header.readUInt32BE(28) * pageSize > statSync(file).size;
}

function open(file: string, trusted: boolean): Database.Database {
  const headerLongerThanFile = truncated(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${READ_MODEL_CACHE_KIB}`);
    // Always, and cheap: the schema is readable, and the header does not claim more than is there.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (headerLongerThanFile) throw new Error('the file is shorter than its header says');
    if (!trusted) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    }
    db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
      name       TEXT PRIMARY KEY,
      version    INTEGER NOT NULL,
      generation INTEGER NOT NULL,
      position   INTEGER NOT NULL
    )`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
