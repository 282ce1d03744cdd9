import { randomUUID } from 'node:crypto';
import { EventData, ExpectedRevision } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { BenchEvent, FillStream, StoreFactory, StoreUnderTest } from './workload';

function toEventData(event: BenchEvent): EventData {
  return { id: randomUUID(), type: event.type, data: event.data };
}

/** Our revisions are 0-based, so a stream of n events is at revision n - 1. */
function expectedRevision(eventsInStream: number): ExpectedRevision {
  return eventsInStream === 0 ? 'no_stream' : eventsInStream - 1;
}

class OurStore implements StoreUnderTest {
  constructor(private readonly store: SqliteEventStore) {}

  async append(
    streamId: string,
    events: readonly BenchEvent[],
    eventsInStream: number,
  ): Promise<void> {
    await this.store.append(streamId, events.map(toEventData), {
      expectedRevision: expectedRevision(eventsInStream),
    });
  }

  async fill(streams: readonly FillStream[]): Promise<void> {
    // Appends requested in one tick share one durable transaction (group commit).
    await Promise.all(
      streams.map((s) =>
        this.store.append(s.streamId, s.events.map(toEventData), { expectedRevision: 'no_stream' }),
      ),
    );
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId)).length;
  }

  async readAll(pageSize: number): Promise<number> {
    let read = 0;
    let after = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: pageSize });
      read += page.length;
      if (page.length < pageSize) return read;
      after = page[page.length - 1]!.position;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The embedded store as the application uses it: `SqliteEventStore.open({ dataDir })`. */
export const ourStoreFactory: StoreFactory = {
  name: 'ours',
  async describe() {
    return [
      'ours: SqliteEventStore (@kundval/event-store/embedded) via better-sqlite3, opened with ' +
        'SqliteEventStore.open({ dataDir }); journal_mode=WAL, synchronous=FULL, appends made in ' +
        'one event-loop tick share one transaction (group commit); one long-lived connection.',
    ];
  },
  async open(dataDir: string) {
    return new OurStore(SqliteEventStore.open({ dataDir }));
  },
};
