import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { tempDirs } from '../support/temp-dirs';

const tempDir = tempDirs('durability');
const register = join(__dirname, '../support/register-ts.js');
/** A run-sized append: `count` events, the n-th carrying `data(n)`. */
const payments = (count: number, data: (n: number) => object) =>
  Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'Paid', data: data(n) }));

/** Runs a script of this folder on the data dir in a process of its own, collecting its stdout. */
function child(script: string, dataDir: string) {
  const spawned = spawn(process.execPath, ['-r', register, join(__dirname, script), dataDir]);
  let output = '';
  spawned.stdout.on('data', (chunk) => (output += chunk));
  spawned.stderr.on('data', (chunk) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => spawned.on('exit', resolve));
  return { output: () => output, kill: () => spawned.kill('SIGKILL'), exited };
}

describe('embedded store durability', () => {
  it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const appending = child('append-until-killed.ts', dataDir);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (appending.output().split('\n').length > 2000) {
          clearInterval(check);
          appending.kill();
          resolve();
        }
      }, 20);
    });
    await appending.exited;

    const acknowledged = appending
      .output()
      .split('\n')
      .filter((line) => line.length === 36);
    const store = SqliteEventStore.open({ dataDir });
    const stored = await store.readAll();
    const ids = new Set(stored.map((e) => e.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(stored.map((e) => e.position)).toEqual(stored.map((_, i) => i + 1));
    await store.close();
  }, 60_000);

  it('closes whole after a large append: the process goes on, and no log is left beside the file', async () => {
    const dataDir = tempDir();
    const closing = child('append-then-close.ts', dataDir);
    const code = await closing.exited;
    expect({ code, output: closing.output() }).toEqual({ code: 0, output: 'closed\n' });
    expect(existsSync(join(dataDir, 'events.sqlite-wal'))).toBe(false);
    const store = SqliteEventStore.open({ dataDir });
    expect(await store.headPosition()).toBe(12_000);
    await store.close();
  }, 60_000);

  it('groups concurrent appends into few transactions', async () => {
    const store = SqliteEventStore.open({ dataDir: tempDir() });
    await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        store.append(`s-${i}`, [{ id: randomUUID(), type: 'A', data: {} }]),
      ),
    );
    expect(store.stats()).toEqual({ commits: 1, appends: 64 });
    await store.close();
  });

  it('writes a large append whole and in order, with an append made in the same tick after it', async () => {
    const store = SqliteEventStore.open({ dataDir: tempDir() });
    const events = payments(7_500, (n) => ({ n }));
    const [large, small] = await Promise.all([
      store.append('run-1', events, { expectedRevision: 'no_stream' }),
      store.append('other', [{ id: randomUUID(), type: 'A', data: {} }]),
    ]);
    expect(large).toEqual({ nextExpectedRevision: 7_499, position: 7_500 });
    expect(small.position).toBe(7_501);
    const stored = await store.readStream('run-1');
    expect(stored.map((e) => (e.data as { n: number }).n)).toEqual(events.map((_, n) => n));
    await store.close();
  });

  it('writes nothing of a large append whose event late in it is not JSON', async () => {
    const store = SqliteEventStore.open({ dataDir: tempDir() });
    const events = payments(7_500, (n) => (n === 7_000 ? { at: new Date() } : { n }));
    const [large, small] = await Promise.allSettled([
      store.append('run-1', events),
      store.append('other', [{ id: randomUUID(), type: 'A', data: {} }]),
    ]);
    expect(large).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_EVENT' } });
    expect(small).toMatchObject({ status: 'fulfilled', value: { position: 1 } });
    expect(await store.readStream('run-1')).toEqual([]);
    expect(await store.headPosition()).toBe(1);
    // The writer goes on: the same stream can be written afterwards.
    await store.append('run-1', [{ id: randomUUID(), type: 'Paid', data: {} }]);
    expect(await store.headPosition()).toBe(2);
    await store.close();
  });

  it('refuses an unwritable data directory, naming it', () => {
    const file = join(tempDir(), 'not-a-directory');
    writeFileSync(file, 'x');
    expect(() => SqliteEventStore.open({ dataDir: join(file, 'data') })).toThrow(
      expect.objectContaining({
        constructor: EventStoreUnavailableError,
        message: expect.stringContaining(`Data directory ${join(file, 'data')} is not writable`),
      }),
    );
  });

  it('refuses a file that is not a database, and leaves it as it was', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'events.sqlite');
    writeFileSync(
      file,
      'this is not a database, just some text that happens to be here'.repeat(100),
    );
    expect(() => SqliteEventStore.open({ dataDir })).toThrow(
      /cannot be opened \(corrupt, or not an event store\)/,
    );
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
  });

  it('refuses a SQLite database that is not an event store', () => {
    const dataDir = tempDir();
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    expect(() => SqliteEventStore.open({ dataDir })).toThrow(
      /is a SQLite database, but not an event store/,
    );
  });

  it('makes a new store with 16 KB pages and opens one made with 4 KB pages as it is', async () => {
    const pageSize = (dataDir: string) => {
      const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      try {
        return db.pragma('page_size', { simple: true });
      } finally {
        db.close();
      }
    };
    const fresh = tempDir();
    await SqliteEventStore.open({ dataDir: fresh }).close();
    expect(pageSize(fresh)).toBe(16_384);

    // A store made before the page size was set: SQLite's default, and already in WAL mode.
    const older = tempDir();
    const db = new Database(join(older, 'events.sqlite'));
    db.pragma('page_size = 4096');
    db.pragma('journal_mode = WAL');
    db.close();
    const store = SqliteEventStore.open({ dataDir: older });
    await store.append('s-1', [{ id: randomUUID(), type: 'A', data: { n: 1 } }]);
    expect((await store.readStream('s-1')).map((e) => e.data)).toEqual([{ n: 1 }]);
    await store.close();
    expect(pageSize(older)).toBe(4096);
  });

  it('opens a store of the first schema version, dropping its index of event ids', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'events.sqlite');
    const first = { id: randomUUID(), type: 'A', data: { n: 1 } };
    // Version 1 as it was made: the events, with an index of every stream's event ids.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, recorded_at TEXT NOT NULL);
      CREATE UNIQUE INDEX events_by_stream ON events (stream_id, revision);
      CREATE UNIQUE INDEX events_by_id ON events (stream_id, event_id);
      CREATE INDEX events_by_type ON events (type, position);`);
    db.prepare('INSERT INTO events VALUES (1, ?, 0, ?, ?, ?, ?, ?)').run(
      's-1',
      first.id,
      first.type,
      JSON.stringify(first.data),
      '{}',
      new Date().toISOString(),
    );
    db.pragma(`application_id = ${0x4b554e44}`); // "KUND"
    db.pragma('user_version = 1');
    db.close();

    const store = SqliteEventStore.open({ dataDir });
    // A retry of the event already stored is still recognised, and the next append lands.
    expect(await store.append('s-1', [first], { expectedRevision: 'no_stream' })).toEqual({
      nextExpectedRevision: 0,
      position: 1,
    });
    await store.append('s-1', [{ id: randomUUID(), type: 'B', data: {} }], { expectedRevision: 0 });
    expect((await store.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    await store.close();
    const after = new Database(file, { readonly: true });
    const indexes = after.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck();
    expect(indexes.all()).toEqual(['events_by_stream', 'events_by_type']);
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    after.close();
  });

  it('detects a truncated store at start', async () => {
    const dataDir = tempDir();
    const store = SqliteEventStore.open({ dataDir });
    for (let i = 0; i < 20; i++) {
      await store.append(`s-${i}`, [
        { id: randomUUID(), type: 'A', data: { pad: 'x'.repeat(4000) } },
      ]);
    }
    await store.close();
    const file = join(dataDir, 'events.sqlite');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(() => SqliteEventStore.open({ dataDir })).toThrow(EventStoreUnavailableError);
  });
});
