import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore, ReadStreamOptions } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { snapshotStreams } from './snapshot-streams';
import { StreamFolder, StreamStateCache, StreamStateCacheOptions } from './stream-state-cache';
import { SnapshotKind, StreamSnapshots } from './stream-snapshots';
import { tempDirs } from '../../../../test/support/temp-dirs';

// Snapshots against the real embedded store and a real snapshot file: a process that starts
// (a new cache) folds a long stream from its snapshot, and a snapshot that does not match the log
// is never trusted.

const tempDir = tempDirs('snapshots');

// Folds to the list of event types seen, a new array every time (states are immutable).
const folder: StreamFolder<string[]> = {
  initialState: () => [],
  evolve: (state: string[], event: { type: string }) => [...state, event.type],
};
const kind: SnapshotKind = { name: 'types', version: 1, every: 3, streamPrefix: '' };
const kinds = new Map([[folder as StreamFolder<unknown>, kind]]);

/** The store, with every readStream's first revision asked for recorded. */
function recorded(store: EventStore) {
  const reads: number[] = [];
  const readStream = store.readStream.bind(store);
  const spied = Object.create(store) as EventStore;
  spied.readStream = (streamId: string, options?: ReadStreamOptions) => {
    reads.push(options?.fromRevision ?? 0);
    return readStream(streamId, options);
  };
  return { store: spied, reads };
}

async function appendTypes(
  store: EventStore,
  streamId: string,
  types: string[],
  metadata: Record<string, string> = {},
) {
  await store.append(
    streamId,
    types.map((type) => ({ id: randomUUID(), type, data: {}, metadata })),
  );
}

