import Database from 'better-sqlite3';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A citizen's identity as registered: only this registry ever holds the raw number. */
export interface CitizenIdentity {
  citizenId: string;
  /** Normalised `YYYYMMDDNNNN`. */
  personalNumber: string;
  name: string | null;
}

/**
 * Maps personnummer/samordningsnummer to pseudonymous citizen ids. Events and streams carry only
 * the citizen id; the number lives here, in its own file, so that erasing a citizen is deleting
 * one row and the immutable log never held it. Lookups go through a keyed hash so the index does
 * not reveal numbers either.
 */
export class IdentityRegistry {
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly lookupKey: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS identities (
      citizen_id      TEXT PRIMARY KEY,
      lookup_hash     TEXT NOT NULL UNIQUE,
      personal_number TEXT NOT NULL,
      name            TEXT,
      registered_at   TEXT NOT NULL
    )`);
    this.statements = {
      byHash: db.prepare<[string], { citizen_id: string }>(
        'SELECT citizen_id FROM identities WHERE lookup_hash = ?',
      ),
      byId: db.prepare<
        [string],
        { citizen_id: string; personal_number: string; name: string | null }
      >('SELECT citizen_id, personal_number, name FROM identities WHERE citizen_id = ?'),
      insert: db.prepare(
        'INSERT INTO identities (citizen_id, lookup_hash, personal_number, name, registered_at) VALUES (?, ?, ?, ?, ?)',
      ),
      erase: db.prepare('DELETE FROM identities WHERE citizen_id = ?'),
    };
  }

  static open(dataDir: string, lookupKey: string): IdentityRegistry {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, 'identities.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return new IdentityRegistry(db, lookupKey);
  }

  /** The citizen id for a normalised number, registering it on first sight. */
  register(
    personalNumber: string,
    name: string | null = null,
  ): { citizenId: string; created: boolean } {
    const hash = this.hash(personalNumber);
    return this.db
      .transaction(() => {
        const existing = this.statements.byHash.get(hash);
        if (existing) return { citizenId: existing.citizen_id, created: false };
        const citizenId = randomUUID();
        this.statements.insert.run(citizenId, hash, personalNumber, name, new Date().toISOString());
        return { citizenId, created: true };
      })
      .immediate();
  }

  find(personalNumber: string): string | undefined {
    return this.statements.byHash.get(this.hash(personalNumber))?.citizen_id;
  }

  identityOf(citizenId: string): CitizenIdentity | undefined {
    const row = this.statements.byId.get(citizenId);
    return (
      row && { citizenId: row.citizen_id, personalNumber: row.personal_number, name: row.name }
    );
  }

  /** Forgets the number and name; the citizen id stays in the log, pointing at no one. */
  erase(citizenId: string): boolean {
    return this.statements.erase.run(citizenId).changes > 0;
  }

  close(): void {
    this.db.close();
  }

  private hash(personalNumber: string): string {
    return createHmac('sha256', this.lookupKey).update(personalNumber).digest('hex');
  }
}
