import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The local read-model file. Every API node keeps its own, rebuilt from the log when missing.
 * `synchronous = NORMAL` is enough: a crash can lose the last commits, but read model and
 * checkpoint go together, so the runner simply catches up again from where the file says.
 * A file that is corrupt or truncated is set aside (kept for inspection) and rebuilt from the
 * log, which is the only source of truth.
 */
export function openReadModelDatabase(dataDir: string): Database.Database {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'read-models.sqlite');
  try {
    return open(file);
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    new Logger('Projections').warn(
      `${file} is unreadable (${(error as Error).message}); moved to ${aside}, rebuilding from the log`,
    );
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    return open(file);
  }
}

function open(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
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
