import Database from 'better-sqlite3';
import { createHmac, randomUUID } from 'node:crypto';
import { IdentityKeys } from './identity-keys';
import { dataFile } from '../../shared/data-file';

/** A citizen's identity as registered: only this registry ever holds the raw number. */
export interface CitizenIdentity {
  citizenId: string;
  /** Normalised `YYYYMMDDNNNN`. */
  personalNumber: string;
  name: string | null;
}

export interface IdentitySecrets {
  /** Keys the hash that indexes numbers for lookup. */
  lookupKey: string;
  /** Wraps every citizen's data key. */
  masterKey: string;
}

interface Row {
  citizen_id: string;
  wrapped_key: Buffer | null;
  personal_number: Buffer | null;
  name: Buffer | null;
}

/**
 * Maps personnummer/samordningsnummer to pseudonymous citizen ids. Events and streams carry only
 * the citizen id; the number and name live here, in their own file, encrypted with a key per
 * citizen. Erasing a citizen destroys that key and the ciphertext (the id stays, pointing at no
 * one), so history, payments and reconciliation still work while the identity is gone everywhere.
 * Lookups go through a keyed hash, which is removed on erasure too.
 */
export class IdentityRegistry {
  private readonly statements;
  private readonly keys: IdentityKeys;

  private constructor(
    private readonly db: Database.Database,
    private readonly secrets: IdentitySecrets,
  ) {
    this.keys = new IdentityKeys(secrets.masterKey);
    db.exec(`CREATE TABLE IF NOT EXISTS identities (
      citizen_id      TEXT PRIMARY KEY,
      lookup_hash     TEXT UNIQUE,
      wrapped_key     BLOB,
      personal_number BLOB,
      name            BLOB,
      registered_at   TEXT NOT NULL,
      erased_at       TEXT
    )`);
    this.statements = {
      byHash: db.prepare<[string], { citizen_id: string }>(
        'SELECT citizen_id FROM identities WHERE lookup_hash = ?',
      ),
      byId: db.prepare<[string], Row>(
        'SELECT citizen_id, wrapped_key, personal_number, name FROM identities WHERE citizen_id = ?',
      ),
      insert: db.prepare(
        'INSERT INTO identities (citizen_id, lookup_hash, wrapped_key, personal_number, name, registered_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      erase: db.prepare(
        `UPDATE identities SET lookup_hash = NULL, wrapped_key = NULL, personal_number = NULL, name = NULL, erased_at = ?
         WHERE citizen_id = ? AND erased_at IS NULL`,
      ),
    };
  }

  static open(dataDir: string, secrets: IdentitySecrets): IdentityRegistry {
    const db = new Database(dataFile(dataDir, 'identities.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Erased keys are overwritten on disk, not just unlinked from the b-tree.
    db.pragma('secure_delete = ON');
    return new IdentityRegistry(db, secrets);
  }

  /** The citizen id for a normalised number, registering it on first sight. */
  register(
    personalNumber: string,
    name: string | null = null,
  ): { citizenId: string; created: boolean } {
    return this.db.transaction(() => this.insert(personalNumber, name, randomUUID())).immediate();
  }

  /**
   * Registers many citizens in one durable transaction (one fsync, not one per citizen), for
   * bulk imports. `citizenIdOf` names each new citizen; already registered numbers keep their id.
   */
  registerAll(
    citizens: readonly { personalNumber: string; name: string | null }[],
    citizenIdOf: (index: number) => string = () => randomUUID(),
  ): { citizenId: string; created: boolean }[] {
    return this.db
      .transaction(() =>
        citizens.map((c, i) => this.insert(c.personalNumber, c.name, citizenIdOf(i))),
      )
      .immediate();
  }

  find(personalNumber: string): string | undefined {
    return this.statements.byHash.get(this.hash(personalNumber))?.citizen_id;
  }

  /** The identity, or undefined when unknown or erased. */
  identityOf(citizenId: string): CitizenIdentity | undefined {
    const row = this.statements.byId.get(citizenId);
    if (!row?.wrapped_key || !row.personal_number) return undefined;
    const dataKey = this.keys.unwrap(row.wrapped_key);
    return {
      citizenId,
      personalNumber: this.keys.decrypt(dataKey, row.personal_number),
      name: row.name ? this.keys.decrypt(dataKey, row.name) : null,
    };
  }

  /** Whether the citizen was registered and then erased. */
  isErased(citizenId: string): boolean {
    const row = this.statements.byId.get(citizenId);
    return row !== undefined && row.wrapped_key === null;
  }

  /** Destroys the citizen's key and identity; the citizen id stays in the log, pointing at no one. */
  erase(citizenId: string): boolean {
    return this.statements.erase.run(new Date().toISOString(), citizenId).changes > 0;
  }

  close(): void {
    this.db.close();
  }

  private insert(personalNumber: string, name: string | null, newId: string) {
    const hash = this.hash(personalNumber);
    const existing = this.statements.byHash.get(hash);
    if (existing) return { citizenId: existing.citizen_id, created: false };
    const dataKey = this.keys.newDataKey();
    this.statements.insert.run(
      newId,
      hash,
      this.keys.wrap(dataKey),
      this.keys.encrypt(dataKey, personalNumber),
      name === null ? null : this.keys.encrypt(dataKey, name),
      new Date().toISOString(),
    );
    return { citizenId: newId, created: true };
  }

  private hash(personalNumber: string): string {
    return createHmac('sha256', this.secrets.lookupKey).update(personalNumber).digest('hex');
  }
}
