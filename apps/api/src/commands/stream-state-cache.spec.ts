import { EventStore, ReadStreamOptions, RecordedEvent } from '@kundval/event-store';
import { SeededRandom } from '../seed/seeded-random';
import { StreamFolder, StreamStateCache } from './stream-state-cache';

// A log other writers append to behind the cache's back; it records what each read asked for.
function fakeStore() {
  const streams = new Map<string, RecordedEvent[]>();
  const reads: { streamId: string; from: number }[] = [];
  let position = 0;
  const append = (streamId: string, type: string, metadata: Record<string, unknown> = {}) => {
    const events = streams.get(streamId) ?? [];
    const event: RecordedEvent = {
      id: `${++position}`,
      type,
      streamId,
      revision: events.length,
      position,
      data: {},
      metadata,
      recordedAt: new Date(0).toISOString(),
    };
    events.push(event);
    streams.set(streamId, events);
    return event;
  };
  const store = {
    readStream: async (streamId: string, options: ReadStreamOptions = {}) => {
      reads.push({ streamId, from: options.fromRevision ?? 0 });
      return (streams.get(streamId) ?? []).slice(options.fromRevision ?? 0);
    },
  } as unknown as EventStore;
  return { store, append, reads };
}

// Folds to the list of event types seen, a new array every time (states are immutable).
const folder = {
  initialState: (): string[] => [],
  evolve: (state: string[], event: { type: string }) => [...state, event.type],
};

describe('StreamStateCache', () => {
  it('reads only the events after the cached revision, including those other writers appended', async () => {
    const { store, append, reads } = fakeStore();
    const cache = new StreamStateCache(store);
    append('roster-a', 'One');
    append('roster-a', 'Two');
    expect(await cache.read(folder, 'roster-a')).toMatchObject({
      state: ['One', 'Two'],
      revision: 1,
    });
    append('roster-a', 'Three');
    expect(await cache.read(folder, 'roster-a')).toMatchObject({
      state: ['One', 'Two', 'Three'],
      revision: 2,
    });
    expect(reads.map((r) => r.from)).toEqual([0, 2]);
  });

  it('keeps the newer state when a slower concurrent read finishes last', async () => {
    const { store, append } = fakeStore();
    const cache = new StreamStateCache(store);
    append('s', 'One');
    const first = cache.read(folder, 's');
    append('s', 'Two');
    const second = cache.read(folder, 's');
    await Promise.all([second, first]);
    expect((await cache.read(folder, 's')).state).toEqual(['One', 'Two']);
  });

  it('folds again from the start for another folder of the same stream', async () => {
    const { store, append, reads } = fakeStore();
    const cache = new StreamStateCache(store);
    append('s', 'One');
    await cache.read(folder, 's');
    const other = { initialState: () => 0, evolve: (count: number) => count + 1 };
    expect((await cache.read(other, 's')).state).toBe(1);
    expect(reads.map((r) => r.from)).toEqual([0, 0]);
  });

  it('remembers what each Idempotency-Key appended, once per event', async () => {
    const { store, append } = fakeStore();
    const cache = new StreamStateCache(store);
    append('s', 'Reserved', { idempotencyKey: 'key-1', commandHash: 'h1' });
    append('s', 'Released', { idempotencyKey: 'key-1', commandHash: 'h1' });
    await Promise.all([cache.read(folder, 's'), cache.read(folder, 's')]);
    append('s', 'Other');
    const { keys } = await cache.read(folder, 's');
    expect(keys.get('key-1')).toEqual({
      commandHash: 'h1',
      types: ['Reserved', 'Released'],
      revision: 1,
      position: 2,
    });
    expect(keys.size).toBe(1);
  });

  it('folds on what this process appended without reading it back, and still sees others after it', async () => {
    const { store, append, reads } = fakeStore();
    const cache = new StreamStateCache(store);
    append('s', 'One');
    await cache.read(folder, 's');
    const ours = append('s', 'Reserved', { idempotencyKey: 'key-1', commandHash: 'h1' });
    cache.appended(folder, 's', 0, [ours]);
    append('s', 'Theirs');
    const { state, revision, keys } = await cache.read(folder, 's');
    expect({ state, revision }).toEqual({ state: ['One', 'Reserved', 'Theirs'], revision: 2 });
    expect(keys.get('key-1')).toMatchObject({ types: ['Reserved'], revision: 1, position: 2 });
    expect(reads.map((r) => r.from)).toEqual([0, 2]);
  });

  it('leaves an append to be read from the log when the cache is not at the revision it followed', async () => {
    const { store, append, reads } = fakeStore();
    const cache = new StreamStateCache(store);
    append('s', 'One');
    await cache.read(folder, 's');
    append('s', 'Theirs');
    const ours = append('s', 'Ours');
    // Decided on revision 1, which this cache never held: folding it onto revision 0 would lose "Theirs".
    cache.appended(folder, 's', 1, [ours]);
    // A retry that found its events already stored: they do not follow the revision read.
    cache.appended(folder, 's', 0, [ours]);
    expect((await cache.read(folder, 's')).state).toEqual(['One', 'Theirs', 'Ours']);
    expect(reads.map((r) => r.from)).toEqual([0, 1]);
  });

  it('forgets other streams beyond its bound of folded events', async () => {
    const { store, append, reads } = fakeStore();
    // Room for one stream of two events: each counts twice, for the keys the stream keeps.
    const cache = new StreamStateCache(store, { maxEvents: 6 });
    for (const id of ['a', 'b']) {
      append(id, 'One');
      append(id, 'Two');
    }
    await cache.read(folder, 'a');
    await cache.read(folder, 'b');
    await cache.read(folder, 'a');
    expect(reads.slice(-1)).toEqual([{ streamId: 'a', from: 0 }]);
    await cache.read(folder, 'a');
    expect(reads.slice(-1)).toEqual([{ streamId: 'a', from: 2 }]);
  });

  it('still finds most streams cached when reads go round more streams than it holds', async () => {
    const { store, append, reads } = fakeStore();
    const ids = Array.from({ length: 10 }, (_, i) => `s-${i}`);
    ids.forEach((id) => append(id, 'One'));
    // Room for eight of the ten; a seeded sequence of picks keeps the test repeatable.
    const random = new SeededRandom(1);
    const cache = new StreamStateCache(store, { maxEvents: 16, random: () => random.next() });
    for (let round = 0; round < 20; round++) {
      for (const id of ids) await cache.read(folder, id);
    }
    // A read from the start is a stream that was not cached: the first round's ten, then some.
    // Forgetting the least recently used instead, every one of the 200 reads would be one.
    const cold = reads.filter((r) => r.from === 0).length;
    expect(cold).toBeLessThan(100);
    expect(reads).toHaveLength(200);
  });

  it('counts an event of a stream that keeps its keys twice, one of a keyless stream once', async () => {
    const { store, append } = fakeStore();
    const keyless = { ...folder };
    const cache = new StreamStateCache(store, {
      maxEvents: 100,
      keyless: new Set([keyless as StreamFolder<unknown>]),
    });
    for (const id of ['keyed', 'keyless']) {
      append(id, 'One');
      append(id, 'Two');
    }
    await cache.read(folder, 'keyed');
    expect(cache.room).toBe(96);
    await cache.read(keyless, 'keyless');
    expect(cache.room).toBe(94);
  });
});
