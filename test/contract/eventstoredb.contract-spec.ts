import { EventStoreDbEventStore } from '@kundval/event-store/eventstoredb';
import { describeEventStoreContract } from './event-store.contract';

// A server keeps its data between runs; the suite names every stream after a fresh run id.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', () =>
    EventStoreDbEventStore.connect(connectionString),
  );
} else {
  console.log('skipped: no EventStoreDB configured');
  describe.skip('event store contract: EventStoreDB', () => {
    it.skip('runs when EVENTSTORE_CONNECTION_STRING is set (see eventstore/README.md)', () => {});
  });
}
