import Database from 'better-sqlite3';
import { readdirSync, statSync, truncateSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  closedCleanly,
  closeReadModelDatabase,
  openReadModelDatabase,
} from '../../apps/api/src/projections/read-model-database';
import { tempDirs } from '../support/temp-dirs';

// The full integrity check reads the whole read-model file; after a clean close it is skipped,
// as long as nothing changed the file since. Anything else still gets the full check.

const tempDir = tempDirs('clean-close');

beforeAll(() => Logger.overrideLogger(false));
afterEach(() => jest.restoreAllMocks());

/** A read-model dir with some rows, closed cleanly. */
async function cleanlyClosed(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const db = openReadModelDatabase(dir);
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, pad TEXT)');
  const insert = db.prepare('INSERT INTO rows (pad) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
  })();
  db.prepare("INSERT INTO projection_state VALUES ('p', 1, 1, 2000)").run();
  await closeReadModelDatabase(db);
  return { dir, file: join(dir, 'read-models.sqlite') };
}

/** Whether opening ran SQLite's quick_check. */
function opensWithFullCheck(dir: string): { checked: boolean; db: Database.Database } {
  const pragma = jest.spyOn(Database.prototype, 'pragma');
  const db = openReadModelDatabase(dir);
  const checked = pragma.mock.calls.some(([source]) => String(source).includes('quick_check'));
  pragma.mockRestore();
  return { checked, db };
}

const projectionRows = (db: Database.Database) =>
  db.prepare('SELECT count(*) AS n FROM projection_state').get();

describe('opening a read-model file', () => {
  it('skips the full check after a clean close, and checks again after any other end', async () => {
    const { dir, file } = await cleanlyClosed();
    expect(closedCleanly(file)).toBe(true);

    const first = opensWithFullCheck(dir);
    expect(first.checked).toBe(false);
    expect(projectionRows(first.db)).toEqual({ n: 1 });
    // Open, the file may change at any moment: nothing vouches for it any more.
    expect(closedCleanly(file)).toBe(false);
    first.db.close(); // as a crash would leave it: no clean close

    const second = opensWithFullCheck(dir);
    expect(second.checked).toBe(true);
    expect(projectionRows(second.db)).toEqual({ n: 1 });
    await closeReadModelDatabase(second.db);
    expect(closedCleanly(file)).toBe(true);
  });

  it('checks in full when the file changed after the clean close', async () => {
    const { dir, file } = await cleanlyClosed();
    const other = new Database(file);
    other.prepare("UPDATE projection_state SET position = 2001 WHERE name = 'p'").run();
    other.close();
    expect(closedCleanly(file)).toBe(false);
    const { checked, db } = opensWithFullCheck(dir);
    expect(checked).toBe(true);
    db.close();
  });

  it('still detects a truncated file, even with its time of change put back', async () => {
    const { dir, file } = await cleanlyClosed();
    const { mtime } = statSync(file);
    truncateSync(file, Math.floor(statSync(file).size / 3));
    utimesSync(file, mtime, mtime);
    const db = openReadModelDatabase(dir);
    expect(projectionRows(db)).toEqual({ n: 0 });
    db.close();
    expect(readdirSync(dir).some((f) => f.startsWith('read-models.sqlite.corrupt-'))).toBe(true);
  });
});
