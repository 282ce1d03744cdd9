export { EventStoreDbEventStore } from './eventstoredb-event-store';
export type { EventStoreDbConnectOptions } from './eventstoredb-event-store';
export type { EventStore, Subscription } from '../port';
