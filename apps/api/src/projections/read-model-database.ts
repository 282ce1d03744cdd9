import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The local read-model file. Every API node keeps its own, rebuilt from the log when missing.
 * `synchronous = NORMAL` is enough: a crash can lose the last commits, but read model and
 * checkpoint go together, so the runner simply catches up again from where the file says.
 */
export function openReadModelDatabase(dataDir: string): Database.Database {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'read-models.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
    name       TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    position   INTEGER NOT NULL
  )`);
  return db;
}
