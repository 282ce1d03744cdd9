import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { CHECKPOINT_BYTES, WalCheckpointer } from './wal-checkpointer';

// The write-ahead log is copied into the database file while the store is open (on a thread of
// its own), so the file holds the events without a close, and nothing is lost on the way.
describe('SqliteEventStore checkpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kundval-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies what was appended into the database file while open', async () => {
    const store = SqliteEventStore.open({ dataDir: dir });
    const file = join(dir, 'events.sqlite');
    const before = statSync(file).size;
    const text = 'x'.repeat(1_000);
    const events = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
        type: 'Written',
        data: { i: from + i, text },
      }));
    // Past the pacing in appends of a thousand events, as a payment run appends its schemes.
    const count = Math.ceil((2 * CHECKPOINT_BYTES) / 1_000);
    for (let from = 0; from < count; from += 1_000)
      await store.append('big', events(from, Math.min(1_000, count - from)));
    const deadline = Date.now() + 20_000;
    while (statSync(file).size < before + CHECKPOINT_BYTES && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(file).size).toBeGreaterThanOrEqual(before + CHECKPOINT_BYTES);

    await store.close();
    const again = SqliteEventStore.open({ dataDir: dir });
    const read = await again.readStream('big');
    expect(read.map((e) => (e.data as { i: number }).i)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
    await again.close();
  });
});

// The read models and snapshots count nothing they write: their logs are copied on a timer.
describe('WalCheckpointer.periodic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kundval-periodic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies what this connection wrote into the file, and the last close removes the log', async () => {
    const file = join(dir, 'read-models.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE row (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const checkpointer = WalCheckpointer.periodic(db, 20);
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO row (text) VALUES (?)');
    // More than SQLite's own checkpoint would wait for (1,000 pages), which is now turned off.
    db.transaction(() => {
      for (let i = 0; i < 5_000; i++) insert.run('x'.repeat(1_000));
    })();
    const deadline = Date.now() + 20_000;
    while (statSync(file).size < before + 4_000_000 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statSync(file).size).toBeGreaterThanOrEqual(before + 4_000_000);

    await checkpointer.close();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = new Database(file, { readonly: true });
    expect(again.prepare('SELECT count(*) FROM row').pluck().get()).toBe(5_000);
    again.close();
  });
});