describe('stream snapshots', () => {
  let dir: string;
  let store: SqliteEventStore;
  let snapshots: StreamSnapshots;

  beforeEach(() => {
    dir = tempDir();
    store = SqliteEventStore.open({ dataDir: dir });
    snapshots = StreamSnapshots.open(dir);
  });
  /** A cache (a process) that keeps snapshots in `snapshots`. */
  const cacheOn = (on: EventStore, options: StreamStateCacheOptions = {}) =>
    new StreamStateCache(on, { snapshotting: { snapshots, kinds }, ...options });

  afterEach(async () => {
    await snapshots.close();
    await store.close();
  });

  it('lets a new process fold a long stream from its snapshot and the events after it', async () => {
    await appendTypes(store, 'roster-a', ['A', 'B', 'C', 'D']);
    await cacheOn(store).read(folder, 'roster-a');
    expect(snapshots.load(kind, 'roster-a')).toMatchObject({ revision: 3 });

    await appendTypes(store, 'roster-a', ['E']);
    const { store: spied, reads } = recorded(store);
    const restarted = cacheOn(spied);
    const folded = await restarted.read(folder, 'roster-a');
    expect(folded).toMatchObject({ state: ['A', 'B', 'C', 'D', 'E'], revision: 4 });
    // From the snapshot's own event (to check it against the log), not from the start.
    expect(reads).toEqual([3]);
  });

  it('answers an Idempotency-Key used before the snapshot after a restart as before it', async () => {
    const key = { idempotencyKey: 'key-1', commandHash: 'h1' };
    await appendTypes(store, 's', ['Reserved'], key);
    await appendTypes(store, 's', ['A', 'B', 'C']);
    const first = cacheOn(store);
    await first.read(folder, 's');
    expect(snapshots.load(kind, 's')).toMatchObject({ revision: 3 });
    // The same key's command appended another event after the snapshot.
    await appendTypes(store, 's', ['Released'], key);
    const before = await first.read(folder, 's');

    const restarted = cacheOn(store);
    const after = await restarted.read(folder, 's');
    expect(after.keys.get('key-1')).toEqual({
      commandHash: 'h1',
      types: ['Reserved', 'Released'],
      revision: 4,
      position: 5,
    });
    expect(after.keys.get('key-1')).toEqual(before.keys.get('key-1'));
    expect(after.keys.size).toBe(1);
  });

  it('keeps no Idempotency-Keys of a keyless stream, in the cache or in its snapshot', async () => {
    await appendTypes(store, 's', ['Reserved'], { idempotencyKey: 'key-1', commandHash: 'h1' });
    await appendTypes(store, 's', ['A', 'B']);
    const keyless = new Set([folder as StreamFolder<unknown>]);
    const first = await cacheOn(store, { keyless }).read(folder, 's');
    expect(first.keys.size).toBe(0);
    expect(snapshots.load(kind, 's')?.keys()).toEqual([]);

    // A snapshot written with keys (by a process that kept them) is read without them.
    await appendTypes(store, 't', ['Reserved'], { idempotencyKey: 'key-1', commandHash: 'h1' });
    await appendTypes(store, 't', ['A', 'B']);
    await cacheOn(store).read(folder, 't');
    expect(snapshots.load(kind, 't')?.keys()).toHaveLength(1);
    await appendTypes(store, 't', ['C']);
    const restarted = await cacheOn(store, { keyless }).read(folder, 't');
    expect(restarted).toMatchObject({ state: ['Reserved', 'A', 'B', 'C'], revision: 3 });
    expect(restarted.keys.size).toBe(0);
  });

  it('writes a snapshot only once enough events were folded on since the last', async () => {
    const cache = cacheOn(store);
    await appendTypes(store, 's', ['A', 'B']);
    await cache.read(folder, 's');
    expect(snapshots.load(kind, 's')).toBeUndefined();
    await appendTypes(store, 's', ['C']);
    await cache.read(folder, 's');
    expect(snapshots.load(kind, 's')).toMatchObject({ state: ['A', 'B', 'C'], revision: 2 });
    await appendTypes(store, 's', ['D', 'E']);
    await cache.read(folder, 's');
    expect(snapshots.load(kind, 's')).toMatchObject({ revision: 2 });
    await appendTypes(store, 's', ['F']);
    await cache.read(folder, 's');
    expect(snapshots.load(kind, 's')).toMatchObject({ revision: 5 });
  });

  it('ignores a snapshot folded from another log and folds this log from the start', async () => {
    await appendTypes(store, 's', ['A', 'B', 'C']);
    await cacheOn(store).read(folder, 's');
    const otherDir = tempDir();
    const other = SqliteEventStore.open({ dataDir: otherDir });
    try {
      await appendTypes(other, 's', ['X', 'Y', 'Z', 'W']);
      const cache = cacheOn(other);
      expect((await cache.read(folder, 's')).state).toEqual(['X', 'Y', 'Z', 'W']);
      expect(snapshots.load(kind, 's')).toMatchObject({ state: ['X', 'Y', 'Z', 'W'] });
    } finally {
      await other.close();
    }
  });

  it('ignores a snapshot of another version of the state', async () => {
    await appendTypes(store, 's', ['A', 'B', 'C']);
    await cacheOn(store).read(folder, 's');
    const next = { ...kind, version: 2 };
    expect(snapshots.load(next, 's')).toBeUndefined();
    const cache = new StreamStateCache(store, {
      snapshotting: { snapshots, kinds: new Map([[folder as StreamFolder<unknown>, next]]) },
    });
    expect((await cache.read(folder, 's')).state).toEqual(['A', 'B', 'C']);
    expect(snapshots.load(next, 's')).toMatchObject({ revision: 2 });
  });

  it('keeps no snapshot of a stream whose folder has no kind', async () => {
    const plain: StreamFolder<number> = { initialState: () => 0, evolve: (n: number) => n + 1 };
    await appendTypes(store, 's', ['A', 'B', 'C', 'D']);
    await cacheOn(store).read(plain, 's');
    expect(snapshots.load(kind, 's')).toBeUndefined();
  });

  it('writes every long stream of a kind in one pass over the log, as a fold of each would', async () => {
    await appendTypes(store, 'roster-a', ['A', 'B']);
    await appendTypes(store, 'roster-b', ['A']);
    await appendTypes(store, 'other', ['A', 'B', 'C']);
    await appendTypes(store, 'roster-a', ['C', 'D']);
    const rosters = { ...kind, streamPrefix: 'roster-' };
    expect(await snapshotStreams(store, snapshots, folder, rosters)).toBe(1);
    const last = (await store.readStream('roster-a')).at(-1)!;
    expect(snapshots.load(rosters, 'roster-a')).toMatchObject({
      state: ['A', 'B', 'C', 'D'],
      revision: 3,
      eventId: last.id,
    });
    expect(snapshots.load(rosters, 'roster-b')).toBeUndefined();
    expect(snapshots.load(rosters, 'other')).toBeUndefined();
  });

  it('keeps the snapshots of a file made with the earlier, WITHOUT ROWID table', async () => {
    const earlier = tempDir();
    const db = new Database(join(earlier, 'stream-snapshots.sqlite'));
    db.exec(`CREATE TABLE stream_snapshot (stream_id TEXT PRIMARY KEY, kind TEXT NOT NULL,
      version INTEGER NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
      state TEXT NOT NULL, keys TEXT NOT NULL) WITHOUT ROWID`);
    db.prepare('INSERT INTO stream_snapshot VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      's',
      kind.name,
      kind.version,
      4,
      'e4',
      JSON.stringify(['A', 'B']),
      JSON.stringify([['k', {}]]),
    );
    db.close();
    const opened = StreamSnapshots.open(earlier);
    try {
      expect(opened.load(kind, 's')).toMatchObject({
        state: ['A', 'B'],
        revision: 4,
        eventId: 'e4',
      });
      expect(opened.load(kind, 's')?.keys()).toEqual([['k', {}]]);
    } finally {
      await opened.close();
    }
    const reopened = new Database(join(earlier, 'stream-snapshots.sqlite'), { readonly: true });
    const sql = reopened.prepare("SELECT sql FROM sqlite_master WHERE name = 'stream_snapshot'");
    expect(sql.pluck().get()).not.toMatch(/WITHOUT ROWID/);
    reopened.close();
  });

  it('starts without snapshots when the file is unreadable', async () => {
    const broken = tempDir();
    writeFileSync(join(broken, 'stream-snapshots.sqlite'), 'not a database, '.repeat(512));
    const fresh = StreamSnapshots.open(broken);
    try {
      expect(fresh.load(kind, 's')).toBeUndefined();
      fresh.save(kind, 's', { state: ['A'], revision: 0, eventId: 'e', keys: [] });
      expect(fresh.load(kind, 's')).toMatchObject({ state: ['A'], revision: 0, eventId: 'e' });
      expect(fresh.load(kind, 's')?.keys()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
