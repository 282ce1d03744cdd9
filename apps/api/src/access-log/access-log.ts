import Database from 'better-sqlite3';
import { dataFile } from '../shared/data-file';

/** One read of one citizen's data. */
export interface AccessEntry {
  at: string;
  actor: string;
  role: string;
  citizenId: string;
  /** What was read, e.g. `history`, `entitlements`, `statement`. */
  what: string;
  /** Why, as the caller stated it (`?purpose=`), or null. */
  purpose: string | null;
  path: string;
}

/**
 * The access log (loggning av åtkomst): who read which citizen's data, when, what and why. Its own
 * file, append-only: triggers refuse every update and delete, so not even a bug can rewrite it.
 */
export class AccessLog {
  private readonly insert;

  private constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS access_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
        citizen_id TEXT NOT NULL, what TEXT NOT NULL, purpose TEXT, path TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS access_log_by_citizen ON access_log (citizen_id, id);
      CREATE INDEX IF NOT EXISTS access_log_by_actor ON access_log (actor, id);
      CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;`);
    this.insert = db.prepare(
      'INSERT INTO access_log (at, actor, role, citizen_id, what, purpose, path) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  static open(dataDir: string): AccessLog {
    const db = new Database(dataFile(dataDir, 'access-log.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return new AccessLog(db);
  }

  record(entries: readonly AccessEntry[]): void {
    this.db.transaction(() => {
      for (const e of entries)
        this.insert.run(e.at, e.actor, e.role, e.citizenId, e.what, e.purpose, e.path);
    })();
  }

  query(filter: { citizenId?: string; actor?: string; limit: number; offset: number }): {
    items: AccessEntry[];
    total: number;
  } {
    const where = [
      filter.citizenId ? 'citizen_id = @citizenId' : '',
      filter.actor ? 'actor = @actor' : '',
    ]
      .filter(Boolean)
      .join(' AND ');
    const clause = where ? `WHERE ${where}` : '';
    const params = {
      citizenId: filter.citizenId,
      actor: filter.actor,
      limit: filter.limit,
      offset: filter.offset,
    };
    const { total } = this.db
      .prepare(`SELECT count(*) AS total FROM access_log ${clause}`)
      .get(params) as { total: number };
    const items = this.db
      .prepare(
        `SELECT at, actor, role, citizen_id AS citizenId, what, purpose, path FROM access_log ${clause}
         ORDER BY id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as AccessEntry[];
    return { items, total };
  }

  close(): void {
    this.db.close();
  }
}
