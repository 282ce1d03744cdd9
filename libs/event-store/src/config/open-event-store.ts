import { SqliteEventStore } from '../embedded/sqlite-event-store';
import { EventStore } from '../port/event-store.port';
import { EventStoreConfig } from './event-store.config';

/** Opens the configured adapter. The EventStoreDB client is loaded only when it is chosen. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.kind === 'embedded') return SqliteEventStore.open({ dataDir: config.dataDir });
  const { EventStoreDbEventStore } = await import('../eventstoredb');
  return EventStoreDbEventStore.connect(config.connectionString);
}
