import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BACKWARDS,
  END,
  EVENT_TYPE,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_NAME,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { InvalidEventError } from '../errors/invalid-event.error';
import { WrongExpectedRevisionError } from '../errors/wrong-expected-revision.error';
import { RecordedEvent } from '../port/recorded-event';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A resolved event as the client yields it. */
function resolved(streamId: string, revision: number, position: number, type = 'Happened') {
  return {
    event: {
      streamId,
      id: randomUUID(),
      isJson: true,
      revision: BigInt(revision),
      type,
      created: new Date('2025-01-02T03:04:05.006Z'),
      data: { revision },
      metadata: { schemaVersion: 1 },
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
    commitPosition: BigInt(position),
  };
}

/** A client read: a readable of resolved events that can fail at the end and be cancelled. */
function read(items: unknown[], error?: Error) {
  const queue = [...items];
  const stream = new Readable({
    objectMode: true,
    read() {
      if (queue.length > 0) this.push(queue.shift());
      else if (error) this.destroy(error);
      else this.push(null);
    },
  });
  return Object.assign(stream, { cancel: jest.fn(async () => undefined) });
}

/** A live client subscription the test pushes events into. */
function liveSubscription() {
  const stream = new Readable({ objectMode: true, read: () => undefined });
  return Object.assign(stream, { unsubscribe: jest.fn(async () => undefined) });
}

function fakeClient() {
  return {
    appendToStream: jest.fn(),
    readStream: jest.fn(() => read([])),
    readAll: jest.fn(() => read([])),
    subscribeToAll: jest.fn(),
    dispose: jest.fn(async () => undefined),
  };
}

const evt = (type = 'ChoiceRegistered', data: unknown = { providerId: 'p-1' }) => ({
  id: randomUUID(),
  type,
  data,
});

describe('EventStoreDbEventStore', () => {
  let client: ReturnType<typeof fakeClient>;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    client = fakeClient();
    jest
      .spyOn(EventStoreDBClient, 'connectionString')
      .mockReturnValue(client as unknown as EventStoreDBClient);
    store = await EventStoreDbEventStore.connect('esdb://localhost:2113?tls=false', {
      verify: false,
    });
  });

  afterEach(async () => {
    await store.close();
    jest.restoreAllMocks();
  });

  describe('connect', () => {
    it('refuses a malformed connection string as a configuration error', async () => {
      jest.restoreAllMocks();
      await expect(EventStoreDbEventStore.connect('http://localhost:2113')).rejects.toBeInstanceOf(
        EventStoreConfigurationError,
      );
      await expect(
        EventStoreDbEventStore.connect('esdb://localhost:2113?tls=true&tlsCAFile=/no/such/ca.crt'),
      ).rejects.toBeInstanceOf(EventStoreConfigurationError);
    });

    it('reports a server that does not answer as unavailable, at once', async () => {
      jest.restoreAllMocks();
      // Nothing listens on port 1: the connection is refused without leaving this machine.
      await expect(
        EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false'),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('verifies by reading the head and disposes of the client when that fails', async () => {
      client.readAll.mockReturnValueOnce(read([], new UnavailableError(undefined, 'down')));
      await expect(
        EventStoreDbEventStore.connect('esdb://localhost:2113?tls=false'),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(client.dispose).toHaveBeenCalled();
    });
  });

  describe('append', () => {
    it('sends checked JSON events with the expected revision and maps the result', async () => {
      client.appendToStream.mockResolvedValue({
        success: true,
        nextExpectedRevision: BigInt(1),
        position: { commit: BigInt(900), prepare: BigInt(900) },
      });
      const a = { ...evt(), id: randomUUID().toUpperCase(), metadata: { actor: 'cw-7' } };
      const b = evt('ChoiceConfirmed', [1, 'two', null]);
      const result = await store.append('citizen-1', [a, b], { expectedRevision: 'no_stream' });

      expect(result).toEqual({ nextExpectedRevision: 1, position: 900 });
      const [streamName, events, options] = client.appendToStream.mock.calls[0];
      expect(streamName).toBe('citizen-1');
      expect(options).toEqual({ expectedRevision: NO_STREAM });
      expect(events).toEqual([
        {
          id: a.id.toLowerCase(),
          contentType: 'application/json',
          type: 'ChoiceRegistered',
          data: { providerId: 'p-1' },
          metadata: { schemaVersion: 1, actor: 'cw-7' },
        },
        {
          id: b.id,
          contentType: 'application/json',
          type: 'ChoiceConfirmed',
          data: [1, 'two', null],
          metadata: { schemaVersion: 1 },
        },
      ]);
    });

    it('sends an exact expected revision as a bigint', async () => {
      client.appendToStream.mockResolvedValue({
        success: true,
        nextExpectedRevision: BigInt(4),
        position: { commit: BigInt(1000), prepare: BigInt(1000) },
      });
      await store.append('citizen-1', [evt()], { expectedRevision: 3 });
      expect(client.appendToStream.mock.calls[0][2]).toEqual({ expectedRevision: BigInt(3) });
    });

    it('translates the client’s wrong expected version', async () => {
      client.appendToStream.mockRejectedValue(
        new WrongExpectedVersionError(undefined, {
          streamName: 'citizen-1',
          expected: BigInt(0),
          current: BigInt(1),
        }),
      );
      const error = await store
        .append('citizen-1', [evt()], { expectedRevision: 0 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({
        streamId: 'citizen-1',
        expectedRevision: 0,
        actualRevision: 1,
      });
    });

    it('translates a lost connection', async () => {
      client.appendToStream.mockRejectedValue(new UnavailableError(undefined, 'gone'));
      await expect(store.append('citizen-1', [evt()])).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
    });

    it('looks up the position when an idempotent retry reports none', async () => {
      client.appendToStream.mockResolvedValue({
        success: true,
        nextExpectedRevision: BigInt(1),
        position: undefined,
      });
      client.readStream.mockReturnValueOnce(read([resolved('citizen-1', 1, 555)]));
      const result = await store.append('citizen-1', [evt(), evt()]);
      expect(result).toEqual({ nextExpectedRevision: 1, position: 555 });
      expect(client.readStream).toHaveBeenCalledWith('citizen-1', {
        direction: FORWARDS,
        fromRevision: BigInt(1),
        maxCount: 1,
      });
    });

    it('writes nothing when any event is invalid or two share an id', async () => {
      const bad = { id: 'not-a-uuid', type: 'X', data: {} };
      await expect(store.append('citizen-1', [evt(), bad])).rejects.toBeInstanceOf(
        InvalidEventError,
      );
      const twin = evt();
      await expect(store.append('citizen-1', [twin, twin])).rejects.toBeInstanceOf(
        InvalidEventError,
      );
      await expect(store.append('', [evt()])).rejects.toBeInstanceOf(InvalidEventError);
      expect(client.appendToStream).not.toHaveBeenCalled();
    });

    it('checks the expected revision of an empty append without writing', async () => {
      client.readStream.mockImplementation(() => read([], new StreamNotFoundError(undefined, 's')));
      await expect(
        store.append('citizen-1', [], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({ actualRevision: -1 });
      await expect(
        store.append('citizen-1', [], { expectedRevision: 'no_stream' }),
      ).resolves.toEqual({ nextExpectedRevision: -1, position: 0 });
      expect(client.appendToStream).not.toHaveBeenCalled();
    });
  });

  describe('readStream', () => {
    it('maps options and events', async () => {
      client.readStream.mockReturnValueOnce(
        read([resolved('citizen-1', 3, 300), resolved('citizen-1', 2, 200)]),
      );
      const events = await store.readStream('citizen-1', {
        direction: 'backwards',
        fromRevision: 3,
        limit: 2,
      });
      expect(client.readStream).toHaveBeenCalledWith('citizen-1', {
        direction: BACKWARDS,
        fromRevision: BigInt(3),
        maxCount: 2,
      });
      expect(events.map((e) => [e.revision, e.position])).toEqual([
        [3, 300],
        [2, 200],
      ]);
      expect(events[0].recordedAt).toBe('2025-01-02T03:04:05.006Z');
    });

    it('reads from the start or the end by default, without a count', async () => {
      await store.readStream('citizen-1');
      await store.readStream('citizen-1', { direction: 'backwards' });
      expect(client.readStream.mock.calls).toEqual([
        ['citizen-1', { direction: FORWARDS, fromRevision: START }],
        ['citizen-1', { direction: BACKWARDS, fromRevision: END }],
      ]);
    });

    it('reads a missing stream as empty', async () => {
      client.readStream.mockReturnValueOnce(read([], new StreamNotFoundError(undefined, 'x')));
      await expect(store.readStream('x')).resolves.toEqual([]);
    });

    it('asks nothing of the server for a zero limit', async () => {
      await expect(store.readStream('x', { limit: 0 })).resolves.toEqual([]);
      expect(client.readStream).not.toHaveBeenCalled();
    });
  });

  describe('readAll', () => {
    it('reads after an exclusive position, leaves out system events, filters and limits', async () => {
      const all = read([
        resolved('citizen-1', 0, 100), // the checkpoint itself: a read starts there
        resolved('$ce-citizen', 0, 110, '$>'),
        resolved('citizen-1', 1, 120, 'Other'),
        resolved('provider-1', 0, 130),
        resolved('citizen-2', 0, 140),
        resolved('citizen-3', 0, 150),
        resolved('citizen-4', 0, 160),
      ]);
      client.readAll.mockReturnValueOnce(all);
      const events = await store.readAll({
        after: 100,
        limit: 2,
        filter: { eventTypes: ['Happened'], streamPrefixes: ['citizen-'] },
      });
      expect(client.readAll).toHaveBeenCalledWith({
        fromPosition: { commit: BigInt(100), prepare: BigInt(100) },
      });
      expect(events.map((e) => e.streamId)).toEqual(['citizen-2', 'citizen-3']);
      // The page is full before the log ends: the server call is cancelled.
      expect(all.cancel).toHaveBeenCalled();
    });

    it('reads from the start after position 0', async () => {
      await store.readAll();
      expect(client.readAll).toHaveBeenCalledWith({ fromPosition: START });
    });

    it('translates a failure', async () => {
      client.readAll.mockReturnValueOnce(read([], new UnavailableError(undefined, 'down')));
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });

  describe('headPosition', () => {
    it('is the position of the last event that is not a system event', async () => {
      const backwards = read([
        resolved('$stats-node', 9, 900, '$statsCollected'),
        resolved('citizen-1', 4, 800),
        resolved('citizen-1', 3, 700),
      ]);
      client.readAll.mockReturnValueOnce(backwards);
      await expect(store.headPosition()).resolves.toBe(800);
      expect(client.readAll).toHaveBeenCalledWith({ direction: BACKWARDS, fromPosition: END });
      expect(backwards.cancel).toHaveBeenCalled();
    });

    it('is 0 for an empty log', async () => {
      await expect(store.headPosition()).resolves.toBe(0);
    });
  });

  describe('subscribe', () => {
    async function take(iterator: AsyncIterator<RecordedEvent>, count: number) {
      const events: RecordedEvent[] = [];
      while (events.length < count) {
        const next = await iterator.next();
        if (next.done) break;
        events.push(next.value);
      }
      return events;
    }

    it('subscribes to $all after the checkpoint with a server filter and delivers in order', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const subscription = store.subscribe({
        after: 100,
        filter: { streamPrefixes: ['citizen-'] },
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const received = take(iterator, 2);

      live.push(resolved('citizen-1', 0, 100)); // at the checkpoint: already processed
      live.push(resolved('$ce-citizen', 0, 105, '$>'));
      live.push(resolved('citizen-1', 1, 110));
      live.push(resolved('provider-1', 0, 115));
      live.push(resolved('citizen-2', 0, 120));
      expect((await received).map((e) => e.position)).toEqual([110, 120]);

      const [options] = client.subscribeToAll.mock.calls[0];
      expect(options.fromPosition).toEqual({ commit: BigInt(100), prepare: BigInt(100) });
      expect(options.filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['citizen-'] });
      await subscription.stop();
    });

    it('with checkpoints asked for, filters here and passes on what it left out, in order', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const trace: string[] = [];
      const subscription = store.subscribe({
        after: 100,
        filter: { streamPrefixes: ['citizen-'] },
        onCheckpoint: (position) => trace.push(`checkpoint ${position}`),
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const received = (async () => {
        for (const event of await take(iterator, 1)) trace.push(`event ${event.position}`);
        for (const event of await take(iterator, 1)) trace.push(`event ${event.position}`);
      })();

      live.push(resolved('provider-1', 0, 100)); // at the checkpoint: already processed
      live.push(resolved('citizen-1', 1, 110));
      live.push(resolved('$ce-citizen', 0, 112, '$>'));
      live.push(resolved('provider-1', 1, 115));
      live.push(resolved('citizen-2', 0, 120));
      await received;
      expect(trace).toEqual(['event 110', 'checkpoint 115', 'event 120']);
      expect(client.subscribeToAll.mock.calls[0][0].filter).not.toMatchObject({
        filterOn: STREAM_NAME,
      });
      await subscription.stop();
    });

    it('filters on event types on the server when given', () => {
      client.subscribeToAll.mockReturnValue(liveSubscription());
      void store
        .subscribe({ filter: { eventTypes: ['A'] } })
        [Symbol.asyncIterator]()
        .next();
      expect(client.subscribeToAll.mock.calls[0][0]).toMatchObject({
        fromPosition: START,
        filter: { filterOn: EVENT_TYPE, regex: '^(?:A)$' },
      });
    });

    it('stop() ends a pending iteration and cancels the server subscription', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const subscription = store.subscribe();
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const event of subscription) seen.push(event);
      })();
      live.push(resolved('citizen-1', 0, 10));
      await new Promise((r) => setTimeout(r, 20));
      await subscription.stop();
      await expect(done).resolves.toBeUndefined();
      expect(seen).toHaveLength(1);
      expect(live.unsubscribe).toHaveBeenCalled();
    });

    it('breaking out of the loop cancels the server subscription', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      live.push(resolved('citizen-1', 0, 10));
      for await (const _event of store.subscribe()) break;
      expect(live.unsubscribe).toHaveBeenCalled();
    });

    it('surfaces a dropped connection as EventStoreUnavailableError', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const iterator = store.subscribe()[Symbol.asyncIterator]();
      const next = iterator.next();
      live.destroy(new UnavailableError(undefined, 'node went away'));
      await expect(next).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('surfaces a subscription the server ended', async () => {
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const iterator = store.subscribe()[Symbol.asyncIterator]();
      const next = iterator.next();
      live.push(null);
      await expect(next).rejects.toThrow('EventStoreDB ended the subscription');
    });

    it('with an empty filter list stays silent until stopped, without asking the server', async () => {
      const subscription = store.subscribe({ filter: { eventTypes: [] } });
      const next = subscription[Symbol.asyncIterator]().next();
      await subscription.stop();
      await expect(next).resolves.toEqual({ done: true, value: undefined });
      expect(client.subscribeToAll).not.toHaveBeenCalled();
    });
  });

  describe('close', () => {
    it('waits for appends in flight, stops subscriptions and disposes of the client', async () => {
      let finish: (value: unknown) => void = () => undefined;
      client.appendToStream.mockReturnValue(new Promise((resolve) => (finish = resolve)));
      const append = store.append('citizen-1', [evt()]);
      const live = liveSubscription();
      client.subscribeToAll.mockReturnValue(live);
      const subscription = store.subscribe();
      const done = (async () => {
        for await (const _event of subscription) void _event;
      })();
      await new Promise((r) => setTimeout(r, 10));

      const closed = store.close();
      await new Promise((r) => setTimeout(r, 10));
      expect(client.dispose).not.toHaveBeenCalled();
      finish({
        success: true,
        nextExpectedRevision: BigInt(0),
        position: { commit: BigInt(10), prepare: BigInt(10) },
      });
      await closed;
      await expect(append).resolves.toEqual({ nextExpectedRevision: 0, position: 10 });
      await done;
      expect(live.unsubscribe).toHaveBeenCalled();
      expect(client.dispose).toHaveBeenCalledTimes(1);
      await store.close();
      expect(client.dispose).toHaveBeenCalledTimes(1);
    });

    it('refuses use after close', async () => {
      await store.close();
      await expect(store.readStream('x')).rejects.toThrow('closed');
      expect(() => store.subscribe()).toThrow('closed');
    });
  });
});
