import { readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReadModelDatabase } from '../../apps/api/src/projections/read-model-database';
import { tempDirs } from '../support/temp-dirs';

const tempDir = tempDirs('readmodel');

describe('read-model database recovery', () => {
  it('sets a file that is not a database aside and starts a fresh one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'read-models.sqlite'), 'not a database at all'.repeat(500));
    const db = openReadModelDatabase(dir);
    expect(db.prepare('SELECT count(*) AS n FROM projection_state').get()).toEqual({ n: 0 });
    db.close();
    expect(readdirSync(dir).some((f) => f.startsWith('read-models.sqlite.corrupt-'))).toBe(true);
  });

  it('detects a truncated file and rebuilds instead of serving half a read model', () => {
    const dir = tempDir();
    const db = openReadModelDatabase(dir);
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, pad TEXT)');
    const insert = db.prepare('INSERT INTO rows (pad) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
    db.prepare("INSERT INTO projection_state VALUES ('p', 1, 1, 2000)").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = join(dir, 'read-models.sqlite');
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const reopened = openReadModelDatabase(dir);
    expect(reopened.prepare('SELECT count(*) AS n FROM projection_state').get()).toEqual({ n: 0 });
    reopened.close();
  });
});
