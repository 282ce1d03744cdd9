import { EventStoreDbEventStore } from '@kundval/event-store/eventstoredb';
import { describeEventStoreContract } from './event-store.contract';

// A server keeps its data between runs; the suite names every stream after a fresh run id.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', () =>
    EventStoreDbEventStore.connect(connectionString),
  );
} else {
  // Written past Jest's console capture, which stays silent for a suite whose tests all skip.
  process.stderr.write('skipped: no EventStoreDB configured (set EVENTSTORE_CONNECTION_STRING)\n');
  describe.skip('event store contract: EventStoreDB (skipped: no EventStoreDB configured)', () => {
    it.skip('runs when EVENTSTORE_CONNECTION_STRING is set (see eventstore/README.md)', () => {});
  });
}
