import { randomUUID } from 'node:crypto';
import {
  EventData,
  EventStore,
  InvalidEventError,
  RecordedEvent,
  Subscription,
  WrongExpectedRevisionError,
} from '@kundval/event-store';

export interface ContractOptions {
  /** The embedded store numbers the log 1, 2, 3, …; a server's log positions may have gaps. */
  gapFreePositions?: boolean;
}

/** The behaviour every event store adapter must show. Stream names are unique per run. */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  options: ContractOptions = {},
): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    const run = `t${randomUUID().slice(0, 8)}`;
    let counter = 0;
    const stream = (kind = 'citizen') => `${run}-${kind}-${++counter}`;
    const mine = { streamPrefixes: [run] };

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
    });

    describe('appending', () => {
      it('stores events with id, type, payload, metadata and a UTC timestamp', async () => {
        const id = stream();
        const before = Date.now();
        const event = evt(
          'ChoiceRegistered',
          { providerId: 'p-1', amountOre: 1234567 },
          {
            correlationId: randomUUID(),
            causationId: randomUUID(),
            actor: 'caseworker-7',
            role: 'caseworker',
            channel: 'paper',
            reason: 'guardian called',
            schemaVersion: 2,
          },
        );
        const result = await store.append(id, [event], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(0);
        expect(result.position).toBeGreaterThan(0);

        const [read] = await store.readStream(id);
        expect(read).toMatchObject({
          id: event.id,
          type: 'ChoiceRegistered',
          streamId: id,
          revision: 0,
          position: result.position,
          data: event.data,
          metadata: event.metadata,
        });
        expect(read.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(Date.parse(read.recordedAt)).toBeGreaterThanOrEqual(before - 5_000);
      });

      it('defaults the schema version in metadata to 1', async () => {
        const id = stream();
        await store.append(id, [evt('A', {})]);
        const [read] = await store.readStream(id);
        expect(read.metadata.schemaVersion).toBe(1);
      });

      it('appends several events atomically with consecutive revisions', async () => {
        const id = stream();
        const result = await store.append(id, [evt('A', 1), evt('B', 2), evt('C', 3)]);
        expect(result.nextExpectedRevision).toBe(2);
        const events = await store.readStream(id);
        expect(events.map((e) => [e.type, e.revision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
        expect(events[2].position).toBe(result.position);
      });

      it('stores a 1 MB payload intact', async () => {
        const id = stream();
        const big = {
          text: 'x'.repeat(1024 * 1024),
          items: Array.from({ length: 1000 }, (_, i) => i),
        };
        await store.append(id, [evt('Big', big)]);
        const [read] = await store.readStream(id);
        expect(read.data).toEqual(big);
      });

      it('keeps unicode (å, ä, ö) in payloads, metadata and stream names', async () => {
        const id = `${stream()}-Åsa-Öberg`;
        const data = { name: 'Björkängens förskola', note: 'Ärende om ökad omsorg – 😀' };
        await store.append(id, [evt('ProviderRegistered', data, { reason: 'Överklagande' })]);
        const [read] = await store.readStream(id);
        expect(read.streamId).toBe(id);
        expect(read.data).toEqual(data);
        expect(read.metadata.reason).toBe('Överklagande');
      });

      it('refuses a payload that is not JSON-serialisable and writes nothing', async () => {
        const id = stream();
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        for (const data of [cyclic, { n: NaN }, { when: new Date() }, { big: BigInt(1) }]) {
          await expect(store.append(id, [evt('Ok', {}), evt('Bad', data)])).rejects.toBeInstanceOf(
            InvalidEventError,
          );
        }
        await expect(
          store.append(id, [{ id: 'not-a-uuid', type: 'X', data: {} }]),
        ).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(id)).toEqual([]);
      });

      it('refuses an append whose last event is not JSON without touching appends made with it', async () => {
        const [before, bad, after] = [stream(), stream(), stream()];
        const many = Array.from({ length: 50 }, (_, i) => evt('Ok', { i }));
        const results = await Promise.allSettled([
          store.append(before, [evt('A', {})]),
          store.append(bad, [...many, evt('Bad', { n: NaN })]),
          store.append(after, [evt('B', {})]),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(bad)).toEqual([]);
        const [a] = await store.readStream(before);
        const [b] = await store.readStream(after);
        expect([a.type, b.type]).toEqual(['A', 'B']);
      });
    });

    describe('optimistic concurrency', () => {
      it('no_stream fails on an existing stream and reports its revision', async () => {
        const id = stream();
        await store.append(id, [evt('A', {}), evt('B', {})]);
        const error = await store
          .append(id, [evt('C', {})], { expectedRevision: 'no_stream' })
          .catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, actualRevision: 1 });
      });

      it('stream_exists fails on a missing stream with actual revision -1', async () => {
        const error = await store
          .append(stream(), [evt('A', {})], { expectedRevision: 'stream_exists' })
          .catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error.actualRevision).toBe(-1);
      });

      it('an exact revision must match; any always succeeds', async () => {
        const id = stream();
        await store.append(id, [evt('A', {})], { expectedRevision: 'no_stream' });
        await store.append(id, [evt('B', {})], { expectedRevision: 0 });
        await expect(
          store.append(id, [evt('C', {})], { expectedRevision: 0 }),
        ).rejects.toMatchObject({
          actualRevision: 1,
        });
        await store.append(id, [evt('D', {})], { expectedRevision: 'stream_exists' });
        await store.append(id, [evt('E', {})], { expectedRevision: 'any' });
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'D', 'E']);
      });

      it('of concurrent writers expecting the same revision exactly one succeeds', async () => {
        const id = stream('provider');
        await store.append(id, [evt('Registered', {})]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.append(id, [evt('Warned', { i })], { expectedRevision: 0 }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(rejected.every((o) => o.reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('re-appending the same event ids is a no-op success', async () => {
        const id = stream();
        const events = [evt('A', { n: 1 }), evt('B', { n: 2 })];
        const first = await store.append(id, events, { expectedRevision: 'no_stream' });
        const retry = await store.append(id, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('recognises a retry after later appends by the events after its expected revision', async () => {
        const id = stream();
        const events = [evt('A', { n: 1 }), evt('B', { n: 2 })];
        const first = await store.append(id, events, { expectedRevision: 'no_stream' });
        await store.append(id, [evt('C', {})], { expectedRevision: 1 });
        const retry = await store.append(id, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it("recognises a retry expecting no revision when its events are the stream's last", async () => {
        const id = stream();
        await store.append(id, [evt('A', {})]);
        const events = [evt('B', {}), evt('C', {})];
        const first = await store.append(id, events);
        const retry = await store.append(id, events, { expectedRevision: 'any' });
        expect(retry).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('rejects a new append at a revision already taken as a conflict', async () => {
        const id = stream();
        await store.append(id, [evt('A', {})], { expectedRevision: 'no_stream' });
        await expect(
          store.append(id, [evt('B', {})], { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      });

      it('the same event id may appear in different streams', async () => {
        const event = evt('A', {});
        await store.append(stream(), [event]);
        await store.append(stream(), [event]);
      });
    });

    describe('reading a stream', () => {
      it('reads a missing stream as empty, forwards and backwards', async () => {
        expect(await store.readStream(stream())).toEqual([]);
        expect(await store.readStream(stream(), { direction: 'backwards' })).toEqual([]);
      });

      it('reads forwards and backwards from a revision with a limit', async () => {
        const id = stream();
        await store.append(
          id,
          ['a', 'b', 'c', 'd', 'e'].map((t) => evt(t, {})),
        );
        const types = (events: RecordedEvent[]) => events.map((e) => e.type).join('');
        expect(types(await store.readStream(id))).toBe('abcde');
        expect(types(await store.readStream(id, { fromRevision: 2, limit: 2 }))).toBe('cd');
        expect(types(await store.readStream(id, { direction: 'backwards' }))).toBe('edcba');
        expect(
          types(await store.readStream(id, { direction: 'backwards', fromRevision: 3, limit: 2 })),
        ).toBe('dc');
        expect(types(await store.readStream(id, { direction: 'backwards', limit: 1 }))).toBe('e');
      });
    });

    describe('the global log', () => {
      it('orders events by strictly increasing positions across streams', async () => {
        const a = stream();
        const b = stream();
        await store.append(a, [evt('A1', {})]);
        await store.append(b, [evt('B1', {}), evt('B2', {})]);
        await store.append(a, [evt('A2', {})]);
        const all = await store.readAll({ filter: mine });
        const ours = all.filter((e) => e.streamId === a || e.streamId === b);
        expect(ours.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        for (let i = 1; i < ours.length; i++) {
          expect(ours[i].position).toBeGreaterThan(ours[i - 1].position);
          if (options.gapFreePositions) expect(ours[i].position).toBe(ours[i - 1].position + 1);
        }
        expect(await store.headPosition()).toBeGreaterThanOrEqual(ours[3].position);
      });

      it('reads after a position with a limit', async () => {
        const id = stream();
        await store.append(
          id,
          ['a', 'b', 'c', 'd'].map((t) => evt(t, {})),
        );
        const all = (await store.readAll({ filter: mine })).filter((e) => e.streamId === id);
        const page = await store.readAll({ after: all[0].position, limit: 2, filter: mine });
        expect(page.map((e) => e.type)).toEqual(['b', 'c']);
      });

      it('filters by event type and by stream prefix', async () => {
        const school = `${run}-school-${++counter}`;
        await store.append(school, [evt('SchemeEstablished', {}), evt('RateScheduled', {})]);
        await store.append(`${run}-provider-${++counter}`, [evt('RateScheduled', {})]);
        const rates = await store.readAll({ filter: { ...mine, eventTypes: ['RateScheduled'] } });
        expect(rates.map((e) => e.type)).toEqual(
          expect.arrayContaining(['RateScheduled', 'RateScheduled']),
        );
        expect(rates.every((e) => e.type === 'RateScheduled')).toBe(true);
        const schools = await store.readAll({ filter: { streamPrefixes: [`${run}-school-`] } });
        expect(schools.map((e) => e.type)).toEqual(['SchemeEstablished', 'RateScheduled']);
        const both = await store.readAll({
          filter: { streamPrefixes: [`${run}-school-`], eventTypes: ['RateScheduled'] },
        });
        expect(both).toHaveLength(1);
      });

      it('matches stream prefixes exactly: no wildcards, case-sensitive, unicode', async () => {
        await store.append(`${run}-a_b/1`, [evt('Exact', {})]);
        await store.append(`${run}-axb/1`, [evt('Wildcard', {})]);
        await store.append(`${run}-A_B/1`, [evt('Upper', {})]);
        await store.append(`${run}-Ö/1`, [evt('Unicode', {})]);
        const exact = await store.readAll({ filter: { streamPrefixes: [`${run}-a_b/`] } });
        expect(exact.map((e) => e.type)).toEqual(['Exact']);
        const unicode = await store.readAll({ filter: { streamPrefixes: [`${run}-Ö`] } });
        expect(unicode.map((e) => e.type)).toEqual(['Unicode']);
      });
    });

    describe('subscriptions', () => {
      it('catches up from a checkpoint, then delivers live events in order', async () => {
        const id = stream();
        await store.append(id, [evt('one', {}), evt('two', {}), evt('three', {})]);
        const stored = await store.readStream(id);
        const subscription = store.subscribe({ after: stored[0].position, filter: mine });
        const received = collect(subscription, 4);
        await store.append(id, [evt('four', {})]);
        await store.append(id, [evt('five', {})]);
        const events = await received;
        expect(events.map((e) => e.type)).toEqual(['two', 'three', 'four', 'five']);
        for (let i = 1; i < events.length; i++) {
          expect(events[i].position).toBeGreaterThan(events[i - 1].position);
        }
      });

      it('stops when asked, ending the iteration', async () => {
        const subscription = store.subscribe({ filter: mine });
        const done = (async () => {
          const seen: RecordedEvent[] = [];
          for await (const event of subscription) seen.push(event);
          return seen;
        })();
        await store.append(stream(), [evt('A', {})]);
        await waitFor(async () => (await store.readAll({ filter: mine })).length > 0);
        await new Promise((r) => setTimeout(r, 100));
        await subscription.stop();
        await expect(done).resolves.toEqual(expect.any(Array));
      });

      it('delivers only what its filter selects', async () => {
        const subscription = store.subscribe({ filter: { streamPrefixes: [`${run}-only-`] } });
        const received = collect(subscription, 2);
        await store.append(stream(), [evt('Other', {})]);
        await store.append(`${run}-only-1`, [evt('Mine', { n: 1 })]);
        await store.append(stream(), [evt('Other', {})]);
        await store.append(`${run}-only-2`, [evt('Mine', { n: 2 })]);
        expect((await received).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
      });

      it('reports checkpoints past what its filter left out, in order with the events', async () => {
        const other = `${run}-cp-other`;
        const before = (await store.append(other, [evt('Other', {})])).position;
        await store.append(`${run}-cp-mine`, [evt('Mine', {})]);
        const last = (await store.append(other, [evt('Other', {})])).position;
        const trace: { checkpoint?: number; event?: number }[] = [];
        let reached: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (reached = resolve));
        const subscription = store.subscribe({
          after: before - 1,
          filter: { streamPrefixes: [`${run}-cp-mine`] },
          onCheckpoint: (position) => {
            trace.push({ checkpoint: position });
            if (position >= last) reached();
          },
        });
        const consumed = (async () => {
          for await (const event of subscription) trace.push({ event: event.position });
        })();
        const timeout = setTimeout(() => void subscription.stop(), 10_000);
        await done;
        clearTimeout(timeout);
        await subscription.stop();
        await consumed;
        const events = trace.flatMap((t) => (t.event ? [t.event] : []));
        expect(events).toHaveLength(1);
        expect(trace.at(-1)).toEqual({ checkpoint: last });
        // No checkpoint passes the event before the event itself has been delivered.
        const delivered = trace.findIndex((t) => t.event !== undefined);
        expect(trace.slice(0, delivered).every((t) => t.checkpoint! < events[0])).toBe(true);
      });
    });
  });
}

function evt(type: string, data: unknown, metadata?: EventData['metadata']): EventData {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

async function collect(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const timeout = setTimeout(() => void subscription.stop(), 10_000);
  for await (const event of subscription) {
    events.push(event);
    if (events.length === count) break;
  }
  clearTimeout(timeout);
  await subscription.stop();
  return events;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 50));
}
